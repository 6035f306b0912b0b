/** A part of a chat message's text as mail shows it: words, a mention (a person id) or a link. */
export type MailTextPart =
  | { kind: 'text'; text: string }
  | { kind: 'mention'; userId: string }
  | { kind: 'link'; url: string; label: string };

// Slack markup (`<@U1>`, `<https://x|label>`, `<!here>`) and Teams' `<at>` are chat's, not mail's.
const TOKEN = /<@([A-Za-z0-9._:@+-]+)(?:\|[^>]*)?>|<(https?:\/\/[^|>\s]+)(?:\|([^>]*))?>|<!(here|channel|everyone)(?:\|[^>]*)?>/g;

/** Slack sends &, < and > escaped; people wrote them plain. */
const unescapeChat = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** A stored message's text as parts; nothing here is markup yet (the renderers escape). `plain`: a mail's words, with no chat markup in them. */
export function mailTextParts(text: string, plain = false): MailTextPart[] {
  if (plain) return [{ kind: 'text', text }];
  const parts: MailTextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const at = match.index ?? 0;
    if (at > last) parts.push({ kind: 'text', text: unescapeChat(text.slice(last, at)) });
    const [whole, userId, url, label, special] = match;
    if (userId) parts.push({ kind: 'mention', userId });
    else if (url) parts.push({ kind: 'link', url: unescapeChat(url), label: unescapeChat(label || url) });
    else parts.push({ kind: 'text', text: `@${special}` });
    last = at + whole.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: unescapeChat(text.slice(last)) });
  return parts;
}

export const mentionedIds = (text: string): string[] => mailTextParts(text).flatMap((p) => (p.kind === 'mention' ? [p.userId] : []));
