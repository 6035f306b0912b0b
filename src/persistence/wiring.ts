import type { DataSource } from 'typeorm';
import type { OutboxQueue, PlatformRecords, Store } from '../core';
import { TypeormAppSecrets } from './app-secrets';
import { TypeormCardLocations } from './card-locations';
import { TypeormConversationLog } from './conversation-log';
import { TypeormConversationReferences } from './conversation-references';
import { TypeormInboundEventLog } from './inbound-event-log';
import { TypeormMailInbox } from './mail-inbox';
import { TypeormOutboxQueue } from './outbox-queue';
import { TypeormPeopleNames } from './people-names';
import { createStore } from './typeorm-store';

/** Every port the rest of the app reaches the database through; nothing outside src/persistence holds the DataSource. */
export interface Persistence {
  /** The use cases' repositories and transactions. */
  store: Store;
  /** What the chat adapters remember about their platforms. */
  platformRecords: PlatformRecords;
  /** The outbox as this instance's delivery worker works it. */
  outboxQueue: OutboxQueue;
  /** Whether the database answers (GET /healthz). */
  ping(): Promise<boolean>;
}

export function createPlatformRecords(dataSource: DataSource): PlatformRecords {
  const em = dataSource.manager;
  return {
    cardLocations: new TypeormCardLocations(em),
    inboundEvents: new TypeormInboundEventLog(em),
    conversationLog: new TypeormConversationLog(em),
    conversationReferences: new TypeormConversationReferences(em),
    peopleNames: new TypeormPeopleNames(em),
    appSecrets: new TypeormAppSecrets(em),
    mailInbox: new TypeormMailInbox(em),
  };
}

export const createOutboxQueue = (dataSource: DataSource, instanceId: string): OutboxQueue => new TypeormOutboxQueue(dataSource, instanceId);

/** The ports of an open database (src/database.ts), for the instance `instanceId`. */
export function wirePersistence(database: { dataSource: DataSource }, instanceId: string): Persistence {
  const { dataSource } = database;
  return {
    store: createStore(dataSource),
    platformRecords: createPlatformRecords(dataSource),
    outboxQueue: createOutboxQueue(dataSource, instanceId),
    ping: async () => ((await dataSource.query('SELECT 1')) as unknown[]).length === 1,
  };
}
