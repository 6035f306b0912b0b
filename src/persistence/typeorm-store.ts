import type { DataSource, EntityManager } from 'typeorm';
import { groupCommit } from './group-commit';
import type { Repositories, Store } from '../core';
import { TypeormConversationLog } from './conversation-log';
import { TypeormDeliveryLog } from './delivery-log';
import { TypeormEventRepository } from './event-repository';
import { TypeormMessageRepository } from './message-repository';
import { TypeormOutbox } from './outbox-repository';
import { TypeormPreferenceRepository } from './preference-repository';
import { TypeormSweepRepository } from './sweep-repository';
import { TypeormTicketRepository } from './ticket-repository';
import { TypeormWebSignInRepository } from './web-sign-in-repository';

function repositories(em: EntityManager): Repositories {
  return {
    tickets: new TypeormTicketRepository(em),
    messages: new TypeormMessageRepository(em),
    events: new TypeormEventRepository(em),
    outbox: new TypeormOutbox(em),
    preferences: new TypeormPreferenceRepository(em),
    conversations: new TypeormConversationLog(em),
    deliveries: new TypeormDeliveryLog(em),
    sweep: new TypeormSweepRepository(em),
    web: new TypeormWebSignInRepository(em),
  };
}

/**
 * The core's Store on TypeORM: plain repositories for reads, one transaction per use case; under
 * load, concurrent use cases share a commit (group-commit.ts). The pool keeps connections free for
 * reads, the delivery worker and its LISTEN.
 */
export function createStore(dataSource: DataSource): Store {
  const poolSize = (dataSource.options as { poolSize?: number }).poolSize ?? 10;
  const inTransaction = groupCommit(dataSource, { concurrency: Math.max(1, Math.min(4, poolSize - 4)), maxBatch: 16 });
  return {
    ...repositories(dataSource.manager),
    transaction: (work) => inTransaction((em) => work(repositories(em))),
  };
}
