import type { TFunction } from 'i18next';
import { MAX_SPLIT_SLOTS, MAX_TITLE_LENGTH, type ChatMessage } from '../../core';
import { adaptiveCard, heading, submit, text, type AdaptiveCard, type CardElement } from './card';

const titleInput = (t: TFunction, value: string): CardElement => ({
  type: 'Input.Text',
  id: 'title',
  label: t('teams:form.title_label'),
  placeholder: t('teams:form.title_placeholder'),
  value: value.slice(0, MAX_TITLE_LENGTH),
  maxLength: MAX_TITLE_LENGTH,
  isRequired: true,
  errorMessage: t('errors.title_required'),
});

const errorLine = (error: string | null): CardElement[] => (error ? [text(error, { color: 'Attention', weight: 'Bolder' })] : []);

/** The `createTicket` task module: a title (prefilled from the message) and a submit. */
export function createTicketForm(t: TFunction, title: string, error: string | null = null): AdaptiveCard {
  return adaptiveCard(
    [heading(t('teams:form.create_heading')), ...errorLine(error), titleInput(t, title)],
    [{ type: 'Action.Submit', title: t('teams:form.create_submit'), style: 'positive' }],
  );
}

/** `new` without a title, answered in the chat: the same field, submitted as a card action. */
export function newTicketForm(t: TFunction): AdaptiveCard {
  return adaptiveCard([heading(t('teams:form.new_heading')), titleInput(t, '')], [submit(t('teams:form.create_submit'), { chamado: 'new_ticket' }, 'positive')]);
}

const choiceTitle = (m: ChatMessage, names: Map<string, string>) => {
  const line = `${names.get(m.authorId) ?? m.authorId}: ${m.text.replace(/\s+/g, ' ')}`;
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
};

/** Submitted values of the split form, as Teams sends them (a multi-select is one comma list). */
export type SplitFormValues = Record<string, string | undefined>;

/** The `splitConversation` task module: the thread's messages and up to five ticket slots. */
export function splitForm(t: TFunction, messages: ChatMessage[], names: Map<string, string>, values: SplitFormValues = {}, error: string | null = null): AdaptiveCard {
  const choices = messages.map((m) => ({ title: choiceTitle(m, names), value: m.id }));
  const slots: CardElement[] = [];
  for (let k = 1; k <= MAX_SPLIT_SLOTS; k++) {
    slots.push(
      { type: 'Input.Text', id: `title_${k}`, label: t('teams:split.slot_title', { slot: k }), maxLength: MAX_TITLE_LENGTH, value: values[`title_${k}`] ?? '', separator: k > 1 },
      {
        type: 'Input.ChoiceSet', id: `messages_${k}`, label: t('teams:split.slot_messages', { slot: k }), isMultiSelect: true, style: 'expanded', choices,
        value: values[`messages_${k}`] ?? '',
      },
    );
  }
  return adaptiveCard(
    [heading(t('teams:split.heading')), text(t('teams:split.intro')), ...errorLine(error), ...slots],
    [{ type: 'Action.Submit', title: t('teams:split.submit'), style: 'positive' }],
  );
}
