import type { MrkdwnElement, PlainTextElement } from '@slack/types';

/** Slack's Block Kit limits: everything we render is trimmed to these, so Slack never rejects a view. */
export const LIMITS = {
  sectionText: 3000,
  messageText: 39000,
  messageBlocks: 50,
  modalBlocks: 100,
  modalTitle: 24,
  buttonText: 75,
  optionText: 75,
  options: 100,
  plainTextInput: 3000,
  privateMetadata: 3000,
  contextElementText: 2000,
} as const;

export function trim(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}


export const plain = (text: string, max: number = LIMITS.buttonText): PlainTextElement => ({ type: 'plain_text' as const, text: trim(text, max), emoji: true });
export const mrkdwn = (text: string, max: number = LIMITS.sectionText): MrkdwnElement => ({ type: 'mrkdwn' as const, text: trim(text, max) });
export { escapeMrkdwn, mention } from './mrkdwn';
