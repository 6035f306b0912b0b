import type { TFunction } from 'i18next';
import { addressOf, isEmailPerson } from '../../core';

/**
 * Slack reads `&`, `<` and `>` as control characters in mrkdwn and in a message's `text` (which
 * notifications use): `<!channel>` pings a channel, `<https://x|y>` masks a link. Every text
 * Chamado sends goes through here: people's words are escaped whole; our own words are escaped
 * too (a `<title>` placeholder would read as a link), except the markup a template writes on
 * purpose (`<#C…>`, `<@U…>`, `<!date…>`, a link); markup Chamado builds itself (a mention, a link
 * to a card) is passed as Markup and placed as it is.
 */
export interface Markup {
  readonly markup: string;
}

export const markup = (text: string): Markup => ({ markup: text });

/** A person as Slack shows them: a mention, or an e-mail person's address as literal text (`<@email:…>` would mention nobody). */
export const mention = (userId: string) => (isEmailPerson(userId) ? literalMrkdwn(addressOf(userId)) : `<@${userId}>`);

/** A person's mention as a parameter of mrkdwnT. */
export const mentionOf = (userId: string): Markup => markup(mention(userId));

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const ZWSP = '\u200B';

/**
 * Slack's formatting marks (`*bold*`, `_italic_`, `~strike~`, `` `code` ``) where they could open or
 * close a pair: not between two letters or digits, which Slack never reads as formatting (so
 * `snake_case` and `ana_b@x.example` stay as they are, and copy as they are).
 */
const FORMATTING_MARK = /(?<![\p{L}\p{N}])[*_~`]|[*_~`](?![\p{L}\p{N}])/gu;

/**
 * Words that are not a person's own Slack message (a title, a mail's subject or body, a web reply)
 * as mrkdwn that Slack shows exactly as written. mrkdwn has no escape for `*`, `_`, `~` or `` ` ``
 * (a backslash stays visible and escapes nothing), so each mark is fenced by zero-width spaces:
 * a mark with a ZWSP inside can neither open nor close a pair (an opener must be followed, a closer
 * preceded, by a visible non-space character; and a ZWSP before an opener is not the word boundary
 * it needs either way), while the visible characters stay the same. `>` at a line's start would
 * quote the line: a ZWSP keeps it from being first. `&`, `<`, `>` are escaped as escapeMrkdwn does.
 * Where a layout allows, a plain_text element is simpler still (the card's e-mail title, a mail's words).
 */
export function literalMrkdwn(text: string): string {
  return escapeMrkdwn(text)
    .replace(FORMATTING_MARK, `${ZWSP}$&${ZWSP}`)
    .replace(/^&gt;/gm, `${ZWSP}&gt;`);
}

/** Markup a template may hold on purpose: channel, user and special mentions, dates and links. */
const TEMPLATE_MARKUP = /<(?:[#@!][^<>\s]+|(?:https?|mailto):[^<>\s]+)>/g;

/** Our own text: escaped, except the markup it writes on purpose. */
export function escapeOwnText(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(TEMPLATE_MARKUP)) {
    out += escapeMrkdwn(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + escapeMrkdwn(text.slice(last));
}

export type MrkdwnParam = string | number | Markup | null | undefined;

const TOKEN = /\uE000(\d+)\uE001/g;

/** A string param with any of these is not shown as it is: escaped, its formatting marks neutralised. */
const NEEDS_ESCAPE = /[<>&*_~`]/;

/**
 * `t(key, params)` as valid mrkdwn: the template escaped as our own text, each string parameter
 * shown literally as a person's words (literalMrkdwn: a title's `*bold*` stays `*bold*`), each
 * Markup placed as it is, numbers as they are (`count` keeps choosing the plural). Parameters
 * that need escaping are swapped for private-use tokens while i18next fills the template, so
 * escaping the template never touches them.
 */
export function mrkdwnT(t: TFunction, key: string | string[], params: Record<string, MrkdwnParam> = {}): string {
  const values: string[] = [];
  const tokens: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    // A number, or words with nothing to escape, go in as they are: templates also use a param
    // as a key (`$t(status.{{status}})`), which a token would break.
    if (typeof value === 'number' || (typeof value === 'string' && !NEEDS_ESCAPE.test(value))) {
      tokens[name] = value;
      continue;
    }
    const text = value === null || value === undefined ? '' : typeof value === 'string' ? literalMrkdwn(value) : value.markup;
    tokens[name] = `\uE000${values.push(text) - 1}\uE001`;
  }
  return escapeOwnText(t(key, tokens)).replace(TOKEN, (_, i: string) => values[Number(i)]);
}
