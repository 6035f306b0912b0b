import { cardFacts, resolveLocale, ticketToPost, type Notice, type Ticket } from '../core';
import { tFor } from '../i18n';
import { DeliveryError, type ChatDeliverer, type DeliveryOutcome, type PendingPost } from '../outbox/delivery';
import { slackErrorCode } from './client';
import type { SlackRuntime } from './runtime';
import { renderCard, type SlackMessageBody } from './views/card';
import { renderNotice, renderRelayed, renderTriage } from './views/notice';
import { cardLinksFor, permalinkOf, waitForCards } from './card-links';
import { absoluteFiles, uploadMailFiles } from './mail-files';
import { webApi } from '@slack/bolt';

/** Maps a failed Web API call to the worker's terms: retry 5xx, timeouts and 429; never repeat a post Slack refused. */
export function toDeliveryError(error: unknown): DeliveryError {
  const code = (error as { code?: string } | null)?.code;
  if (code === webApi.ErrorCode.RateLimitedError) {
    const seconds = (error as { retryAfter?: number }).retryAfter ?? 1;
    return new DeliveryError('rate_limited', true, seconds * 1000);
  }
  if (code === webApi.ErrorCode.HTTPError) {
    const status = (error as { statusCode?: number }).statusCode ?? 0;
    return new DeliveryError(`http_${status}`, status >= 500 || status === 408);
  }
  const slackError = slackErrorCode(error);
  if (slackError) return new DeliveryError(slackError, false);
  return new DeliveryError(error instanceof Error ? error.message : String(error), true);
}

/** Renders outbox posts into Block Kit and sends them with the Web API. */
export class SlackDeliverer implements ChatDeliverer {
  readonly platform = 'slack' as const;

  constructor(private readonly rt: SlackRuntime) {}

  async deliver(post: PendingPost): Promise<DeliveryOutcome> {
    try {
      return await this.send(post);
    } catch (error) {
      throw error instanceof DeliveryError ? error : toDeliveryError(error);
    }
  }

  private async send(post: PendingPost): Promise<DeliveryOutcome> {
    const { body } = post;
    switch (body.kind) {
      case 'ticket_card': {
        const ticket = await this.ticket(body.ticketId);
        // A card already posted (a retry after a lost reply) is refreshed, never posted twice.
        if (ticket.threadId) return this.updateCard(ticket);
        const card = await this.card(ticket);
        const ts = await this.post(ticket.channelId, null, card, { workspaceId: post.workspaceId, userId: ticket.requesterId }, ticket);
        await this.rt.context.platformRecords.cardLocations.record(ticket.id, ticket.channelId, ts, await permalinkOf(this.rt, ticket.channelId, ts, ticket.number));
        return { status: 'sent', result: { channel: ticket.channelId, ts } };
      }
      case 'card_update':
        return this.updateCard(await this.ticket(body.ticketId));
      case 'thread_notice':
        return this.threadNotice(post, await this.ticket(body.ticketId), body.notice);
      case 'conversation_notice': {
        const links = await cardLinksFor(this.rt, post.workspaceId, null, body.notice);
        waitForCards(post, body.notice, links, null);
        const message = renderNotice(body.notice, tFor(body.notice.locale), { ticketNumber: post.ticketNumber, links });
        const ts = await this.post(body.channelId, body.threadId, message, asker(post, body.notice.params), null);
        return { status: 'sent', result: { ts } };
      }
      case 'triage_announcement': {
        const channel = this.rt.context.config.SLACK_TRIAGE_CHANNEL;
        if (!channel) return { status: 'skipped', reason: 'SLACK_TRIAGE_CHANNEL is not set' };
        const ticket = await this.ticket(body.ticketId);
        const ts = await this.post(
          channel, null,
          renderTriage(body.notice, tFor(body.notice.locale), ticket.number, await cardLinksFor(this.rt, post.workspaceId, ticket, body.notice)),
          null, ticket,
        );
        return { status: 'sent', result: { channel, ts } };
      }
      case 'sla_alert': {
        const channel = this.rt.context.config.SLACK_TRIAGE_CHANNEL;
        const ticket = await this.ticket(body.ticketId);
        // In the thread the customer reads it too: it mentions the assignee alone, never every agent (contract §8).
        if (!channel) return this.threadNotice(post, ticket, body.notice);
        const ts = await this.post(
          channel, null,
          renderTriage(body.notice, tFor(body.notice.locale), ticket.number, await cardLinksFor(this.rt, post.workspaceId, ticket, body.notice)),
          null, ticket,
        );
        return { status: 'sent', result: { channel, ts } };
      }
      case 'relayed_message': {
        const ticket = await this.ticket(body.ticketId);
        if (!ticket.threadId) throw new DeliveryError('the ticket card is not posted yet', true);
        const links = await cardLinksFor(this.rt, post.workspaceId, ticket, body.notice);
        const message = { ...body.message, files: absoluteFiles(body.message.files, this.rt.context.config.PUBLIC_URL) };
        const ts = await this.post(
          ticket.channelId, ticket.threadId,
          renderRelayed(body.notice, message, tFor(body.notice.locale), { ticketNumber: ticket.number, links }),
          null, ticket,
        );
        await uploadMailFiles(this.rt, ticket, body.message.files);
        return { status: 'sent', result: { ts } };
      }
      case 'email':
        throw new DeliveryError('mail is delivered by the e-mail adapter, not Slack', false);
    }
  }

