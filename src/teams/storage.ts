import type { ConversationReference } from 'botbuilder';
import { addressOf, isEmailPerson, type ConversationReferences, type PeopleNames, type PersonName } from '../core';

/** What we keep about a Teams conversation so Chamado can post into it later, after restarts too. */
export interface StoredConversation {
  reference: Partial<ConversationReference>;
  /** The Teams channel id (channelData.channel.id) when the conversation is a channel. */
  teamsChannelId: string | null;
  conversationType: string | null;
}

export type Person = PersonName;

/**
 * Teams' own records, typed for Teams: conversation references and display names, kept through
 * the platform-records ports (src/core/platform-records.ts). Instances share them, so any of
 * them can post proactively.
 */
export class TeamsStorage {
  constructor(
    private readonly references: ConversationReferences,
    private readonly names: PeopleNames,
  ) {}

  saveConversation(workspaceId: string, conversationId: string, stored: StoredConversation): Promise<void> {
    return this.references.save(workspaceId, conversationId, stored);
  }

  async conversation(workspaceId: string, conversationId: string): Promise<StoredConversation | null> {
    // Only saveConversation writes these rows, always with a StoredConversation.
    return (await this.references.find(workspaceId, conversationId)) as StoredConversation | null;
  }

  rememberPeople(workspaceId: string, people: readonly Person[]): Promise<void> {
    return this.names.remember(workspaceId, people);
  }

  /** Names by user id; an id never seen maps to itself, an e-mail person to their address. */
  async namesOf(workspaceId: string, ids: readonly string[]): Promise<Map<string, string>> {
    const names = await this.names.namesOf(workspaceId, ids.filter((id) => !isEmailPerson(id)));
    for (const id of ids) if (isEmailPerson(id)) names.set(id, addressOf(id));
    return names;
  }
}
