/** A piece of a stored message's text, as the web shows it. */
export type TextPart =
  | { kind: 'text'; text: string }
  | { kind: 'mention'; userId: string }
  | { kind: 'link'; url: string; label: string };

const SAFE_URL = /^https?:\/\/[^\s<>"']+$/i;

/** Our own files, received by e-mail: the relative `/files/<id>` the history stores. */
const OWN_FILE = /^\/files\/[0-9a-f-]{36}$/;

/** Only http(s) URLs and our own file paths ever become links (no `javascript:`, no `data:`). */
export const safeUrl = (url: string): string | null => (SAFE_URL.test(url) || OWN_FILE.test(url) ? url : null);

// Slack markup: <@U1>, <@U1|name>, <https://…|label>, <!here>; and bare URLs.
const TOKEN = /<@([A-Za-z0-9._:-]+)(?:\|[^>]*)?>|<(https?:\/\/[^|>\s]+)(?:\|([^>]*))?>|<!(here|channel|everyone)(?:\|[^>]*)?>|(https?:\/\/[^\s<>"']+)/g;

/** Plain words (a mail): only bare URLs are links; `<@U1>` or `<https://x|label>` are the characters written. */
const BARE = /()()()()(https?:\/\/[^\s<>"'|]+)/g;

/**
 * Mentions become names and links become links; everything else stays text (the view escapes it).
 * `plain` text came from outside the chat (e-mail): no chat markup is read in it.
 */
export function parseMessageText(text: string, plain = false): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(plain ? BARE : TOKEN)) {
    const at = match.index ?? 0;
    if (at > last) parts.push({ kind: 'text', text: text.slice(last, at) });
    const [whole, userId, linkUrl, label, special, bare] = match;
    if (userId) parts.push({ kind: 'mention', userId });
    else if (linkUrl) parts.push({ kind: 'link', url: linkUrl, label: label || linkUrl });
    else if (special) parts.push({ kind: 'text', text: `@${special}` });
    else if (bare) {
      const url = bare.replace(/[).,;:!?]+$/, '');
      parts.push({ kind: 'link', url, label: url });
      if (url.length < whole.length) parts.push({ kind: 'text', text: whole.slice(url.length) });
    }
    last = at + whole.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return plain ? parts : parts.map((p) => (p.kind === 'text' ? { kind: 'text', text: unescapeSlack(p.text) } : p));
}

/** Slack sends &, < and > escaped; people wrote them plain. */
const unescapeSlack = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export const mentionedIds = (text: string): string[] =>
  parseMessageText(text).flatMap((p) => (p.kind === 'mention' ? [p.userId] : []));
