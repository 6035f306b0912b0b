import { readFileSync } from 'node:fs';
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
    expect([...m.oauth_config.scopes.bot].sort()).toEqual(['channels:history', 'channels:join', 'chat:write', 'commands', 'groups:history', 'reactions:read', 'users:read']);
    expect(m.settings.socket_mode_enabled).toBe(mode === 'socket');
  });

  test('points every request URL at /slack/events (HTTP mode) or none (Socket Mode)', () => {
    const urls = [m.settings.event_subscriptions.request_url, m.settings.interactivity.request_url, m.features.slash_commands[0].url];
    if (mode === 'http') for (const url of urls) expect(url).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
    else expect(urls.filter(Boolean)).toEqual([]);
  });
});

test('action ids are unique', () => {
  const ids = Object.values(ACTIONS);
  expect(new Set(ids).size).toBe(ids.length);
});
