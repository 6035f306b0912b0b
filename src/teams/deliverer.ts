import { MessageFactory, type Activity, type ConversationParameters, type ConversationReference, type ConversationResourceResponse, type TurnContext } from 'botbuilder';
import { cardFacts, ticketToPost, type Notice, type Ticket } from '../core';
import { tFor } from '../i18n';
import { DeliveryError, type ChatDeliverer, type DeliveryOutcome, type PendingPost } from '../outbox/delivery';
import { asAttachment } from './cards/card';
import { ticketCard, ticketSummary } from './cards/ticket-card';
import { splitConversationId, threadConversationId } from './conversation';
import { toDeliveryError } from './delivery-errors';
import { noticeActivity, relayedActivity } from './notice';
import type { StoredConversation } from './storage';
import { numbersIn, teamsThreadUrl, type ThreadLinks } from './thread-links';
import type { TeamsContext } from './turn';

/** The part of botbuilder's connector client we use (the turn state holds one per proactive turn). */
interface ConversationsClient {
  conversations: { createConversation(parameters: ConversationParameters): Promise<ConversationResourceResponse> };
}

/** Tries before a post that names tickets whose cards are not posted yet goes out with plain `#n`. */
const CARD_WAIT_TRIES = 5;

/** Sends outbox posts to Teams proactively, through conversation references kept in Postgres. */
export class TeamsDeliverer implements ChatDeliverer {
  readonly platform = 'teams' as const;

  constructor(private readonly teams: TeamsContext) {}

  async deliver(post: PendingPost): Promise<DeliveryOutcome> {
    try {
      return await this.route(post);
    } catch (error) {
      throw toDeliveryError(error);
    }
  }

  private async route(post: PendingPost): Promise<DeliveryOutcome> {
    const body = post.body;
    switch (body.kind) {
      case 'triage_announcement':
        return { status: 'skipped', reason: 'Teams has no triage channel' };
      case 'conversation_notice': {
        const links = await this.linksFor(post.workspaceId, null, body.notice);
        await this.waitForCards(post, body.channelId, body.notice, links, null);
        const activity = await noticeActivity(this.teams, post.workspaceId, body.notice, null, links);
        return { status: 'sent', result: { id: await this.send(post.workspaceId, body.channelId, body.threadId, activity) } };
      }
      case 'ticket_card':
        return this.postCard(await this.ticket(body.ticketId));
      case 'card_update':
        return this.updateCard(await this.ticket(body.ticketId));
      case 'thread_notice':
      case 'sla_alert': {
        const ticket = await this.ticket(body.ticketId);
        if (!ticket.threadId) throw new DeliveryError(`ticket #${ticket.number} has no thread yet`, true);
        const links = await this.linksFor(post.workspaceId, ticket, body.notice);
        await this.waitForCards(post, ticket.channelId, body.notice, links, ticket.number);
        const activity = await noticeActivity(this.teams, post.workspaceId, body.notice, ticket.number, links);
        return { status: 'sent', result: { id: await this.send(ticket.workspaceId, ticket.channelId, ticket.threadId, activity) } };
      }
      case 'relayed_message': {
        const ticket = await this.ticket(body.ticketId);
        if (!ticket.threadId) throw new DeliveryError(`ticket #${ticket.number} has no thread yet`, true);
        const links = await this.linksFor(post.workspaceId, ticket, body.notice);
        // A mail's files live on the web area: the message links them there.
        const message = { ...body.message, files: body.message.files.map((f) => (f.url.startsWith('/') ? { ...f, url: `${this.teams.context.config.PUBLIC_URL}${f.url}` } : f)) };
        const activity = await relayedActivity(this.teams, post.workspaceId, body.notice, message, links);
        return { status: 'sent', result: { id: await this.send(ticket.workspaceId, ticket.channelId, ticket.threadId, activity) } };
      }
      default:
        throw new DeliveryError(`Teams cannot deliver ${(body as { kind: string }).kind} posts`, false);
    }
  }

  /** Thread links for a post's `#n`: its own ticket's (stored on it) and those of the tickets the notice names (one query, only when it names others). */
  private async linksFor(workspaceId: string, own: Ticket | null, notice: Notice): Promise<ThreadLinks> {
    const links = new Map<number, string>();
    if (own?.cardUrl) links.set(own.number, own.cardUrl);
    const others = [...numbersIn(notice.params), ...(notice.tickets ?? []).map((t) => t.number)].filter((n) => n !== own?.number);
    if (others.length > 0) for (const [n, url] of await this.teams.context.platformRecords.cardLocations.cardUrlsOf(workspaceId, others)) links.set(n, url);
    return links;
  }

  /**
   * A post naming other tickets (a split summary, a follow-up notice) often races their new
   * cards: in a channel, where their threads get links, it is retried shortly a few times so its
   * `#n` can link to them; after that it goes out with plain `#n`. (As Slack's card-links.ts does.)
   */
  private async waitForCards(post: PendingPost, channelId: string, notice: Notice, links: ThreadLinks, ownNumber: number | null): Promise<void> {
    const named = [...numbersIn(notice.params), ...(notice.tickets ?? []).map((t) => t.number)].filter((n) => n !== ownNumber && !links.has(n));
    if (named.length === 0 || post.attempts >= CARD_WAIT_TRIES) return;
    if ((await this.conversation(post.workspaceId, channelId)).conversationType !== 'channel') return;
    throw new DeliveryError('a named ticket has no thread link yet', true, 1000);
  }

