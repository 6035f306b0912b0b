import type { TFunction } from 'i18next';

/**
 * Adaptive Card TextBlocks and FactSets, and a Teams message's text, read markdown: a title
 * `[click](https://…)` would be a link, `**x**` bold, `<at>…</at>` a mention tag. A person's words
 * (titles, messages, names) go through here before they are placed in any of them, so they
 * show as typed: every character that starts formatting is backslash-escaped (CommonMark
 * escapes any ASCII punctuation, and Teams renders the escaped character).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_~[\]<>]/g, '\\$&')
    .replace(/^(\s*)([#+-])/gm, '$1\\$2')
    .replace(/^(\s*\d+)\./gm, '$1\\.');
}

/** A parameter that is already Teams markup (an `<at>` mention we built): placed as it is. */
export interface TeamsMarkup {
  readonly markup: string;
}

/** `t(key, params)` with every string parameter escaped as a person's words; numbers and TeamsMarkup as they are. */
export function markdownT(t: TFunction, key: string | string[], params: Record<string, string | number | TeamsMarkup> = {}): string {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    out[name] = typeof value === 'number' ? value : typeof value === 'string' ? escapeMarkdown(value) : value.markup;
  }
  return t(key, out);
}
