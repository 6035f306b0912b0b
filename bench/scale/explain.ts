/**
 * EXPLAIN (ANALYZE, BUFFERS) of the hot queries exactly as the app sends them: the app's own
 * repositories run against the seeded database with a TypeORM logger that records every SQL
 * statement and its parameters; each recorded statement is then explained (inside a
 * transaction that is rolled back, so an UPDATE changes nothing).
 */
import { Client } from 'pg';
import { DataSource, type Logger as OrmLogger } from 'typeorm';
import type { Status } from '../../src/core';
import { dataSourceOptions } from '../../src/persistence/data-source-options';
import { TypeormMessageRepository } from '../../src/persistence/message-repository';
import { TypeormOutboxQueue } from '../../src/persistence/outbox-queue';
import { TypeormSweepRepository } from '../../src/persistence/sweep-repository';
import { TypeormTicketRepository } from '../../src/persistence/ticket-repository';
import { TypeormEventRepository } from '../../src/persistence/event-repository';
import { TypeormTicketQueries } from '../../src/persistence/ticket-queries';
import { TypeormWebSignInRepository } from '../../src/persistence/web-sign-in-repository';
import { table, type Cell } from '../report';
import { AGENT, COMMON_WORD, HEAVY_CC, HEAVY_REQUESTER, HEAVY_WORKSPACE, LONG_TICKET_MESSAGES, LONG_TICKET_SQL, RARE_WORD } from './seed';

const BIG_TABLES = /Seq Scan on (tickets|ticket_messages|ticket_participants|ticket_events|outbox)\b/g;