  private async ticket(id: string): Promise<Ticket> {
    const ticket = await ticketToPost(this.teams.context.deps, id);
    if (!ticket) throw new DeliveryError(`ticket ${id} is gone`, false);
    return ticket;
  }

  private async cardActivity(ticket: Ticket): Promise<Partial<Activity>> {
    const t = tFor((await cardFacts(this.teams.context.deps, ticket)).locale);
    const names = await this.teams.storage.namesOf(ticket.workspaceId, [ticket.requesterId, ticket.assigneeId ?? '', ...ticket.ccIds]);
    return { ...MessageFactory.attachment(asAttachment(ticketCard(ticket, t, names))), text: ticketSummary(ticket, t) };
  }

  /** The card opens a new thread in a channel (or is a plain message in a chat); its id is the ticket thread. */
  private async postCard(ticket: Ticket): Promise<DeliveryOutcome> {
    if (ticket.threadId) return { status: 'sent', result: { id: ticket.threadId, already: true } };
    const stored = await this.conversation(ticket.workspaceId, ticket.channelId);
    const activity = await this.cardActivity(ticket);
    let rootId: string;
    if (stored.conversationType === 'channel') {
      rootId = await this.withTurn(stored.reference, ticket.channelId, async (turn) => {
        const client = turn.turnState.get<ConversationsClient>(this.teams.adapter.ConnectorClientKey);
        const created = await client.conversations.createConversation({
          isGroup: true,
          bot: turn.activity.recipient,
          tenantId: stored.reference.conversation?.tenantId,
          channelData: { channel: { id: stored.teamsChannelId ?? ticket.channelId }, tenant: { id: stored.reference.conversation?.tenantId } },
          activity: activity as Activity,
        });
        return created.activityId ?? splitConversationId(created.id ?? '').threadId ?? '';
      });
    } else {
      rootId = await this.send(ticket.workspaceId, ticket.channelId, null, activity);
    }
    if (!rootId) throw new DeliveryError(`Teams gave no id for the card of #${ticket.number}`, false);
    // A channel card's thread has a deep link: stored once, every later `#n` of this ticket links to it.
    const url = stored.conversationType === 'channel' ? teamsThreadUrl({ ...ticket, threadId: rootId }) : null;
    await this.teams.context.platformRecords.cardLocations.record(ticket.id, ticket.channelId, rootId, url);
    this.teams.context.log.info({ platform: 'teams', ticket: ticket.number }, 'ticket card posted');
    return { status: 'sent', result: { id: rootId } };
  }

  private async updateCard(ticket: Ticket): Promise<DeliveryOutcome> {
    if (!ticket.threadId) throw new DeliveryError(`ticket #${ticket.number} has no card yet`, true);
    const stored = await this.conversation(ticket.workspaceId, ticket.channelId);
    const activity = { ...(await this.cardActivity(ticket)), id: ticket.threadId };
    const conversationId = stored.conversationType === 'channel' ? threadConversationId(ticket.channelId, ticket.threadId) : ticket.channelId;
    await this.withTurn(stored.reference, conversationId, (turn) => turn.updateActivity(activity));
    return { status: 'sent', result: { id: ticket.threadId } };
  }

  /** Posts into a conversation, or into a channel thread when `threadId` is given. */
  private async send(workspaceId: string, channelId: string, threadId: string | null, activity: Partial<Activity>): Promise<string> {
    const stored = await this.conversation(workspaceId, channelId);
    const conversationId = threadId && stored.conversationType === 'channel' ? threadConversationId(channelId, threadId) : channelId;
    return this.withTurn(stored.reference, conversationId, async (turn) => (await turn.sendActivity(activity))?.id ?? '');
  }

  private async conversation(workspaceId: string, channelId: string): Promise<StoredConversation> {
    const stored = await this.teams.storage.conversation(workspaceId, channelId);
    if (!stored) throw new DeliveryError(`no conversation reference for ${channelId}`, false);
    return stored;
  }

  /**
   * A proactive turn in a stored conversation. Errors are carried out of the turn by hand: the
   * adapter's onTurnError would otherwise swallow them and the worker would think it was sent.
   */
  private async withTurn<T>(reference: Partial<ConversationReference>, conversationId: string, work: (turn: TurnContext) => Promise<T>): Promise<T> {
    const target = { ...reference, conversation: { ...reference.conversation!, id: conversationId } } as ConversationReference;
    type Outcome = { ok: true; value: T } | { ok: false; error: unknown };
    let outcome = { ok: false, error: new Error('the proactive turn did not run') } as Outcome;
    await this.teams.adapter.continueConversationAsync(this.teams.appId, target, async (turn) => {
      try {
        outcome = { ok: true, value: await work(turn) };
      } catch (error) {
        outcome = { ok: false, error };
      }
    });
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }
}
