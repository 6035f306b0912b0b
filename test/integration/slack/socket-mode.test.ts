import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { eventually, startSlackHarness, type SlackHarness } from '../../support/slack-harness';
import { FakeSlackApi } from '../../fakes/fake-slack-api';

let wss: WebSocketServer;
let h: SlackHarness;
const received: Record<string, unknown>[] = [];
let socket: WebSocket | null = null;

beforeAll(async () => {
  wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  wss.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (data) => received.push(JSON.parse(String(data))));
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake', approximate_connection_time: 3600 }, connection_info: { app_id: 'A1' } }));
  });
  const fake = await new FakeSlackApi().start();
  fake.socketUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link`;
  h = await startSlackHarness({ SLACK_APP_TOKEN: 'xapp-test' }, fake);
});

afterAll(async () => {
  await h.stop();
  for (const client of wss.clients) client.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
});

test('Socket Mode: connects through apps.connections.open with the app token, acks an envelope with the ephemeral reply', async () => {
  const open = await h.fake.waitFor('apps.connections.open');
  expect(open.token).toBe('xapp-test');
  await eventually(async () => socket);
  socket!.send(JSON.stringify({
    envelope_id: 'env-1', type: 'slash_commands', accepts_response_payload: true,
    payload: { team_id: 'T1', user_id: 'U_CUST', channel_id: 'C_SOCK', command: '/ticket', text: 'new Over the socket', trigger_id: 't1', response_url: 'https://hooks.example/1' },
  }));
  const ack = await eventually(async () => received.find((m) => m.envelope_id === 'env-1'));
  expect((ack.payload as { text: string }).text).toBe('Opened ticket #1.');
  const [row] = await h.sql('SELECT title, channel_id FROM tickets');
  expect(row).toEqual({ title: 'Over the socket', channel_id: 'C_SOCK' });
});

test('Socket Mode: /slack/events is not served over HTTP', async () => {
  const r = await h.slack.command('U_CUST', 'help');
  expect(r.status).toBe(404);
});