  private async threadNotice(post: PendingPost, ticket: Ticket, notice: Notice): Promise<DeliveryOutcome> {
    if (!ticket.threadId) throw new DeliveryError('the ticket card is not posted yet', true);
    const original = notice.actions?.includes('reopen_original') && ticket.followUpOf
      ? (await cardFacts(this.rt.context.deps, ticket)).followUpOfNumber
      : null;
    const links = await cardLinksFor(this.rt, post.workspaceId, ticket, notice);
    waitForCards(post, notice, links, ticket.number);
    const message = renderNotice(notice, tFor(notice.locale), { ticketNumber: ticket.number, originalNumber: original, links });
    const ts = await this.post(ticket.channelId, ticket.threadId, message, asker(post, notice.params) ?? { workspaceId: post.workspaceId, userId: ticket.requesterId }, ticket);
    return { status: 'sent', result: { ts } };
  }

  private async ticket(id: string): Promise<Ticket> {
    const ticket = await ticketToPost(this.rt.context.deps, id);
    if (!ticket) throw new DeliveryError(`ticket ${id} does not exist`, false);
    return ticket;
  }

  private async card(ticket: Ticket): Promise<SlackMessageBody> {
    const { locale, followUpOfNumber } = await cardFacts(this.rt.context.deps, ticket);
    return renderCard(ticket, tFor(locale), followUpOfNumber);
  }

  private async updateCard(ticket: Ticket): Promise<DeliveryOutcome> {
    if (!ticket.threadId) throw new DeliveryError('the ticket card is not posted yet', true);
    const card = await this.card(ticket);
    await this.rt.client.chat.update({ channel: ticket.channelId, ts: ticket.threadId, text: card.text, blocks: card.blocks });
    return { status: 'sent', result: { ts: ticket.threadId } };
  }


  /**
   * Posts a message; when the bot is not in the channel it joins (public channels) and tries
   * once more. If that fails too, the person who acted is told, in their language, to invite it.
   */
  private async post(channel: string, threadTs: string | null, message: SlackMessageBody, actor: Asker | null, ticket: Ticket | null): Promise<string> {
    const send = async () => {
      const result = await this.rt.client.chat.postMessage({
        channel, text: message.text, blocks: message.blocks, ...(threadTs ? { thread_ts: threadTs } : {}), unfurl_links: false,
      });
      return String(result.ts);
    };
    try {
      return await send();
    } catch (error) {
      if (slackErrorCode(error) !== 'not_in_channel') throw error;
    }
    try {
      await this.rt.client.conversations.join({ channel });
      return await send();
    } catch (error) {
      const failure = toDeliveryError(error);
      this.rt.context.log.warn({ platform: 'slack', ticket: ticket?.number ?? null, channel, err: failure.message }, 'cannot post: the bot is not in the channel');
      if (actor) await this.tellToInvite(channel, actor);
      throw new DeliveryError('not_in_channel', false);
    }
  }

  private async tellToInvite(channel: string, { workspaceId, userId }: Asker): Promise<void> {
    const locale = await resolveLocale(this.rt.context.deps, workspaceId, userId, null);
    const text = tFor(locale)('slack:invite_bot', { channel });
    await this.rt.client.chat.postEphemeral({ channel, user: userId, text })
      .catch(() => this.rt.client.chat.postMessage({ channel: userId, text }))
      .catch((error: unknown) => this.rt.context.log.warn({ platform: 'slack', err: String(error) }, 'could not tell the person to invite the bot'));
  }
}

/** Who to tell when a post cannot be made: whoever acted (the notice's actor). */
interface Asker {
  workspaceId: string;
  userId: string;
}

function asker(post: PendingPost, params: Record<string, string | number>): Asker | null {
  return typeof params.actor === 'string' && params.actor !== '' ? { workspaceId: post.workspaceId, userId: params.actor } : null;
}
