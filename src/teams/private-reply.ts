import type { Activity, ConversationParameters, ConversationResourceResponse, ResourceResponse, TurnContext } from 'botbuilder';
import type { TeamsContext } from './turn';

/** The part of botbuilder's connector client (held in the turn state) this needs. */
interface ConversationsClient {
  conversations: {
    createConversation(parameters: ConversationParameters): Promise<ConversationResourceResponse>;
    sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<ResourceResponse>;
  };
}

/**
 * Teams has no ephemeral messages: an answer that lists or shows tickets, asked for in a channel
 * or group chat, goes to the asker's 1:1 chat with the bot so nobody else there reads it.
 * Answers whether it got there (it cannot when the person never installed the bot personally).
 */
export async function sendPrivately(teams: TeamsContext, turn: TurnContext, reply: Partial<Activity>): Promise<boolean> {
  const { activity } = turn;
  const tenantId = activity.conversation.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  const client = turn.turnState.get<ConversationsClient>(teams.adapter.ConnectorClientKey);
  try {
    const chat = await client.conversations.createConversation({
      isGroup: false,
      bot: activity.recipient,
      members: [activity.from],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    } as ConversationParameters);
    if (!chat.id) return false;
    await client.conversations.sendToConversation(chat.id, { ...reply, type: 'message', from: activity.recipient, recipient: activity.from });
    return true;
  } catch (error) {
    teams.context.log.warn({ platform: 'teams', err: error instanceof Error ? error.message : String(error) }, 'could not open a private chat for a reply');
    return false;
  }
}
