import type { KeptMail, MailInbox } from '../../core';
import type { Logger } from '../../logger';
import type { IntakeResult, ReadMail, ReceiveResult } from './intake';
import type { Envelope, ParsedInbound } from './parse-mail';

/** How the inbox works; the defaults suit production, tests shorten the waits. */
export interface InboxOptions {
  /** Mails handed to the core at once, which stores those that meet in one transaction (each sender's mail one after another). */
  concurrency: number;
  /** How often rows nobody holds (another instance's, a retry's) are looked for. */
  pollMs: number;
  /** How long a row stays this instance's: longer than its local queue takes to drain. */
  leaseMs: number;
  /** Mails (and bytes) waiting here at most; beyond, a kept mail is left for the next poll. */
  maxQueued: number;
  maxQueuedBytes: number;
  /** The first retry's wait; it doubles up to `maxRetryMs`. */
  retryMs: number;
  maxRetryMs: number;
  /** Attempts after which a mail that fails (not one waiting for its home) is set aside. */
  maxAttempts: number;
  /** Rows one poll claims at most (their raw mail is read into memory). */
  claimBatch: number;
}

export const INBOX_DEFAULTS: InboxOptions = {
  concurrency: 32, pollMs: 1000, leaseMs: 120_000, maxQueued: 1000, maxQueuedBytes: 64 * 1024 * 1024, retryMs: 1000, maxRetryMs: 300_000,
  maxAttempts: 20, claimBatch: 20,
};

export interface MailInboxWorker {
  /** Reads and keeps a raw mail; the answer is given once it is kept (committed), before its ticket exists. */
  take(raw: Buffer, envelope: Envelope): Promise<IntakeResult>;
  start(): void;
  /** Finishes the mails being put into tickets, lets go of the rest for another instance. */
  stop(): Promise<void>;
}

interface Job {
  id: string;
  mail: ParsedInbound;
  attempts: number;
  bytes: number;
}

/**
 * Mail in as a queue (contract §10, nothing acknowledged is lost): a mail is answered once its raw
 * bytes are kept, one insert that takes no ticket number, and this instance puts it into a ticket
 * just after. One sender's mails go in the order they came, replies before new mail; a failure
 * waits and is tried again; an instance that stops lets go of its waiting rows, and one that dies
 * leaves them to the others once their lease runs out.
 */
