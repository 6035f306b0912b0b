import { openTicket, type Actor, type Locale, type Ticket, type UseCaseDeps } from '../../src/core';
import { translate } from '../../src/i18n';
import { createTestDatabase, type TestDatabase } from './database';

/** A clock the test moves by hand. */
export class FrozenClock {
  constructor(private current = new Date('2026-03-02T12:00:00Z')) {}
  now = (): Date => new Date(this.current);
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface CoreFixture {
  db: TestDatabase;
  clock: FrozenClock;
  deps: UseCaseDeps;
}

export async function coreFixture(settings: Partial<UseCaseDeps['settings']> = {}): Promise<CoreFixture> {
  const db = await createTestDatabase();
  const clock = new FrozenClock();
  const deps: UseCaseDeps = {
    store: db.store,
    clock,
    translate,
    settings: { defaultLocale: 'en', reminderSteps: [86_400_000, 3 * 86_400_000], autoCloseAfterMs: 7 * 86_400_000, firstResponseSlaMs: 4 * 3_600_000, ...settings },
  };
  return { db, clock, deps };
}

export const WS = 'slack:T1';

export function person(userId: string, isAgent = false, locale: Locale = 'en', workspaceId = WS): Actor {
  return { workspaceId, platform: workspaceId.startsWith('teams') ? 'teams' : 'slack', userId, isAgent, locale };
}

let seq = 0;
export function chatMessage(authorId: string, text: string, opts: { channelId?: string; threadId?: string | null; at?: Date; id?: string } = {}) {
  seq += 1;
  return {
    id: opts.id ?? `1700000000.${String(seq).padStart(6, '0')}`,
    channelId: opts.channelId ?? 'C1',
    threadId: opts.threadId ?? null,
    authorId,
    text,
    files: [],
    postedAt: opts.at ?? new Date(Date.UTC(2026, 2, 2, 11, 0, seq)),
  };
}

let cardSeq = 100;
/** A customer's ticket in C1 whose card has been posted (so it has a thread). */
export async function ticketWithThread(f: CoreFixture, title = 'Email bounces'): Promise<Ticket> {
  const t = await openTicket(f.deps, { actor: person('U_CUST'), title, channelId: 'C1' });
  await f.db.records.cardLocations.record(t.id, 'C1', `1700000${cardSeq++}.000100`);
  return (await f.deps.store.tickets.byId(t.id))!;
}
