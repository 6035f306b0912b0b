/**
 * Mail in (issue #15): how many mails a second the built-in SMTP listener accepts and stores (each
 * answered 250 once kept in email_inbox), how soon all are in tickets, none lost; then how long a reply mail takes to appear in
 * its Slack thread at the fake, while replies arrive at a steady rate.
 */
import { createServer } from 'node:net';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { SMTPServer } from 'smtp-server';
import { startServerChild, type ServerChild } from '../child';
import { watchProcess } from '../proc-stats';
import { startFakeSlack, type FakeSlack } from '../fake-slack-api';
import { createBenchDatabase, query, type BenchPostgres } from '../postgres';
import { table } from '../report';
import { BOT_TOKEN, SIGNING_SECRET } from '../slack-signing';
import { sleep, summarize } from '../stats';

export interface EmailInOptions {
  /** New mails sent for the throughput run. */
  mails: number;
  /** SMTP connections the sender keeps open at once. */
  connections: number;
  /** Replies a second during the latency run, and for how long. */
  replyRate: number;
  replySeconds: number;
  /** Tickets the replies are spread over. */
  tickets: number;
}

/** Sizes by profile, kept here so run.ts and profiles.ts stay as they are. */
export const EMAIL_IN_SIZES: Record<'quick' | 'full', EmailInOptions> = {
  quick: { mails: 2_000, connections: 16, replyRate: 100, replySeconds: 3, tickets: 50 },
  full: { mails: 10_000, connections: 32, replyRate: 200, replySeconds: 15, tickets: 200 },
};