export function mailInbox(
  { log, instanceId: holder, inbox, isReply }: { log: Logger; instanceId: string; inbox: MailInbox; isReply: (mail: ParsedInbound) => boolean },
  read: (raw: Buffer, envelope: Envelope) => Promise<ReadMail>,
  receive: (mail: ParsedInbound) => Promise<ReceiveResult>,
  options: InboxOptions = INBOX_DEFAULTS,
): MailInboxWorker {
  /** Jobs by sender: the head of a lane with a job running is that job's successor. */
  const lanes = new Map<string, Job[]>();
  /**
   * Senders whose next mail may start, replies first: a reply joins a ticket (no number to wait
   * for), and a person answering should not wait behind a burst of new mail.
   */
  const ready = { replies: [] as string[], others: [] as string[] };
  const markReady = (sender: string) => (isReply(lanes.get(sender)![0].mail) ? ready.replies : ready.others).push(sender);
  const running = new Set<Promise<void>>();
  let queued = 0;
  let queuedBytes = 0;
  let finished: string[] = [];
  let flushing: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let polling: Promise<void> | null = null;
  let stopped = false;

  const hasRoom = () => queued < options.maxQueued && queuedBytes < options.maxQueuedBytes;

  function enqueue(job: Job): void {
    queued += 1;
    queuedBytes += job.bytes;
    const lane = lanes.get(job.mail.from);
    if (lane) lane.push(job);
    else {
      lanes.set(job.mail.from, [job]);
      markReady(job.mail.from);
    }
    pump();
  }

  function pump(): void {
    while (!stopped && running.size < options.concurrency && ready.replies.length + ready.others.length > 0) {
      const sender = (ready.replies.length > 0 ? ready.replies : ready.others).shift()!;
      const job = lanes.get(sender)!.shift()!;
      queued -= 1;
      queuedBytes -= job.bytes;
      const run = work(job).finally(() => {
        running.delete(run);
        const lane = lanes.get(sender)!;
        if (lane.length > 0) markReady(sender);
        else lanes.delete(sender);
        pump();
      });
      running.add(run);
    }
  }

  async function work(job: Job): Promise<void> {
    const result = await receive(job.mail);
    if (result.status === 'received') return finish(job.id);
    if (!result.waiting && job.attempts + 1 >= options.maxAttempts) {
      // About an hour of failures: kept for someone to look at, out of the way of the rest.
      log.error({ platform: 'email', id: job.id, attempts: job.attempts + 1, reason: result.reason }, 'a kept mail keeps failing; it is set aside in email_inbox');
      return inbox.bury(job.id, result.reason).catch(() => undefined);
    }
    const wait = Math.min(options.maxRetryMs, options.retryMs * 2 ** Math.min(job.attempts, 20));
    await inbox.later(job.id, result.reason, new Date(Date.now() + wait)).catch((error: unknown) =>
      // Its lease runs out, and it is taken again then.
      log.warn({ platform: 'email', err: error }, 'a kept mail could not be rescheduled'));
  }

  /** Rows of received mail go in one delete per turn of the event loop. */
  function finish(id: string): Promise<void> {
    finished.push(id);
    flushing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      const ids = finished;
      finished = [];
      flushing = null;
      // Not deleted: the lease runs out and the mail is taken again, a duplicate that changes nothing.
      await inbox.done(ids).catch((error: unknown) => log.warn({ platform: 'email', err: error }, 'received mails could not be taken off the inbox'));
    });
    return flushing;
  }

  /**
   * Claims rows nobody holds: another instance's whose lease ran out, retries that are due, mail
   * kept while the queue was full. True when it claimed a full batch: there may be more right away.
   */
  async function poll(): Promise<boolean> {
    if (stopped || !hasRoom()) return false;
    const limit = Math.min(options.claimBatch, options.maxQueued - queued);
    let rows: KeptMail[];
    try {
      rows = await inbox.claim(holder, limit, options.leaseMs);
    } catch (error) {
      log.warn({ platform: 'email', err: error }, 'the mail inbox could not be read; trying again');
      return false;
    }
    for (const row of rows) await recover(row);
    return rows.length === limit;
  }

  async function recover(row: KeptMail): Promise<void> {
    const result = await read(row.raw, { mailFrom: row.mailFrom, rcptTo: row.rcptTo }).catch((error: unknown) => {
      log.error({ platform: 'email', err: error }, 'a kept mail could not be read');
      return { status: 'malformed', reason: error instanceof Error ? error.message : String(error) } as const;
    });
    if (result.status === 'read') return enqueue({ id: row.id, mail: result.mail, attempts: row.attempts, bytes: row.raw.byteLength });
    if (result.status === 'ignored') return finish(row.id);
    log.error({ platform: 'email', id: row.id, reason: result.reason }, 'a kept mail cannot be read; it is set aside in email_inbox');
    await inbox.bury(row.id, result.reason).catch(() => undefined);
  }

  return {
    async take(raw, envelope) {
      const result = await read(raw, envelope);
      if (result.status !== 'read') return result;
      const { mail } = result;
      const mine = !stopped && hasRoom();
      let id: string | null;
      try {
        id = await inbox.keep({ messageId: mail.messageId, raw, mailFrom: envelope.mailFrom, rcptTo: envelope.rcptTo }, mine ? holder : null, options.leaseMs);
      } catch (error) {
        log.error({ platform: 'email', err: error }, 'could not keep a received mail; the sender is asked to retry');
        return { status: 'retry', reason: 'the mail could not be stored just now' };
      }
      if (id !== null && mine) enqueue({ id, mail, attempts: 0, bytes: raw.byteLength });
      return { status: 'accepted', duplicate: id === null };
    },
    start() {
      const tick = () => {
        polling = poll().catch((error: unknown) => {
          log.error({ platform: 'email', err: error }, 'the mail inbox poll failed');
          return false;
        }).then((more) => {
          polling = null;
          if (!stopped) timer = setTimeout(tick, more ? 0 : options.pollMs);
        });
      };
      tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await polling;
      const waiting = [...lanes.values()].flat().map((job) => job.id);
      await Promise.all(running);
      await flushing;
      await inbox.release(holder, waiting).catch(() => undefined);
    },
  };
}
