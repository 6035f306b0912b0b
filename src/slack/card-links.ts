import type { Notice, Ticket } from '../core';
import { DeliveryError, type PendingPost } from '../outbox/delivery';
import type { SlackRuntime } from './runtime';
import { numbersIn, type CardLinks } from './views/refs';

/** The card's permalink (chat.getPermalink); null when Slack will not say, so the post itself never fails for it. */
export async function permalinkOf(rt: SlackRuntime, channel: string, ts: string, ticketNumber: number): Promise<string | null> {
  try {
    const result = await rt.client.chat.getPermalink({ channel, message_ts: ts });
    return typeof result.permalink === 'string' ? result.permalink : null;
  } catch (error) {
    rt.context.log.warn({ platform: 'slack', ticket: ticketNumber, channel, err: String(error) }, 'could not get the card permalink; #n stays plain until it can');
    return null;
  }
}

/** The ticket's card link, fetched and stored once if the card was posted without one. */
async function ownLink(rt: SlackRuntime, ticket: Ticket): Promise<string | null> {
  if (ticket.cardUrl || !ticket.threadId) return ticket.cardUrl;
  const url = await permalinkOf(rt, ticket.channelId, ticket.threadId, ticket.number);
  if (url) await rt.context.platformRecords.cardLocations.setCardUrl(ticket.id, url);
  return url;
}

/**
 * The card links a post needs: of its own ticket (stored on it) and of any other ticket the
 * notice names (one query, only when it names others).
 */
export async function cardLinksFor(rt: SlackRuntime, workspaceId: string, ticket: Ticket | null, notice: Notice): Promise<CardLinks> {
  const links = new Map<number, string>();
  const own = ticket ? await ownLink(rt, ticket) : null;
  if (ticket && own) links.set(ticket.number, own);
  const others = [...numbersIn(notice.params), ...(notice.tickets ?? []).map((t) => t.number)].filter((n) => n !== ticket?.number);
  if (others.length > 0) for (const [n, url] of await rt.context.platformRecords.cardLocations.cardUrlsOf(workspaceId, others)) links.set(n, url);
  return links;
}

/** Tries before a post that names tickets whose cards are not posted yet goes out with plain `#n`. */
const CARD_WAIT_TRIES = 5;

/**
 * A post naming other tickets (a follow-up notice, a split summary) often races their new cards:
 * it is retried shortly, a few times, so its `#n` can link to them. Its own ticket's card is
 * already posted (the post goes into its thread): a missing link there is Slack not giving one,
 * which waiting does not mend, so a reminder or status line never waits for it.
 */
export function waitForCards(post: PendingPost, notice: Notice, links: CardLinks, ownNumber: number | null): void {
  const named = [...numbersIn(notice.params), ...(notice.tickets ?? []).map((t) => t.number)].filter((n) => n !== ownNumber);
  if (named.some((n) => !links.has(n)) && post.attempts < CARD_WAIT_TRIES) throw new DeliveryError('a named ticket has no card yet', true, 1000);
}
