import type { RunningApp } from '../../../src/app';
import { FakeBotConnector } from '../../fakes/fake-bot-connector';
import { FakeBotIdentity, makeKey, signJwt, type Claims } from '../../fakes/fake-bot-identity';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { CUSTOMER, channelCommand, channelMessage, postActivity, startTeamsApp } from '../../support/teams-app';

/**
 * Teams authentication end to end, offline: botbuilder validates real RS256 tokens against a
 * local OpenID metadata + JWKS (FakeBotIdentity). Only the inbound half is proved here: with
 * botbuilder 4.23 the outbound token comes from MSAL, which refuses an http authority and asks
 * login.microsoftonline.com for instance discovery of any other host, so it cannot be pointed
 * at a local token endpoint. ToChannelFromBotLoginUrl is set to a local http URL so that MSAL
 * fails before any network call instead of reaching Microsoft.
 */

const APP_ID = '00000000-0000-0000-0000-0000000000aa';

const teamsKey = makeKey('teams-key', ['msteams', 'emulator']);
const webchatOnlyKey = makeKey('webchat-only-key', ['webchat', 'directline']);
const unendorsedKey = makeKey('unendorsed-key');
/** Never published: signs "bad signature" tokens under the trusted key's kid, and "unknown kid" ones. */
const strangerKey = makeKey('stranger-key', ['msteams']);

let db: TestDatabase;
let app: RunningApp;
const connector = new FakeBotConnector();
const identity = new FakeBotIdentity([teamsKey, webchatOnlyKey, unendorsedKey]);

beforeAll(async () => {
  db = await createTestDatabase();
  await connector.start();
  await identity.start();
  app = await startTeamsApp(db.url, {
    MICROSOFT_APP_ID: APP_ID,
    MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
    ToBotFromChannelOpenIdMetadataUrl: identity.metadataUrl,
    ToBotFromChannelTokenIssuer: identity.issuer,
    ToChannelFromBotLoginUrl: `${identity.url}botframework.com`,
    ToChannelFromBotOAuthScope: identity.url,
    OAuthUrl: identity.url,
  });
});
afterAll(async () => {
  await app?.stop();
  await identity.stop();
  await connector.stop();
  await db?.drop();
});

const count = async (table: string) => Number((await db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** What the Bot Connector puts in a token for this bot and this activity's serviceUrl. */
const goodClaims = (overrides: Claims = {}): Claims => ({
  iss: identity.issuer,
  aud: APP_ID,
  serviceurl: connector.url,
  nbf: nowSeconds() - 60,
  iat: nowSeconds() - 60,
  exp: nowSeconds() + 3600,
  ...overrides,
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('a correctly signed token', () => {
  test('a channel message is accepted and kept, and the keys came from the fake', async () => {
    const before = await count('conversation_messages');
    const res = await postActivity(app, channelMessage(connector, 'the printer on floor 3 is jammed again'), bearer(signJwt(teamsKey, goodClaims())));
    expect(res.status).toBe(200);
    expect(await count('conversation_messages')).toBe(before + 1);
    expect(identity.requests).toEqual(expect.arrayContaining(['/v1/.well-known/openidconfiguration', '/v1/.well-known/keys']));
  });

  test('a command is handled: `new` opens the ticket', async () => {
    const res = await postActivity(app, channelCommand(connector, 'new Authenticated ticket', { from: CUSTOMER }), bearer(signJwt(teamsKey, goodClaims())));
    expect(res.status).toBe(200);
    const rows: { title: string; requester_id: string }[] = await db.dataSource.query('SELECT title, requester_id FROM tickets');
    expect(rows).toEqual([{ title: 'Authenticated ticket', requester_id: CUSTOMER.id }]);
  });
});

describe('a token that fails verification gets 401 and changes nothing', () => {
  const unsigned = () => `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(goodClaims())).toString('base64url')}.`;

  test.each<[string, () => Record<string, string>]>([
    [
      'expired (beyond the five-minute clock tolerance)',
      () => bearer(signJwt(teamsKey, goodClaims({ iat: nowSeconds() - 7200, nbf: nowSeconds() - 7200, exp: nowSeconds() - 3600 }))),
    ],
    ['not yet valid (nbf an hour ahead)', () => bearer(signJwt(teamsKey, goodClaims({ nbf: nowSeconds() + 3600 })))],
    ['for another app (wrong audience)', () => bearer(signJwt(teamsKey, goodClaims({ aud: '00000000-0000-0000-0000-0000000000bb' })))],
    ['with no audience', () => bearer(signJwt(teamsKey, goodClaims({ aud: undefined })))],
    ['from another issuer', () => bearer(signJwt(teamsKey, goodClaims({ iss: 'https://api.botframework.com' })))],
    ['with a bad signature (another key, the trusted kid)', () => bearer(signJwt(strangerKey, goodClaims(), { kid: teamsKey.kid }))],
    ['signed with a key the JWKS does not list (unknown kid)', () => bearer(signJwt(strangerKey, goodClaims()))],
    ['unsigned (alg none)', () => bearer(unsigned())],
    ['signed with a key endorsed for other channels only', () => bearer(signJwt(webchatOnlyKey, goodClaims()))],
    ['signed with a key that has no endorsements', () => bearer(signJwt(unendorsedKey, goodClaims()))],
    ['whose serviceurl claim is another service URL', () => bearer(signJwt(teamsKey, goodClaims({ serviceurl: 'https://smba.trafficmanager.net/emea/' })))],
    ['with no serviceurl claim', () => bearer(signJwt(teamsKey, goodClaims({ serviceurl: undefined })))],
    ['sent under another scheme', () => ({ authorization: `Basic ${signJwt(teamsKey, goodClaims())}` })],
    ['missing (no Authorization header)', () => ({})],
  ])('a token %s', async (_what, headers) => {
    await expectRejected(channelCommand(connector, 'new Sneaky ticket', { from: CUSTOMER }), headers());
  });

  test.each<[string, (activity: Record<string, unknown>) => void]>([
    ['no channelId', (activity) => delete activity.channelId],
    ['an empty channelId', (activity) => (activity.channelId = '')],
  ])('an activity with %s, its token signed by a key endorsed for other channels only', async (_what, strip) => {
    const activity = channelCommand(connector, 'new Sneaky ticket', { from: CUSTOMER });
    strip(activity);
    await expectRejected(activity, bearer(signJwt(webchatOnlyKey, goodClaims())));
  });

  async function expectRejected(activity: unknown, headers: Record<string, string>): Promise<void> {
    const before = { messages: await count('conversation_messages'), tickets: await count('tickets'), refs: await count('conversation_references'), calls: connector.calls.length };
    const res = await postActivity(app, activity, headers);
    expect(res.status).toBe(401);
    expect(res.text).toBe('');
    expect(await count('conversation_messages')).toBe(before.messages);
    expect(await count('tickets')).toBe(before.tickets);
    expect(await count('conversation_references')).toBe(before.refs);
    expect(connector.calls.length).toBe(before.calls);
  }
});
