import { MessageFactory, type Activity, type ConversationParameters, type ConversationReference, type ConversationResourceResponse, type TurnContext } from 'botbuilder';
import { cardFacts, ticketToPost, type Ticket } from '../core';
import { tFor } from '../i18n';
import { DeliveryError, type ChatDeliverer, type DeliveryOutcome, type PendingPost } from '../outbox/delivery';
import { asAttachment } from './cards/card';
import { ticketCard, ticketSummary } from './cards/ticket-card';
import { splitConversationId, threadConversationId } from './conversation';
import { toDeliveryError } from './delivery-errors';
import { noticeActivity, relayedActivity } from './notice';
import type { StoredConversation } from './storage';
import type { TeamsContext } from './turn';

/** The part of botbuilder's connector client we use (the turn state holds one per proactive turn). */
interface ConversationsClient {
  conversations: { createConversation(parameters: ConversationParameters): Promise<ConversationResourceResponse> };
}

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
        const activity = await noticeActivity(this.teams, post.workspaceId, body.notice, null);
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
        const activity = await noticeActivity(this.teams, post.workspaceId, body.notice, ticket.number);
        return { status: 'sent', result: { id: await this.send(ticket.workspaceId, ticket.channelId, ticket.threadId, activity) } };
      }
      case 'relayed_message': {
        const ticket = await this.ticket(body.ticketId);
        if (!ticket.threadId) throw new DeliveryError(`ticket #${ticket.number} has no thread yet`, true);
        // A mail's files live on the web area: the message links them there.
        const message = { ...body.message, files: body.message.files.map((f) => (f.url.startsWith('/') ? { ...f, url: `${this.teams.context.config.PUBLIC_URL}${f.url}` } : f)) };
        const activity = await relayedActivity(this.teams, post.workspaceId, body.notice, message);
        return { status: 'sent', result: { id: await this.send(ticket.workspaceId, ticket.channelId, ticket.threadId, activity) } };
      }
      default:
        throw new DeliveryError(`Teams cannot deliver ${(body as { kind: string }).kind} posts`, false);
    }
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
    await this.teams.context.platformRecords.cardLocations.record(ticket.id, ticket.channelId, rootId);
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
