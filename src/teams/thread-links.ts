import type { TFunction } from 'i18next';
import type { Ticket } from '../core';
import { markdownT, type TeamsMarkup } from './cards/markdown';

/** Deep links to tickets' threads by ticket number: every `#n` of a ticket with one links to it (contract §5, Teams as far as it allows). */
export type ThreadLinks = ReadonlyMap<number, string>;

/**
 * The Teams deep link that opens a channel thread (its root message, the card). Teams has such
 * links for channel messages; a card in a group or personal chat gets none.
 */
export function teamsThreadUrl(ticket: Pick<Ticket, 'workspaceId' | 'channelId' | 'threadId'>): string | null {
  if (!ticket.threadId) return null;
  const tenant = ticket.workspaceId.replace(/^teams:/, '');
  const channel = encodeURIComponent(ticket.channelId);
  const message = encodeURIComponent(ticket.threadId);
  return `https://teams.microsoft.com/l/message/${channel}/${message}?tenantId=${encodeURIComponent(tenant)}&parentMessageId=${message}`;
}

/** The links of the tickets at hand (stored on them as their card was posted). */
export function linksOf(tickets: readonly (Pick<Ticket, 'number' | 'cardUrl'> | null | undefined)[]): ThreadLinks {
  return new Map(tickets.flatMap((t) => (t?.cardUrl ? [[t.number, t.cardUrl] as const] : [])));
}

/** Params that hold ticket numbers, written `#{{number}}` in the locales. */
const NUMBER_PARAMS = ['number', 'original', 'followUp'] as const;

export function numbersIn(params: Record<string, unknown>): number[] {
  return NUMBER_PARAMS.map((k) => params[k]).filter((v): v is number => typeof v === 'number');
}

const MARK = '\u0001';
const MARKED = new RegExp(`(#?)${MARK}(\\d+)${MARK}`, 'g');

/** A markdown link whose URL cannot end the link early. */
const link = (label: string, url: string) => `[${label}](${url.replace(/[()\s]/g, encodeURIComponent)})`;

/** `[#n](deep link)`, or plain `#n` when the ticket has no thread link. */
export const ticketRef = (number: number, links: ThreadLinks): string => (links.has(number) ? link(`#${number}`, links.get(number)!) : `#${number}`);

/**
 * markdownT with every ticket number param shown as a link to its thread. The numbers travel
 * through the template as marks, so only Chamado's own numbers become links, never a `#5` a
 * person typed in a title (which markdownT escapes as their words).
 */
export function linkedT(t: TFunction, key: string | string[], params: Record<string, string | number | TeamsMarkup>, links: ThreadLinks): string {
  const marked: Record<string, string | number | TeamsMarkup> = { ...params };
  for (const k of NUMBER_PARAMS) {
    const n = params[k];
    if (typeof n === 'number' && links.has(n)) marked[k] = { markup: `${MARK}${n}${MARK}` };
  }
  return markdownT(t, key, marked).replace(MARKED, (_, hash: string, n: string) => (hash ? ticketRef(Number(n), links) : link(n, links.get(Number(n))!)));
}
