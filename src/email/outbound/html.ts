/**
 * The HTML part of Chamado's mail: plain, inline-styled markup every client shows the same
 * (no stylesheet, no script, no image). Every interpolated value goes through `escapeHtml`;
 * the helpers below take escaped HTML only where they say so.
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A person's words as paragraphs: escaped, line breaks kept. */
export const paragraphs = (text: string): string =>
  text.split(/\n{2,}/).map((p) => `<p style="margin:0 0 12px 0">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('');

/** A link; `url` and `label` are plain text. */
export const link = (url: string, label: string): string =>
  `<a href="${escapeHtml(url)}" style="color:#1d4ed8">${escapeHtml(label)}</a>`;

/** The whole document around `bodyHtml` (already escaped HTML) and a footer of escaped lines. */
export function document(lang: string, bodyHtml: string, footerHtml: string[]): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>`,
    '<body style="margin:0;padding:0;background:#ffffff">',
    '<div style="max-width:640px;margin:0 auto;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1f2937">',
    bodyHtml,
    '<hr style="border:none;border-top:1px solid #e5e7eb;margin:20px 0">',
    ...footerHtml.map((line) => `<p style="margin:0 0 6px 0;font-size:13px;color:#6b7280">${line}</p>`),
    '</div></body></html>',
  ].join('\n');
}
