import type { Activity, MessagingExtensionAction, MessagingExtensionActionResponse } from 'botbuilder';
import { z } from 'zod';
import type { ChatMessage } from '../../core';
import { filesOf, htmlToText, splitConversationId } from '../conversation';
import type { AdaptiveCard } from '../cards/card';
import { asAttachment } from '../cards/card';

/** The message a message-extension command was run on, as Teams describes it; checked before use. */
const messagePayload = z.object({
  id: z.string().min(1),
  replyToId: z.string().nullish(),
  createdDateTime: z.string().nullish(),
  body: z.object({ content: z.string().max(100_000).default(''), contentType: z.string().nullish() }).default({ content: '' }),
  from: z.object({ user: z.object({ id: z.string().min(1), displayName: z.string().nullish() }).nullish() }).nullish(),
  attachments: z.array(z.object({ contentType: z.string().nullish(), contentUrl: z.string().nullish(), name: z.string().nullish() }).passthrough()).nullish(),
});

export interface PickedMessage {
  message: ChatMessage;
  authorName: string | null;
}

/** The message, its channel and thread (the root of the conversation it belongs to). */
export function pickedMessage(activity: Partial<Activity>, action: MessagingExtensionAction, fallbackAuthor: string): PickedMessage | null {
  const parsed = messagePayload.safeParse(action.messagePayload);
  if (!parsed.success) return null;
  const payload = parsed.data;
  const { channelId, threadId } = splitConversationId(activity.conversation?.id ?? '');
  const root = threadId ?? payload.replyToId ?? payload.id;
  const body = payload.body.contentType === 'html' ? htmlToText(payload.body.content) : payload.body.content.trim();
  const files = filesOf((payload.attachments ?? []).map((a) => ({
    contentType: a.contentType ?? undefined, contentUrl: a.contentUrl ?? undefined, name: a.name ?? undefined, content: a.content,
  })));
  const postedAt = payload.createdDateTime ? new Date(payload.createdDateTime) : new Date();
  return {
    message: {
      id: payload.id,
      channelId,
      threadId: root === payload.id ? null : root,
      authorId: payload.from?.user?.id ?? fallbackAuthor,
      text: body,
      files,
      postedAt: Number.isNaN(postedAt.getTime()) ? new Date() : postedAt,
    },
    authorName: payload.from?.user?.displayName ?? null,
  };
}

/** The root of the conversation a message belongs to (its own id for a top-level message). */
export const rootOf = (m: ChatMessage) => m.threadId ?? m.id;

export const taskCard = (title: string, card: AdaptiveCard): MessagingExtensionActionResponse => ({
  task: { type: 'continue', value: { title, card: asAttachment(card), width: 'large', height: 'large' } },
});

export const taskMessage = (text: string): MessagingExtensionActionResponse => ({ task: { type: 'message', value: text } });
