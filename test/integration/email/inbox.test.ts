import { mailInbox, INBOX_DEFAULTS, type InboxOptions, type MailInboxWorker } from '../../../src/email/inbound/inbox';
import type { ReadMail, ReceiveResult } from '../../../src/email/inbound/intake';
import { MalformedMailError, parseMail, type Envelope, type ParsedInbound } from '../../../src/email/inbound/parse-mail';
import { createLogger } from '../../../src/logger';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { compose, newMessageId, SUPPORT } from '../../support/email';
import { eventually } from '../../support/eventually';

/**
 * The mail inbox (src/email/inbound/inbox.ts) on a real database: a mail is kept before it is
 * answered, then handed to the core; the core's side is a function here that records its calls.
 */
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

const ENVELOPE: Envelope = { mailFrom: 'x@customer.example', rcptTo: [SUPPORT] };
const FAST: InboxOptions = { ...INBOX_DEFAULTS, pollMs: 50, retryMs: 50 };
const read = async (raw: Buffer, envelope: Envelope): Promise<ReadMail> => {
  try {
    return { status: 'read', mail: await parseMail(raw, envelope) };
  } catch (error) {
    if (error instanceof MalformedMailError) return { status: 'malformed', reason: error.message };
    throw error;
  }
};
const rows = () => db.dataSource.query('SELECT message_id, attempts, last_error, locked_by, dead_at FROM email_inbox ORDER BY id');
const workers: MailInboxWorker[] = [];
function worker(receive: (mail: ParsedInbound) => Promise<ReceiveResult>, options: InboxOptions = FAST, instanceId = 'test-instance'): MailInboxWorker {
  const isReply = (m: ParsedInbound) => m.references.length > 0;
  const w = mailInbox({ log: createLogger('silent'), instanceId, inbox: db.records.mailInbox, isReply }, read, receive, options);
  workers.push(w);
  w.start();
  return w;
}
const received = (): ReceiveResult => ({ status: 'received', outcome: { kind: 'duplicate' } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let n = 0;
const mail = (from = `p${++n}@customer.example`, subject = `Mail ${n}`) => compose({ from, to: SUPPORT, subject, text: subject, messageId: newMessageId() });

afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
  await db.dataSource.query('DELETE FROM email_inbox');
});

test('a mail is kept before it is answered, one sender\'s mails reach the core in the order they came, and the row goes once received', async () => {
  const order: string[] = [];
  const w = worker(async (m) => {
    await sleep(Math.random() * 20);
    order.push(m.subject);
    return received();
  });
  const from = 'same.sender@customer.example';
  const answers = [];
  for (let i = 0; i < 6; i++) answers.push(await w.take(await mail(from, `In order ${i}`), ENVELOPE));
  expect(answers.every((a) => a.status === 'accepted' && !a.duplicate)).toBe(true);
  await eventually(() => order.length === 6, 'six mails received');
  expect(order).toEqual([0, 1, 2, 3, 4, 5].map((i) => `In order ${i}`));
  await eventually(async () => (await rows()).length === 0, 'the inbox empty');
});

test('a reply goes before new mail that waits: a person answering does not wait behind a burst', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const order: string[] = [];
  const w = worker(async (m) => {
    order.push(m.subject);
    await gate;
    return received();
  }, { ...FAST, concurrency: 1 });
  for (let i = 0; i < 3; i++) await w.take(await mail(undefined, `New ${i}`), ENVELOPE);
  const reply = await compose({ from: 'answering@customer.example', to: SUPPORT, subject: 'Re: New', text: 'answer', references: ['<ours@acme.example>'] });
  await w.take(reply, ENVELOPE);
  release();
  await eventually(() => order.length === 4, 'all four received');
  expect(order).toEqual(['New 0', 'Re: New', 'New 1', 'New 2']);
});

