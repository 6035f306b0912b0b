import { randomUUID } from 'node:crypto';
import type { Locale } from '../../core';
import { tFor } from '../../i18n';
import { document, escapeHtml, link } from './html';
import type { SupportAddress } from './support-address';
import type { OutgoingMail } from './transport';

/** The mail that carries a web sign-in link to an e-mail person, in their language. */
export function signInMail(support: SupportAddress, to: string, url: string, minutes: number, locale: Locale): OutgoingMail {
  const t = tFor(locale);
  const lines = [t('email:signin.lead'), t('email:signin.expires', { minutes }), t('email:signin.ignore')];
  return {
    from: { name: support.name ?? t('email:support_name'), address: support.address },
    to,
    subject: t('email:signin.subject'),
    text: [lines[0], '', url, '', lines[1], '', lines[2]].join('\n'),
    html: document(locale, [
      `<p style="margin:0 0 12px 0">${escapeHtml(lines[0])}</p>`,
      `<p style="margin:0 0 12px 0">${link(url, t('email:signin.button'))}</p>`,
      `<p style="margin:0 0 12px 0">${escapeHtml(lines[1])}</p>`,
    ].join(''), [escapeHtml(lines[2])]),
    messageId: `chamado.signin.${randomUUID()}@${support.domain}`,
  };
}
