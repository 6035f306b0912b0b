import type { IncomingMessage, ServerResponse } from 'node:http';
import { localeFromPlatform, tFor } from '../i18n';
import type { Route } from './server';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The reader's language from Accept-Language: Portuguese first, else English. */
function readerLocale(req: IncomingMessage) {
  const first = (req.headers['accept-language'] ?? '').split(',')[0]?.trim();
  return localeFromPlatform(first) ?? 'en';
}

function page(kind: 'privacy' | 'terms') {
  return (req: IncomingMessage, res: ServerResponse) => {
    const locale = readerLocale(req);
    const t = tFor(locale);
    const title = escapeHtml(t(`legal.${kind}_title`));
    const body = escapeHtml(t(`legal.${kind}_text`));
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'" });
    res.end(`<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
      `<title>${title}</title></head><body><h1>${title}</h1><p>${body}</p></body></html>`);
  };
}

/** The privacy and terms pages the Teams app package links to (contract §6: it must install). */
export function legalRoutes(): Route[] {
  return [
    { method: 'GET', path: '/privacy', handle: page('privacy') },
    { method: 'GET', path: '/terms', handle: page('terms') },
  ];
}
