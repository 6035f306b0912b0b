import { escapeMrkdwn } from './limits';
import { literalMrkdwn } from './mrkdwn';

/**
 * A stored Slack message's text, shown again by Chamado. Slack delivers text as mrkdwn with its
 * own markup (`<@U1>`, `<#C1|general>`, `<https://x|label>`, `<!here>`) and `&`, `<`, `>`
 * escaped; these turn it back into what the people in the conversation read.
 */
const MARKUP = /<([^<>]*)>/g;
const USER = /^@([UW][A-Z0-9]+)(?:\|(.*))?$/;
const CHANNEL = /^#([CGD][A-Z0-9]+)(?:\|(.*))?$/;
const LINK = /^((?:https?|mailto):[^|\s]+)(?:\|(.*))?$/;
const SPECIAL = /^!(here|channel|everyone)(?:\|.*)?$/;
const DATE = /^!date\^[^|]*\|(.*)$/;
const SUBTEAM = /^!subteam\^[A-Z0-9]+(?:\|(.*))?$/;

const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The user ids a message mentions, so their names can be looked up. */
export const mentionedIds = (text: string): string[] => [...text.matchAll(/<@([UW][A-Z0-9]+)/g)].map((m) => m[1]);

/** Plain text (modal options, Teams-like surfaces): `@Name` for mentions, a link's label or address. */
export function plainFromSlack(text: string, names: ReadonlyMap<string, string>): string {
  return unescape(text.replace(MARKUP, (whole, inner: string) => {
    let m: RegExpExecArray | null;
    if ((m = USER.exec(inner))) return `@${names.get(m[1]) ?? (m[2] || m[1])}`;
    if ((m = CHANNEL.exec(inner))) return `#${m[2] || m[1]}`;
    if ((m = LINK.exec(inner))) return m[2] || m[1];
    if ((m = SPECIAL.exec(inner))) return `@${m[1]}`;
    if ((m = DATE.exec(inner))) return m[1];
    if ((m = SUBTEAM.exec(inner))) return m[1] || '@team';
    return whole;
  }));
}

/**
 * mrkdwn to quote a message in Chamado's own answers: people and channel mentions and links stay
 * live; `@here`-style and group mentions become plain words (a quote never notifies anyone);
 * everything else is escaped text.
 */
export function mrkdwnFromSlack(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(MARKUP)) {
    out += escapeMrkdwn(unescape(text.slice(last, match.index)));
    last = match.index + match[0].length;
    const inner = match[1];
    let m: RegExpExecArray | null;
    if ((m = USER.exec(inner))) out += `<@${m[1]}>`;
    else if ((m = CHANNEL.exec(inner))) out += `<#${m[1]}>`;
    else if ((m = LINK.exec(inner))) out += `<${m[1]}|${escapeMrkdwn(unescape(m[2] || m[1]))}>`;
    else out += escapeMrkdwn(plainFromSlack(match[0], new Map()));
  }
  return out + escapeMrkdwn(unescape(text.slice(last)));
}

/** A link Chamado writes itself: the address kept whole, its label (a file's name, an address) shown literally. */
export const mrkdwnLink = (url: string, label: string) => `<${url.replace(/[<>|\s]/g, encodeURIComponent)}|${literalMrkdwn(label)}>`;
