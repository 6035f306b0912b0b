import type { TFunction } from 'i18next';
import type { Ticket } from '../../core';
import { mrkdwnT, type MrkdwnParam } from './mrkdwn';

/** Card permalinks by ticket number: every `#n` of a ticket with a card links to it (contract §5). */
export type CardLinks = ReadonlyMap<number, string>;

/** Params that hold ticket numbers, written `#{{number}}` in the locales. */
const NUMBER_PARAMS = ['number', 'original', 'followUp'] as const;

const MARK = '\u0001';
const MARKED = new RegExp(`(#?)${MARK}(\\d+)${MARK}`, 'g');

/** `<permalink|#n>`, or plain `#n` when the ticket has no card link. */
export function ticketRef(number: number, links: CardLinks): string {
  const url = links.get(number);
  return url ? `<${escapeUrl(url)}|#${number}>` : `#${number}`;
}

/** The links of the tickets at hand (their own `cardUrl`), for answers that need no lookup. */
export function linksOf(tickets: readonly (Pick<Ticket, 'number' | 'cardUrl'> | null | undefined)[]): CardLinks {
  return new Map(tickets.flatMap((t) => (t?.cardUrl ? [[t.number, t.cardUrl] as const] : [])));
}

/** The ticket numbers a notice's params name. */
export function numbersIn(params: Record<string, string | number>): number[] {
  return NUMBER_PARAMS.map((k) => params[k]).filter((v): v is number => typeof v === 'number');
}

/**
 * Translates with every ticket number param shown as a link to its card. The numbers go through
 * the template as marks, so whatever the wording around `#{{number}}`, only Chamado's own numbers
 * become links (never a `#5` inside a person's title). The rest is escaped as mrkdwnT escapes.
 */
export function translateWithLinks(t: TFunction, key: string, params: Record<string, MrkdwnParam>, links: CardLinks): string {
  const marked: Record<string, MrkdwnParam> = { ...params };
  for (const k of NUMBER_PARAMS) {
    const n = params[k];
    if (typeof n === 'number' && links.has(n)) marked[k] = `${MARK}${n}${MARK}`;
  }
  const text = mrkdwnT(t, key, marked);
  return text.replace(MARKED, (_, hash: string, n: string) => (hash ? ticketRef(Number(n), links) : `<${escapeUrl(links.get(Number(n))!)}|${n}>`));
}

/** A permalink inside `<…|…>` must not close the markup early. */
const escapeUrl = (url: string) => url.replace(/[<>|]/g, encodeURIComponent);
