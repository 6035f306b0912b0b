import { connect } from 'node:net';
import { startSlackHarness, type SlackHarness } from '../support/slack-harness';
import { startTeamsApp } from '../support/teams-app';
import type { RunningApp } from '../../src/app';

let h: SlackHarness;
let teams: RunningApp;
beforeAll(async () => {
  h = await startSlackHarness();
  teams = await startTeamsApp(h.db.url);
}, 120_000);
afterAll(async () => {
  await teams?.stop();
  await h.stop();
});

/** Sends a request by hand and reads whatever comes back before the server closes. */
function rawRequest(url: string, path: string, declaredLength: number, sent: Buffer, waitMs = 3000): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const done = () => resolve(Buffer.concat(chunks).toString('latin1'));
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', done);
    socket.on('close', done);
    socket.setTimeout(waitMs, () => socket.destroy());
    socket.write(`POST ${path} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${declaredLength}\r\n\r\n`);
    socket.write(sent);
  });
}

describe.each([
  ['Slack', '/slack/events', 1_000_000],
  ['Teams', '/api/messages', 512_000],
])('%s: a body over the limit', (_name, path, limit) => {
  const url = () => (path === '/slack/events' ? h.app.url : teams.url);

  test('is answered 413, not a reset, when the client sends all of it', async () => {
    const res = await fetch(`${url()}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(limit + 10) });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: 'body_too_large' });
  });

  test('is answered 413 even when the client is still sending and never finishes', async () => {
    const answer = await rawRequest(url(), path, limit * 4, Buffer.alloc(limit + 65_536, 0x78));
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer.toLowerCase()).toContain('connection: close');
  });
});
