import type { KnownBlock, ModalView } from '@slack/types';
import type { TFunction } from 'i18next';
import { MAX_TITLE_LENGTH } from '../../core';
import { VIEWS } from '../ids';
import { LIMITS, plain, trim } from './limits';
import { escapeOwnText } from './mrkdwn';

/** Where a submitted ticket form came from; kept small (Slack allows 3,000 characters). */
export interface TicketFormMetadata {
  /** The channel of the command or message. */
  c?: string;
  /** The message the ticket opens with, and its thread. */
  ts?: string;
  th?: string;
}

export type TicketFormKind = typeof VIEWS.createTicket | typeof VIEWS.newTicket;

/**
 * The ticket form: `create_ticket` (from a message, title prefilled) and `new_ticket` (from
 * `/ticket new` or the global shortcut, which also asks where the card goes).
 */
export function ticketModal(t: TFunction, kind: TicketFormKind, opts: { title?: string; metadata: TicketFormMetadata; askChannel?: boolean }): ModalView {
  const initial = opts.title ? trim(opts.title.replace(/\s+/g, ' ').trim(), MAX_TITLE_LENGTH) : '';
  const blocks: KnownBlock[] = [{
    type: 'input',
    block_id: 'title',
    label: plain(t('slack:modal.title_label'), 2000),
    element: {
      type: 'plain_text_input',
      action_id: 'title',
      max_length: MAX_TITLE_LENGTH,
      placeholder: plain(t('slack:modal.title_placeholder'), 150),
      ...(initial ? { initial_value: initial } : {}),
    },
  }];
  if (opts.askChannel) {
    blocks.push({
      type: 'input',
      block_id: 'channel',
      label: plain(t('slack:modal.channel_label'), 2000),
      element: { type: 'conversations_select', action_id: 'channel', default_to_current_conversation: true, filter: { include: ['public', 'private'], exclude_bot_users: true } },
    });
  }
  return {
    type: 'modal',
    callback_id: kind,
    title: plain(t(kind === VIEWS.createTicket ? 'slack:modal.create_title' : 'slack:modal.new_title'), LIMITS.modalTitle),
    submit: plain(t('slack:modal.submit'), LIMITS.modalTitle),
    close: plain(t('slack:modal.cancel'), LIMITS.modalTitle),
    private_metadata: trim(JSON.stringify(opts.metadata), LIMITS.privateMetadata),
    blocks,
  };
}

/** A modal that only says something (loading, or why there is nothing to do). */
export function messageModal(t: TFunction, text: string): ModalView {
  return {
    type: 'modal',
    title: plain(t('slack:modal.loading_title'), LIMITS.modalTitle),
    close: plain(t('slack:modal.cancel'), LIMITS.modalTitle),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: trim(escapeOwnText(text), LIMITS.sectionText) } }],
  };
}
