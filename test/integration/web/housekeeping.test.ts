import { purgeWebSignIns, WEB_SESSION_HOURS } from '../../../src/core';
import { startWebHarness, type WebHarness } from '../../web/web-harness';

/** Expired sessions and spent sign-in links do not pile up: the scheduler's tick purges them. */
let h: WebHarness;

beforeAll(async () => {
  h = await startWebHarness();
});
afterAll(async () => h?.stop());

const count = async (table: 'web_sessions' | 'web_login_tokens', userId: string) =>
  (await h.sql(`SELECT count(*)::int AS n FROM ${table} WHERE user_id = $1`, [userId]))[0].n as number;

test('expired sessions and used or expired links are deleted; live ones stay and still work', async () => {
  const used = await h.loginPath('U_PURGE_OLD');
  const opened = await fetch(`${h.app.url}${used}`, { redirect: 'manual' });
  expect(opened.status).toBe(303);
  await h.loginPath('U_PURGE_OLD');
  expect([await count('web_sessions', 'U_PURGE_OLD'), await count('web_login_tokens', 'U_PURGE_OLD')]).toEqual([1, 2]);

  // A used link stays until it expires (the per-person rate limit counts it), then goes.
  expect(await purgeWebSignIns(h.deps, new Date())).toMatchObject({ tokens: 0 });
  expect(await count('web_login_tokens', 'U_PURGE_OLD')).toBe(2);
  h.advance(WEB_SESSION_HOURS * 3_600_000 + 60_000);
  try {
    const fresh = await h.loginPath('U_PURGE_NEW');
    const purged = await purgeWebSignIns(h.deps, h.deps.clock.now(), 1);
    expect(purged.sessions).toBeGreaterThanOrEqual(1);
    expect(purged.tokens).toBeGreaterThanOrEqual(2);
    expect([await count('web_sessions', 'U_PURGE_OLD'), await count('web_login_tokens', 'U_PURGE_OLD')]).toEqual([0, 0]);
    expect(await count('web_login_tokens', 'U_PURGE_NEW')).toBe(1);
    expect((await fetch(`${h.app.url}${fresh}`, { redirect: 'manual' })).status).toBe(303);
  } finally {
    h.advance(-(WEB_SESSION_HOURS * 3_600_000 + 60_000));
  }
});

test('the purge reads the expiry indexes, never a whole table', async () => {
  for (const [table, index] of [['web_sessions', 'web_sessions_expires'], ['web_login_tokens', 'web_login_tokens_expires']]) {
    const plan = await h.sql(`SELECT 1 FROM pg_indexes WHERE tablename = $1 AND indexname = $2`, [table, index]);
    expect(plan).toHaveLength(1);
  }
});
