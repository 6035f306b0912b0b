import type { ModalView } from '@slack/types';
import type { TFunction } from 'i18next';
import { VIEWS } from '../ids';
import { LIMITS, plain, trim } from './limits';

/** Which message the form adds; kept small (Slack allows 3,000 characters). */
export interface AddToTicketMetadata {
  c: string;
  ts: string;
}

/** "Add to ticket" on a message: one `input` block `ticket` for the number (contract §5). */
export function addToTicketModal(t: TFunction, metadata: AddToTicketMetadata): ModalView {
  return {
    type: 'modal',
    callback_id: VIEWS.addToTicket,
    title: plain(t('slack:add_to_ticket.title'), LIMITS.modalTitle),
    submit: plain(t('slack:add_to_ticket.submit'), LIMITS.modalTitle),
    close: plain(t('slack:modal.cancel'), LIMITS.modalTitle),
    private_metadata: trim(JSON.stringify(metadata), LIMITS.privateMetadata),
    blocks: [{
      type: 'input',
      block_id: 'ticket',
      label: plain(t('slack:add_to_ticket.label'), 2000),
      element: { type: 'plain_text_input', action_id: 'ticket', max_length: 12, placeholder: plain(t('slack:add_to_ticket.placeholder'), 150) },
    }],
  };
}
