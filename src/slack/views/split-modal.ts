import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { TFunction } from 'i18next';
import { MAX_SPLIT_SLOTS, MAX_TITLE_LENGTH, type ChatMessage, type Locale } from '../../core';
import { formatTime } from '../../times';
import { VIEWS } from '../ids';
import { LIMITS, plain, trim } from './limits';
import { mrkdwnT } from './mrkdwn';
import { plainFromSlack } from './message-text';

export interface SplitMetadata {
  c: string;
  /** The thread root, or the lone message's own ts. */
  th: string;
}

/** Who is looking at the form: times are shown in their language and time zone. */
export interface SplitViewer {
  locale: Locale;
  timeZone: string;
  /** Display names of the messages' authors and of the people they mention. */
  names: ReadonlyMap<string, string>;
}

/** `14:05 Maria: the printer …`: when, who, what, as the viewer reads it. */
function optionText(t: TFunction, m: ChatMessage, viewer: SplitViewer): string {
  const time = formatTime(m.postedAt, viewer.locale, viewer.timeZone, 'time');
  const author = viewer.names.get(m.authorId) ?? m.authorId;
  const text = plainFromSlack(m.text, viewer.names).replace(/\s+/g, ' ').trim();
  return trim(`${time} ${author}: ${text || t('slack:modal.file_only')}`, LIMITS.optionText);
}

/** The split form: the conversation's messages (newest 100) and five ticket slots. */
export function splitModal(t: TFunction, messages: ChatMessage[], metadata: SplitMetadata, viewer: SplitViewer): ModalView {
  const options: PlainTextOption[] = messages.slice(-LIMITS.options).map((m) => ({ text: plain(optionText(t, m, viewer), LIMITS.optionText), value: m.id }));
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: mrkdwnT(t, 'slack:modal.split_intro') } }];
  for (let k = 1; k <= MAX_SPLIT_SLOTS; k++) {
    blocks.push({
      type: 'input',
      block_id: `title_${k}`,
      optional: true,
      label: plain(t('slack:modal.slot_title_label', { slot: k }), 2000),
      element: { type: 'plain_text_input', action_id: `title_${k}`, max_length: MAX_TITLE_LENGTH },
    });
    blocks.push({
      type: 'input',
      block_id: `messages_${k}`,
      optional: true,
      label: plain(t('slack:modal.slot_messages_label', { slot: k }), 2000),
      element: { type: 'multi_static_select', action_id: `messages_${k}`, placeholder: plain(t('slack:modal.slot_messages_placeholder'), 150), options },
    });
  }
  return {
    type: 'modal',
    callback_id: VIEWS.splitConversation,
    title: plain(t('slack:modal.split_title'), LIMITS.modalTitle),
    submit: plain(t('slack:modal.split_submit'), LIMITS.modalTitle),
    close: plain(t('slack:modal.cancel'), LIMITS.modalTitle),
    private_metadata: JSON.stringify(metadata),
    blocks,
  };
}
