import { CardFactory, type Attachment } from 'botbuilder';
import type { CardSubmit } from '../card-submit';

/** Adaptive Card JSON: plain objects; tests parse every card with the adaptivecards package. */
export type CardElement = Record<string, unknown>;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardElement[];
  msteams?: Record<string, unknown>;
}

export function adaptiveCard(body: CardElement[], actions: CardElement[] = []): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length ? { actions } : {}),
    msteams: { width: 'Full' },
  };
}

export const text = (value: string, extra: CardElement = {}): CardElement => ({ type: 'TextBlock', text: value, wrap: true, ...extra });

export const heading = (value: string): CardElement => text(value, { weight: 'Bolder', size: 'Medium', style: 'heading' });

export const facts = (pairs: [string, string][]): CardElement => ({ type: 'FactSet', facts: pairs.map(([title, value]) => ({ title, value })) });

/** A button; what it sends back (activity.value) is typed by the schema handlers/card-action.ts checks. */
export const submit = (title: string, data: CardSubmit, style?: 'positive' | 'destructive'): CardElement => ({
  type: 'Action.Submit',
  title,
  data,
  ...(style ? { style } : {}),
});

export const asAttachment = (card: AdaptiveCard): Attachment => CardFactory.adaptiveCard(card);