class Recorder implements OrmLogger {
  queries: { sql: string; params: unknown[] }[] = [];
  logQuery(query: string, parameters?: unknown[]): void {
    if (!/^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SELECT version\(\)|SHOW|SELECT \* FROM current_schema)/i.test(query.trim())) this.queries.push({ sql: query, params: parameters ?? [] });
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

export interface ExplainResult {
  operation: string;
  sql: string;
  params: unknown[];
  plan: string;
  executionMs: number;
  seqScans: string[];
}

export async function explainHotQueries(url: string, now: Date): Promise<ExplainResult[]> {
  const recorder = new Recorder();
  const ds = new DataSource({ ...dataSourceOptions(url, { poolSize: 2, applicationName: 'chamado-bench-explain' }), logging: ['query'], logger: recorder });
  await ds.initialize();
  const pg = new Client({ connectionString: url });
  await pg.connect();
  const results: ExplainResult[] = [];
  try {
    const [sample] = (await pg.query<{ id: string; number: number }>(
      `SELECT id, number FROM tickets WHERE workspace_id = $1 AND requester_id = $2 ORDER BY number DESC LIMIT 1`, [HEAVY_WORKSPACE, HEAVY_REQUESTER])).rows;
    const threads = (await pg.query<{ channel_id: string; thread_id: string }>(
      `SELECT channel_id, thread_id FROM tickets WHERE workspace_id = $1 AND thread_id IS NOT NULL AND status <> 'closed' ORDER BY number DESC LIMIT 50`, [HEAVY_WORKSPACE])).rows
      .map((t) => ({ workspaceId: HEAVY_WORKSPACE, channelId: t.channel_id, threadId: t.thread_id }));
    const active: Status[] = ['open', 'pending'];
    const [long] = (await pg.query<{ id: string }>(LONG_TICKET_SQL)).rows;
    const search = (words: string, participantId: string | null) => (em: import('typeorm').EntityManager) =>
      new TypeormTicketQueries(em).search({ workspaceId: HEAVY_WORKSPACE, words, participantId, limit: 50 });
    const queue = (extra: Partial<import('../../src/core').QueueQuery>) => (em: import('typeorm').EntityManager) =>
      new TypeormTicketQueries(em).queue({ workspaceId: HEAVY_WORKSPACE, statuses: ['open', 'pending'], limit: 25, ...extra });
    const operations: [string, (tx: import('typeorm').EntityManager) => Promise<unknown>][] = [
      ['list for a heavy requester (not closed, 25)', (em) => new TypeormTicketRepository(em).listForUser(HEAVY_WORKSPACE, HEAVY_REQUESTER, active, 25)],
      ['list for a heavy CC (not closed, 25)', (em) => new TypeormTicketRepository(em).listForUser(HEAVY_WORKSPACE, HEAVY_CC, active, 25)],
      ['list for a heavy requester (closed, 10: App Home)', (em) => new TypeormTicketRepository(em).listForUser(HEAVY_WORKSPACE, HEAVY_REQUESTER, ['closed'], 10)],
      ['byNumber', (em) => new TypeormTicketRepository(em).byNumber(HEAVY_WORKSPACE, sample.number)],
      // What one batch of thread replies sends (recordThreadMessages): lock, insert, save.
      ['50 thread replies at once', async (em) => {
        const tickets = new TypeormTicketRepository(em);
        const locked = await tickets.lockByThreads(threads);
        await new TypeormMessageRepository(em).add(locked.map((t, i) => ({
          ticketId: t.id, attachments: { files: [], links: [] },
          message: { id: `explain-${i}`, channelId: t.channelId, threadId: t.threadId, authorId: t.requesterId, text: 'still broken', files: [], postedAt: now },
        })));
        await tickets.saveAll(locked.map((t) => ({ ...t, lastActivityAt: now, updatedAt: now })));
      }],
      ['history (last 10 messages)', (em) => new TypeormMessageRepository(em).history(sample.id, 10)],
      ['audit events of a ticket', (em) => new TypeormEventRepository(em).list(sample.id)],
      ['due reminders (sweep claim)', (em) => new TypeormSweepRepository(em).claimDueReminders(now, [86_400_000, 3 * 86_400_000], 200)],
      ['idle Pending (auto-close claim)', (em) => new TypeormSweepRepository(em).claimIdlePending(new Date(now.getTime() - 7 * 86_400_000), 200)],
      ['first-response SLA claim', (em) => new TypeormSweepRepository(em).claimSlaDue(new Date(now.getTime() - 4 * 3_600_000), 200)],
      // The web ticket area (contract §9): its session, the ticket page, the queue and search.
      ['web session of a cookie', (em) => new TypeormWebSignInRepository(em).session('a-cookie-nobody-has', now)],
      [`whole history of a ${LONG_TICKET_MESSAGES}-message ticket (web page)`, (em) => new TypeormMessageRepository(em).history(long.id, 2000)],
      ['web queue, page 1 (and its count)', queue({})],
      ['web queue, page 8', queue({ offset: 7 * 25 })],
      ['web queue, unassigned and urgent', queue({ assignee: 'none', priorities: ['urgent'] })],
      ['web queue, assigned to me', queue({ assignee: { userId: AGENT } })],
      [`web queue searching \`${COMMON_WORD}\``, queue({ words: COMMON_WORD })],
      [`search \`${COMMON_WORD}\` (agent: the workspace)`, search(COMMON_WORD, null)],
      [`search \`${RARE_WORD}\` (agent: the workspace)`, search(RARE_WORD, null)],
      [`search \`${COMMON_WORD}\` (heavy requester: their tickets)`, search(COMMON_WORD, HEAVY_REQUESTER)],
      [`search \`${RARE_WORD}\` (heavy requester: their tickets)`, search(RARE_WORD, HEAVY_REQUESTER)],
    ];
    const explain = async (operation: string, q: { sql: string; params: unknown[] }) => {
      await pg.query('BEGIN');
      try {
        await pg.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params); // warm
        const rows = (await pg.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params)).rows;
        const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
        results.push({
          operation,
          sql: q.sql.trim(),
          params: q.params,
          plan,
          executionMs: Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN),
          seqScans: [...plan.matchAll(BIG_TABLES)].map((m) => m[1]),
        });
      } finally {
        await pg.query('ROLLBACK');
      }
    };
    for (const [operation, run] of operations) {
      recorder.queries = [];
      const qr = ds.createQueryRunner();
      await qr.startTransaction();
      try {
        await run(qr.manager);
      } finally {
        await qr.rollbackTransaction();
        await qr.release();
      }
      const recorded = recorder.queries;
      for (const [i, q] of recorded.entries()) await explain(recorded.length > 1 ? `${operation} [${i + 1}/${recorded.length}]` : operation, q);
    }
    // The delivery worker's claim is one autocommit statement on the DataSource; the seeded outbox
    // holds only delivered rows, so recording it changes nothing.
    recorder.queries = [];
    await new TypeormOutboxQueue(ds, 'bench-explain').claimDue(now, 50, 60_000);
    for (const q of recorder.queries.filter((x) => /UPDATE outbox/i.test(x.sql))) await explain('outbox claim (delivery worker)', q);
  } finally {
    await pg.end();
    await ds.destroy();
  }
  return results;
}

/** Each statement's execution time and whether it scans a big table (BENCHMARKS.md). */
export function renderExplain(results: ExplainResult[]): string {
  return table(
    ['operation', 'execution ms (warm)', 'seq scans on big tables'],
    results.map((r): Cell[] => [r.operation, r.executionMs, r.seqScans.length ? `**${r.seqScans.join(', ')}**` : 'none']),
  );
}

/** Each statement as sent, with its parameters, and its plan (bench/results/). */
export function renderPlans(results: ExplainResult[]): string {
  return results.map((r) => `## ${r.operation}\n\n\`\`\`sql\n${r.sql}\n\`\`\`\n\nParameters: \`${JSON.stringify(r.params)}\`\n\n\`\`\`\n${r.plan}\n\`\`\``).join('\n\n');
}
