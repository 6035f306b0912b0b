/**
 * Mail out (issue #15): a steady stream of mails to a ticket's e-mail people, enqueued through
 * the core's fan-out at `rate` a second, delivered by Chamado's own outbox worker and nodemailer
 * to a local SMTP sink. Latency is from the outbox row's enqueue (its created_at) to the sink
 * having the whole mail; the target is p99 ≤ 2 s at 100 mails a second.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { startChamado, type RunningApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { emailPersonId, mailTicketPeople, openTicket, type Ticket } from '../../src/core';
import { createLogger } from '../../src/logger';
import { createBenchDatabase, query, type BenchPostgres } from '../postgres';
import { table } from '../report';
import { sleep, summarize } from '../stats';

export interface EmailOutOptions {
  rate: number;
  seconds: number;
  /** Tickets the mails are spread over (one ordering key each, as many threads would be). */
  tickets: number;
}

export const EMAIL_OUT_PROFILES: Record<'quick' | 'full', EmailOutOptions> = {
  quick: { rate: 100, seconds: 5, tickets: 200 },
  full: { rate: 100, seconds: 30, tickets: 1000 },
};

export interface EmailOutResult {
  markdown: string;
  p99Ms: number;
  lost: number;
}

/** A sink that accepts every mail and notes when each Message-ID arrived. */
async function startSink(): Promise<{ url: string; arrivals: Map<string, number>; stop(): Promise<void> }> {
  const arrivals = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, _session, callback) => {
      let head = '';
      stream.on('data', (c: Buffer) => { if (head.length < 8192) head += c.toString('utf8'); });
      stream.on('end', () => {
        const id = /^Message-ID:\s*<([^>]+)>/im.exec(head)?.[1];
        if (id) arrivals.set(id, Date.now());
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, arrivals, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function seedTickets(app: RunningApp, n: number): Promise<Ticket[]> {
  const deps = app.context.deps;
  const tickets: Ticket[] = [];
  for (let i = 0; i < n; i += 1) {
    const userId = emailPersonId(`customer${i}@bench.example`);
    tickets.push(await openTicket(deps, {
      actor: { workspaceId: 'slack:TBENCH', platform: 'slack', userId, isAgent: false, locale: 'en' },
      title: `Bench ticket ${i}`,
      channelId: 'CBENCH',
      requesterId: userId,
    }));
  }
  return tickets;
}

export async function runEmailOut(pg: BenchPostgres, o: EmailOutOptions, log: (line: string) => void): Promise<EmailOutResult> {
  const db = await createBenchDatabase(pg, 'chamado_bench_email_out');
  const sink = await startSink();
  // No chat platform is on: the tickets' cards die at once (nothing to post them to), only mail is measured.
  const config = loadConfig({
    PORT: '0', HOST: '127.0.0.1', DATABASE_URL: db.url, LOG_LEVEL: 'error', NODE_ENV: 'production', SCHEDULER_CRON: '0 0 1 1 *',
    SMTP_URL: sink.url, EMAIL_FROM: 'Bench Support <support@bench.example>', EMAIL_TICKETS_CHANNEL: 'slack:CBENCH', PUBLIC_URL: 'https://bench.example',
  });
  const app = await startChamado(config, createLogger('error'));
  try {
    const tickets = await seedTickets(app, o.tickets);
    await sleep(1000);
    const deps = app.context.deps;
    const total = o.rate * o.seconds;
    const tickMs = 100;
    const perTick = Math.max(1, Math.round((o.rate * tickMs) / 1000));
    log(`  email-out: ${total} mails at ${o.rate}/s over ${o.tickets} tickets`);
    const t0 = Date.now();
    let sent = 0;
    for (let tick = 0; sent < total; tick += 1) {
      const due = t0 + tick * tickMs;
      if (due > Date.now()) await sleep(due - Date.now());
      const batch = Array.from({ length: Math.min(perTick, total - sent) }, (_, k) => tickets[(sent + k) % tickets.length]);
      sent += batch.length;
      // One transaction per mail, as each chat message that causes one commits on its own.
      void Promise.all(batch.map((ticket) => deps.store.transaction((repos) => mailTicketPeople(repos, deps, [{
        ticket, what: { type: 'message', authorId: 'UBENCH', text: `Answer ${sent} for ${ticket.number}`, files: [] },
      }], new Date())))).catch((error: unknown) => log(`  email-out: enqueue failed: ${String(error)}`));
    }
    const deadline = Date.now() + 30_000;
    while (sink.arrivals.size < total && Date.now() < deadline) await sleep(100);
    const rows = await query<{ created: Date; message_id: string | null }>(db.url,
      `SELECT created_at AS created, result->>'messageId' AS message_id FROM outbox WHERE kind = 'email' ORDER BY id`);
    const latencies = rows.flatMap((r) => {
      const at = r.message_id ? sink.arrivals.get(r.message_id) : undefined;
      return at === undefined ? [] : [at - new Date(r.created).getTime()];
    });
    const s = summarize(latencies);
    const lost = total - latencies.length;
    log(`  email-out: ${latencies.length}/${total} delivered; p50 ${s.p50.toFixed(0)} ms, p99 ${s.p99.toFixed(0)} ms, max ${s.max.toFixed(0)} ms`);
    const markdown = [
      `Mail out: ${o.rate} mails a second for ${o.seconds} s, enqueued through the core's fan-out (one transaction each) over ${o.tickets} tickets, ` +
        'delivered by one Chamado process (its outbox worker, nodemailer pooled SMTP) to a local SMTP sink. Latency: outbox enqueue to the sink having the mail.',
      '',
      table(['mails', 'delivered', 'p50 ms', 'p99 ms', 'max ms', 'target p99 ≤ 2000 ms'],
        [[total, latencies.length, Math.round(s.p50), Math.round(s.p99), Math.round(s.max), s.p99 <= 2000 && lost === 0 ? 'holds' : '**missed**']]),
    ].join('\n');
    return { markdown, p99Ms: s.p99, lost };
  } finally {
    await app.stop();
    await sink.stop();
    await db.drop();
  }
}
