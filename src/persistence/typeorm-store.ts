import type { DataSource, EntityManager } from 'typeorm';
import type { Repositories, Store } from '../core';
import { TypeormConversationLog } from './conversation-log';
import { TypeormEventRepository } from './event-repository';
import { TypeormMessageRepository } from './message-repository';
import { TypeormOutbox } from './outbox-repository';
import { TypeormPreferenceRepository } from './preference-repository';
import { TypeormSweepRepository } from './sweep-repository';
import { TypeormTicketQueries } from './ticket-queries';
import { TypeormTicketRepository } from './ticket-repository';
import { TypeormWebSignInRepository } from './web-sign-in-repository';
import { TypeormMailFiles } from './mail-files';
import { TypeormMailRecords } from './mail-records';

function repositories(em: EntityManager): Repositories {
  return {
    tickets: new TypeormTicketRepository(em),
    messages: new TypeormMessageRepository(em),
    events: new TypeormEventRepository(em),
    outbox: new TypeormOutbox(em),
    preferences: new TypeormPreferenceRepository(em),
    conversations: new TypeormConversationLog(em),
    sweep: new TypeormSweepRepository(em),
    queries: new TypeormTicketQueries(em),
    web: new TypeormWebSignInRepository(em),
    mailRecords: new TypeormMailRecords(em),
    mailFiles: new TypeormMailFiles(em),
  };
}

/**
 * The core's Store on TypeORM: plain repositories for reads, and one database transaction per
 * `transaction` call, never shared with another caller. Replies that arrive together are batched
 * before they get here, by the core's threadMessageRecorder, into one call.
 */
export function createStore(dataSource: DataSource): Store {
  return {
    ...repositories(dataSource.manager),
    transaction: (work) => dataSource.transaction((em) => work(repositories(em))),
  };
}
