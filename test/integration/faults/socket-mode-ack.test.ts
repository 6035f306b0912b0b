import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { FakeSlackApi } from '../../fakes/fake-slack-api';
import { eventually, isCardOf, startSlackHarness, type SlackHarness } from '../../support/slack-harness';

/**
 * Socket Mode keeps the promise HTTP keeps: an envelope is acknowledged only once what it
 * carries is stored, and a thread reply is handled by the same code whichever way it came.
 */
let wss: WebSocketServer;
let h: SlackHarness;
let socket: WebSocket | null = null;
const acks = new Map<string, number>();
let thread = '';

beforeAll(async () => {
  wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  wss.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as { envelope_id?: string };
      if (m.envelope_id) acks.set(m.envelope_id, Date.now());
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake', approximate_connection_time: 3600 }, connection_info: { app_id: 'A1' } }));
  });
  const fake = await new FakeSlackApi().start();
  fake.socketUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link`;
  h = await startSlackHarness({ SLACK_APP_TOKEN: 'xapp-test' }, fake);
  await eventually(async () => socket);
  socket!.send(JSON.stringify({
    envelope_id: 'env-open', type: 'slash_commands', accepts_response_payload: true,
    payload: { team_id: 'T1', user_id: 'U_CUST', channel_id: 'C_SOCK', command: '/ticket', text: 'new Socket printer', trigger_id: 't1', response_url: 'https://hooks.example/1' },
  }));
  await h.fake.waitFor('chat.postMessage', isCardOf(1));
  thread = await eventually(async () => (await h.sql('SELECT thread_id FROM tickets WHERE number = 1 AND thread_id IS NOT NULL'))[0]?.thread_id as string | undefined);
}, 120_000);

afterAll(async () => {
  await h.stop();
  for (const client of wss.clients) client.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
});

function sendReply(envelopeId: string, ts: string, text: string, retry = 0): void {
  socket!.send(JSON.stringify({
    envelope_id: envelopeId, type: 'events_api', accepts_response_payload: false, retry_attempt: retry, retry_reason: retry ? 'timeout' : '',
    payload: {
      token: 'legacy', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: `Ev${envelopeId}`, event_time: 1,
      event: { type: 'message', channel: 'C_SOCK', user: 'U_CUST', text, ts, thread_ts: thread, channel_type: 'channel' },
    },
  }));
}

const stored = async (ts: string) => (await h.sql('SELECT count(*)::int AS n FROM ticket_messages WHERE platform_message_id = $1', [ts]))[0].n as number;

test('a thread reply over the socket is stored before its envelope is acknowledged', async () => {
  for (let i = 1; i <= 10; i++) {
    const ts = `1791000000.00000${i - 1}`;
    sendReply(`env-r${i}`, ts, `socket reply ${i}`);
    await eventually(async () => acks.has(`env-r${i}`));
    expect(await stored(ts)).toBe(1);
  }
});

test('a reply the database refuses is not acknowledged; the resent envelope stores it once', async () => {
  await h.sql(`ALTER TABLE ticket_messages ADD CONSTRAINT refuse_socket_test CHECK (text <> 'refused over the socket')`);
  sendReply('env-refused', '1791000001.000001', 'refused over the socket');
  await new Promise((r) => setTimeout(r, 3000));
  expect(acks.has('env-refused')).toBe(false);
  await h.sql('ALTER TABLE ticket_messages DROP CONSTRAINT refuse_socket_test');
  sendReply('env-refused-2', '1791000001.000001', 'refused over the socket', 1);
  await eventually(async () => acks.has('env-refused-2'));
  expect(await stored('1791000001.000001')).toBe(1);
});

test('a malformed event over the socket is acknowledged and dropped, like over HTTP', async () => {
  socket!.send(JSON.stringify({ envelope_id: 'env-null', type: 'events_api', payload: { type: 'event_callback', team_id: 'T1', event: null } }));
  await eventually(async () => acks.has('env-null'));
  expect(await h.sql(`SELECT 1 FROM ticket_messages WHERE text = 'null'`)).toHaveLength(0);
});
