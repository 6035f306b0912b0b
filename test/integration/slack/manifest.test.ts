import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ACTIONS, EVENTS, GLOBAL_SHORTCUTS, MESSAGE_BOT_EVENTS, MESSAGE_SHORTCUTS, SLASH_COMMAND } from '../../../src/slack/ids';

const load = (name: string) => JSON.parse(readFileSync(path.join(__dirname, '../../../manifest/slack', name), 'utf8'));
const manifests = { http: load('manifest.json'), socket: load('manifest.socket-mode.json') };

/** The bot events the manifest must subscribe to for the events the code listens to. */
const expectedBotEvents = [...EVENTS.filter((e) => e !== 'message'), ...MESSAGE_BOT_EVENTS].sort();

describe.each(Object.entries(manifests))('the %s manifest', (mode, m) => {
  test('declares exactly the shortcuts the code handles, with their kinds', () => {
    const shortcuts = m.features.shortcuts.map((s: { callback_id: string; type: string }) => `${s.type}:${s.callback_id}`).sort();
    expect(shortcuts).toEqual([...MESSAGE_SHORTCUTS.map((id) => `message:${id}`), ...GLOBAL_SHORTCUTS.map((id) => `global:${id}`)].sort());
  });

  test('subscribes to exactly the events the code handles', () => {
    expect([...m.settings.event_subscriptions.bot_events].sort()).toEqual(expectedBotEvents);
  });

  test('has /ticket with should_escape, interactivity, the Home tab and the least scopes', () => {
    expect(m.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([SLASH_COMMAND]);
    expect(m.features.slash_commands[0].should_escape).toBe(true);
    expect(m.settings.interactivity.is_enabled).toBe(true);
    expect(m.features.app_home.home_tab_enabled).toBe(true);
    expect([...m.oauth_config.scopes.bot].sort()).toEqual([
      'channels:history', 'channels:join', 'channels:read', 'chat:write', 'commands', 'files:write', 'groups:history', 'groups:read', 'reactions:read', 'users:read',
    ]);
    expect(m.settings.socket_mode_enabled).toBe(mode === 'socket');
  });

  test('points every request URL at /slack/events (HTTP mode) or none (Socket Mode)', () => {
    const urls = [m.settings.event_subscriptions.request_url, m.settings.interactivity.request_url, m.features.slash_commands[0].url];
    if (mode === 'http') for (const url of urls) expect(url).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
    else expect(urls.filter(Boolean)).toEqual([]);
  });
});

/**
 * The bot scopes each Web API method Chamado calls needs, from Slack's method reference, for
 * public and private channels alike. A method not listed here fails the test below: add it.
 */
const METHOD_SCOPES: Record<string, string[]> = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.getPermalink': [],
  'conversations.history': ['channels:history', 'groups:history'],
  'conversations.replies': ['channels:history', 'groups:history'],
  'conversations.join': ['channels:join'],
  'conversations.members': ['channels:read', 'groups:read'],
  'conversations.info': ['channels:read', 'groups:read'],
  'users.info': ['users:read'],
  // A mail's files, uploaded into the ticket thread (files.upload is retired).
  'files.getUploadURLExternal': ['files:write'],
  'files.completeUploadExternal': ['files:write'],
  'views.open': [],
  'views.publish': [],
  'views.update': [],
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : full.endsWith('.ts') ? [full] : [];
  });
}

test('every scope the code\'s Web API calls need is in both manifests', () => {
  const called = new Set<string>();
  for (const file of sources(path.join(__dirname, '../../../src/slack'))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/client\.([a-z]+\.[a-zA-Z]+)\(/g)) called.add(match[1]);
    for (const match of text.matchAll(/apiCall\('([a-z]+\.[a-zA-Z]+)'/g)) called.add(match[1]);
  }
  expect(called.size).toBeGreaterThan(5);
  for (const method of called) expect({ method, known: method in METHOD_SCOPES }).toEqual({ method, known: true });
  const needed = [...new Set([...called].flatMap((method) => METHOD_SCOPES[method]))];
  for (const m of Object.values(manifests)) for (const scope of needed) expect({ scope, granted: m.oauth_config.scopes.bot.includes(scope) }).toEqual({ scope, granted: true });
});

test('action ids are unique', () => {
  const ids = Object.values(ACTIONS);
  expect(new Set(ids).size).toBe(ids.length);
});
