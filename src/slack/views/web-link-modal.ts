import type { ModalView } from '@slack/types';
import type { TFunction } from 'i18next';
import { LIMITS, mrkdwn, plain } from './limits';

/**
 * The sign-in link asked for from the Home tab: a modal is the one private answer a Home tab click
 * can get, and it is gone when closed (the link itself works once, for a few minutes).
 */
export function webLinkModal(t: TFunction, text: string): ModalView {
  return {
    type: 'modal',
    title: plain(t('web:chat.modal_title'), LIMITS.modalTitle),
    close: plain(t('slack:modal.close'), LIMITS.modalTitle),
    blocks: [{ type: 'section', text: mrkdwn(text) }],
  };
}
