import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { readBody } from '../http/server';

/**
 * Every web response carries these: scripts and styles only from this server (no inline script),
 * never framed, and no Referer (a login URL holds its token until it is spent).
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

/** A whole page: preact-render-to-string escapes every text and attribute value it renders. */
export function sendPage(res: ServerResponse, status: number, page: VNode, headers: Record<string, string | string[]> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(`<!doctype html>${renderToString(page)}`);
}

/** After a form: see-other, so a reload does not post it again. */
export function redirect(res: ServerResponse, location: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(303, { ...SECURITY_HEADERS, location, 'cache-control': 'no-store', ...headers });
  res.end();
}

export function cookieOf(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export class BadForm extends Error {}

/** An HTML form's fields; anything but a small urlencoded body is refused. */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') throw new BadForm('not a form');
  const body = await readBody(req, 64 * 1024).catch(() => {
    throw new BadForm('body too large');
  });
  return new URLSearchParams(body);
}

/** Constant-time comparison of a form's CSRF token with the session's. */
export function sameSecret(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The language a signed-out visitor's browser asks for, among ours. */
export function browserLocale(req: IncomingMessage, fallback: 'en' | 'pt-BR'): 'en' | 'pt-BR' {
  const accept = (req.headers['accept-language'] ?? '').toLowerCase();
  const first = accept.split(',')[0]?.trim() ?? '';
  if (first.startsWith('pt')) return 'pt-BR';
  if (first.startsWith('en')) return 'en';
  return fallback;
}