test('the same Message-ID is kept once, and a mail already received is a duplicate', async () => {
  let calls = 0;
  const w = worker(async (m) => {
    calls += 1;
    // As the core does: a received mail's Message-ID is noted, in the same transaction.
    await db.dataSource.query(`INSERT INTO email_messages (message_id, direction) VALUES ($1, 'in')`, [m.messageId]);
    return received();
  });
  const raw = await mail();
  expect(await w.take(raw, ENVELOPE)).toEqual({ status: 'accepted', duplicate: false });
  expect(await w.take(raw, ENVELOPE)).toEqual({ status: 'accepted', duplicate: true });
  await db.dataSource.query(`INSERT INTO email_messages (message_id, direction) VALUES ('already-received@customer.example', 'in')`);
  const seen = await compose({ from: 'q@customer.example', to: SUPPORT, subject: 'seen', text: 'seen', messageId: '<already-received@customer.example>' });
  expect(await w.take(seen, ENVELOPE)).toEqual({ status: 'accepted', duplicate: true });
  await eventually(async () => (await rows()).length === 0, 'the inbox empty');
  expect(calls).toBe(1);
});

test('a mail the core cannot take yet waits with its reason and is tried again until it goes in', async () => {
  let calls = 0;
  let open = false;
  const w = worker(async () => {
    calls += 1;
    return open ? received() : { status: 'retry', reason: 'the tickets channel is not reachable yet', waiting: true };
  });
  await w.take(await mail(), ENVELOPE);
  const [waiting] = await eventually(async () => { const r = await rows(); return r[0]?.attempts >= 2 ? r : null; }, 'two failed attempts');
  expect(waiting).toMatchObject({ last_error: 'the tickets channel is not reachable yet', locked_by: null, dead_at: null });
  open = true;
  await eventually(async () => (await rows()).length === 0, 'the mail received');
  expect(calls).toBeGreaterThanOrEqual(3);
});

test('a mail that keeps failing (not one waiting for its home) is set aside after its attempts, not retried for ever', async () => {
  let calls = 0;
  const w = worker(async () => {
    calls += 1;
    return { status: 'retry', reason: 'boom', waiting: false };
  }, { ...FAST, maxAttempts: 3 });
  await w.take(await mail(), ENVELOPE);
  const [row] = await eventually(async () => { const r = await rows(); return r[0]?.dead_at ? r : null; }, 'the mail set aside');
  expect(row).toMatchObject({ attempts: 3, last_error: 'boom' });
  expect(calls).toBe(3);
});

test('rows of an instance whose lease ran out are taken by another; a kept mail that cannot be read is set aside, not lost', async () => {
  const inbox = db.records.mailInbox;
  const raw = await mail('orphan@customer.example', 'Orphaned');
  await inbox.keep({ messageId: 'orphan@customer.example', raw, mailFrom: null, rcptTo: [SUPPORT] }, 'a-dead-instance', 1);
  await inbox.keep({ messageId: 'garbage@customer.example', raw: Buffer.from('not a mail at all'), mailFrom: null, rcptTo: [] }, null, 1);
  const subjects: string[] = [];
  worker(async (m) => {
    subjects.push(m.subject);
    return received();
  }, FAST, 'the-survivor');
  await eventually(() => subjects.length === 1, 'the orphan received');
  expect(subjects).toEqual(['Orphaned']);
  const [garbage] = await eventually(async () => { const r = await rows(); return r.length === 1 && r[0].dead_at ? r : null; }, 'the garbage set aside');
  expect(garbage).toMatchObject({ message_id: 'garbage@customer.example', last_error: 'the message has no From address' });
});

test('a stop finishes the mail being received and lets go of the rest, which another instance then takes at once', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const first: string[] = [];
  const a = worker(async (m) => {
    first.push(m.subject);
    await gate;
    return received();
  }, { ...FAST, concurrency: 1 }, 'instance-a');
  for (let i = 0; i < 3; i++) await a.take(await mail(undefined, `Stop ${i}`), ENVELOPE);
  await eventually(() => first.length === 1, 'the first mail started');
  const stopping = a.stop();
  release();
  await stopping;
  expect(first).toEqual(['Stop 0']);
  expect((await rows()).map((r: { locked_by: string | null }) => r.locked_by)).toEqual([null, null]);
  const second: string[] = [];
  worker(async (m) => {
    second.push(m.subject);
    return received();
  }, FAST, 'instance-b');
  await eventually(() => second.length === 2, 'the rest received by instance b');
  expect(second.sort()).toEqual(['Stop 1', 'Stop 2']);
});