const SUPPORT = 'support@bench.example';
const CHANNEL = 'CMAIL';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** The outbound server the app is given: accepts everything (the acknowledgements), keeps nothing. */
async function startSink(): Promise<{ url: string; stop(): Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    // The app's pooled connections would hold a graceful close for 30 s.
    closeTimeout: 100,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => callback());
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as { port: number };
  return { url: `smtp://127.0.0.1:${port}`, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

const compose = (from: string, subject: string, text: string, messageId: string, inReplyTo?: string): Promise<Buffer> =>
  new MailComposer({ from, to: SUPPORT, subject, text, messageId, ...(inReplyTo ? { inReplyTo, references: [inReplyTo] } : {}) }).compile().build();

export interface EmailInResult {
  markdown: string;
  mailsPerSecond: number;
  lost: number;
  replyP99Ms: number | null;
}

export async function runEmailIn(
  pg: BenchPostgres, profile: 'quick' | 'full', log: (line: string) => void, nodeArgs: string[] = [], sizes: Partial<EmailInOptions> = {},
): Promise<EmailInResult> {
  const o = { ...EMAIL_IN_SIZES[profile], ...sizes };
  const db = await createBenchDatabase(pg, 'chamado_bench_email_in');
  const slack: FakeSlack = await startFakeSlack();
  const sink = await startSink();
  const smtpPort = await freePort();
  let server: ServerChild | null = null;
  const transport = nodemailer.createTransport({
    host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true, pool: true, maxConnections: o.connections, maxMessages: Infinity,
  });
  try {
    server = await startServerChild('ingest/chamado-server.js', {
      DATABASE_URL: db.url, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.url,
      LOG_LEVEL: 'error', NODE_ENV: 'production', SCHEDULER_CRON: '0 0 1 1 *',
      SMTP_URL: sink.url, EMAIL_FROM: `Bench Support <${SUPPORT}>`, EMAIL_TICKETS_CHANNEL: `slack:${CHANNEL}`, SMTP_INBOUND_PORT: String(smtpPort),
    }, nodeArgs);
    const send = (raw: Buffer, from: string) => transport.sendMail({ envelope: { from, to: [SUPPORT] }, raw });

    // Throughput: every mail a new ticket, sent over `connections` SMTP connections at once.
    const raws = await Promise.all(Array.from({ length: o.mails }, (_, i) =>
      compose(`customer${i % 500}@bench.example`, `Bench mail ${i}`, `Mail number ${i}`, `<bench-${i}@bench.example>`)));
    let accepted = 0;
    let refused = 0;
    const t0 = Date.now();
    await Promise.all(raws.map((raw, i) => send(raw, `customer${i % 500}@bench.example`).then(() => void accepted++, () => void refused++)));
    const seconds = (Date.now() - t0) / 1000;
    // Answered 250 once kept (email_inbox); each is in a ticket just after. Kept at the last 250, then every one in a ticket.
    const count = async () => (await query<{ kept: string; mails: string; tickets: string }>(db.url,
      `SELECT (SELECT count(*) FROM email_inbox) AS kept, (SELECT count(*) FROM email_messages WHERE direction = 'in') AS mails, (SELECT count(*) FROM tickets) AS tickets`))[0];
    const atLastAnswer = await count();
    let stored = atLastAnswer;
    while (Number(stored.kept) > 0 && Date.now() - t0 < 600_000) {
      await sleep(100);
      stored = await count();
    }
    const inTicketsSeconds = (Date.now() - t0) / 1000;
    const lost = accepted - Number(stored.mails);
    log(`  email-in: ${accepted} mails accepted in ${seconds.toFixed(2)} s (${(accepted / seconds).toFixed(0)}/s), ${refused} refused; ` +
      `${stored.mails} in tickets after ${inTicketsSeconds.toFixed(1)} s (${(Number(stored.mails) / inTicketsSeconds).toFixed(0)}/s), lost ${lost}`);

    // Latency: replies (by In-Reply-To) to tickets whose cards are posted, at a steady rate; the time until each is in its thread.
    // The throughput run's posts are all delivered first, its acknowledgement mails included (the
    // worker takes due rows oldest first, whatever their channel): a reply is measured, not the backlog ahead of it.
    const owed = async () => Number((await query<{ n: string }>(db.url, `SELECT count(*) AS n FROM outbox WHERE status = 'pending'`))[0].n);
    const w0 = Date.now();
    while ((await owed()) > 0 && Date.now() - w0 < 300_000) await sleep(250);
    log(`  email-in: the throughput run's cards and acknowledgements delivered in ${((Date.now() - w0) / 1000).toFixed(0)} s more`);
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    const stop = slack.onCall((call) => {
      const token = /reply-token-(\d+)/.exec(String(call.params.text ?? ''))?.[0];
      const at = token ? sentAt.get(token) : undefined;
      if (token && at !== undefined && call.method === 'chat.postMessage') {
        latencies.push(call.at - at);
        sentAt.delete(token);
      }
    });
    const total = o.replyRate * o.replySeconds;
    const replies = await Promise.all(Array.from({ length: total }, (_, i) => {
      const n = i % o.tickets;
      return compose(`customer${n % 500}@bench.example`, `Re: Bench mail ${n}`, `reply-token-${i}`, `<bench-reply-${i}@bench.example>`, `<bench-${n}@bench.example>`);
    }));
    const r0 = Date.now();
    const cpu = watchProcess(server.pid);
    const sends: Promise<unknown>[] = [];
    for (let i = 0; i < total; i++) {
      const due = r0 + (i * 1000) / o.replyRate;
      if (due > Date.now()) await sleep(due - Date.now());
      sentAt.set(`reply-token-${i}`, Date.now());
      sends.push(send(replies[i], `customer${(i % o.tickets) % 500}@bench.example`).catch(() => undefined));
    }
    await Promise.all(sends);
    for (let waited = 0; sentAt.size > 0 && waited < 30_000; waited += 100) await sleep(100);
    stop();
    const chamadoCpu = cpu.stop().cpuPercent;
    const s = latencies.length > 0 ? summarize(latencies.sort((a, b) => a - b)) : null;
    log(`  email-in replies: ${latencies.length}/${total} in their thread, p50 ${s?.p50 ?? '-'} ms, p99 ${s?.p99 ?? '-'} ms; Chamado's CPU ${chamadoCpu.toFixed(0)} %`);

    const markdown = [
      `Mail in through the built-in SMTP listener (\`startChamado\` in a child process, Slack at a local fake, acknowledgements to a local SMTP sink). ` +
        `Each mail is answered 250 once kept (committed to \`email_inbox\`); its ticket opens just after. Sender: nodemailer, ${o.connections} pooled connections. ` +
        '"In tickets" counts from the first mail sent until the inbox is empty.',
      '',
      table(['new mails sent', 'accepted (250)', 'refused', 'seconds', 'accepted/s', 'waiting at the last 250', 'in tickets', 'tickets', 'seconds', 'in tickets/s', 'lost'],
        [[o.mails, accepted, refused, seconds, accepted / seconds, Number(atLastAnswer.kept), Number(stored.mails), Number(stored.tickets),
          inTicketsSeconds, Number(stored.mails) / inTicketsSeconds, lost]]),
      '',
      `Replies by In-Reply-To at ${o.replyRate}/s for ${o.replySeconds} s over ${o.tickets} tickets: time from handing the mail to the SMTP client ` +
        'until its relayed post reaches `chat.postMessage` at the fake.',
      '',
      table(['replies', 'in the thread', 'p50 ms', 'p99 ms', 'max ms'], [[total, latencies.length, s?.p50 ?? null, s?.p99 ?? null, s?.max ?? null]]),
    ].join('\n');
    return { markdown, mailsPerSecond: accepted / seconds, lost, replyP99Ms: s?.p99 ?? null };
  } finally {
    transport.close();
    await server?.stop();
    await sink.stop();
    await slack.close();
    await db.drop();
  }
}
