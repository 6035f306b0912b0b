import type { TFunction } from 'i18next';
import { isEmailPerson, type FileRef, type MailContent, type Ticket } from '../../core';
import { document, escapeHtml, link, paragraphs } from './html';
import { mailTextParts, type MailTextPart } from './message-text';

/** Notice params that hold person ids (`people`: a comma list), as the chat renderers read them. */
const PERSON_PARAMS = ['actor', 'person', 'people'] as const;

export interface MailView {
  ticket: Pick<Ticket, 'number' | 'title' | 'status'>;
  content: MailContent;
  t: TFunction;
  lang: string;
  /** A person's name by id (an e-mail person's address, a chat person's display name). */
  name: (personId: string) => string;
  ticketUrl: string;
}

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
  /** The writer's name for From; null: the support name (Chamado's own notice). */
  fromName: string | null;
}

/** Every person id a mail names (its writer, its notice's people, its text's mentions), to look up at once. */
export function peopleNamed(content: MailContent): string[] {
  if (content.type === 'message') {
    return [content.authorId, ...mailTextParts(content.text, isEmailPerson(content.authorId)).flatMap((p) => (p.kind === 'mention' ? [p.userId] : []))];
  }
  return PERSON_PARAMS.flatMap((key) => String(content.notice.params[key] ?? '').split(',')).map((s) => s.trim()).filter(Boolean);
}

/**
 * A notice's line in the recipient's language, with names where chat would mention people. A
 * notice that tells chat people to "write here" has a mail wording (`<key>_email`): reply to this mail.
 */
function noticeText(view: MailView, key: string, params: Record<string, string | number>): string {
  const named: Record<string, string | number> = { ...params };
  for (const p of PERSON_PARAMS) {
    const value = params[p];
    if (typeof value === 'string' && value !== '') named[p] = value.split(',').map((id) => view.name(id.trim())).join(', ');
  }
  return view.t([`${key}_email`, key], named);
}

const plainPart = (view: MailView, p: MailTextPart): string => {
  if (p.kind === 'text') return p.text;
  if (p.kind === 'mention') return `@${view.name(p.userId)}`;
  return p.label === p.url ? p.url : `${p.label} (${p.url})`;
};

const plainMessage = (view: MailView, text: string, plain: boolean): string => mailTextParts(text, plain).map((p) => plainPart(view, p)).join('');

const htmlMessage = (view: MailView, text: string, plain: boolean): string => {
  // Escape and break lines part by part, so a link's markup never meets a person's words.
  const html = mailTextParts(text, plain).map((p) => {
    if (p.kind === 'mention') return `<strong>@${escapeHtml(view.name(p.userId))}</strong>`;
    if (p.kind === 'link') return link(p.url, p.label);
    return escapeHtml(p.text);
  }).join('');
  return html.split(/\n{2,}/).map((para) => `<p style="margin:0 0 12px 0">${para.replace(/\n/g, '<br>')}</p>`).join('');
};

function filesPart(view: MailView, files: readonly FileRef[]): { text: string[]; html: string[] } {
  if (files.length === 0) return { text: [], html: [] };
  const { t, ticketUrl } = view;
  return {
    text: ['', t('email:files'), ...files.map((f) => `- ${f.name}: ${ticketUrl}`)],
    html: [
      `<p style="margin:12px 0 4px 0">${escapeHtml(t('email:files'))}</p>`,
      `<ul style="margin:0 0 12px 0;padding-left:20px">${files.map((f) => `<li>${link(ticketUrl, f.name)}</li>`).join('')}</ul>`,
    ],
  };
}

/** One mail's subject and its two parts (text and HTML, the same words), in the recipient's language. */
export function composeMail(view: MailView): ComposedMail {
  const { t, ticket, content, ticketUrl } = view;
  const subject = `[#${ticket.number}] ${ticket.title}`;
  const footerText = [
    t('email:ticket_line', { number: ticket.number, title: ticket.title }),
    t('email:status_line', { status: t(`status.${ticket.status}`) }),
    `${t('email:view', { number: ticket.number })}: ${ticketUrl}`,
    t('email:reply_hint', { number: ticket.number }),
  ];
  const footerHtml = [
    escapeHtml(t('email:ticket_line', { number: ticket.number, title: ticket.title })),
    escapeHtml(t('email:status_line', { status: t(`status.${ticket.status}`) })),
    link(ticketUrl, t('email:view', { number: ticket.number })),
    escapeHtml(t('email:reply_hint', { number: ticket.number })),
  ];
  if (content.type === 'notice') {
    const line = noticeText(view, content.notice.key, content.notice.params);
    return {
      subject,
      fromName: null,
      text: [line, '', '--', ...footerText].join('\n'),
      html: document(view.lang, paragraphs(line), footerHtml),
    };
  }
  const writer = view.name(content.authorId);
  // A mail's words (an e-mail person's) are plain text: no chat markup is read in them.
  const plain = isEmailPerson(content.authorId);
  const files = filesPart(view, content.files);
  const wrote = t('email:wrote', { name: writer });
  return {
    subject,
    fromName: writer,
    text: [wrote, '', plainMessage(view, content.text, plain), ...files.text, '', '--', ...footerText].join('\n'),
    html: document(view.lang, `<p style="margin:0 0 12px 0;color:#6b7280">${escapeHtml(wrote)}</p>${htmlMessage(view, content.text, plain)}${files.html.join('')}`, footerHtml),
  };
}
