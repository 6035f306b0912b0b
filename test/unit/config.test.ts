import { ConfigError, loadConfig } from '../../src/config';
import { parseDuration } from '../../src/core';

describe('configuration', () => {
  test('defaults match the contract', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 3000, HOST: '0.0.0.0', DATA_DIR: './.data', SLACK_API_URL: 'https://slack.com/api/', DEFAULT_LOCALE: 'en',
      PENDING_REMINDER_AFTER: [86_400_000, 259_200_000], PENDING_AUTO_CLOSE_AFTER: 604_800_000, FIRST_RESPONSE_SLA: 14_400_000,
      SCHEDULER_CRON: '* * * * *', LOG_LEVEL: 'info', AGENTS: [],
      DEFAULT_TIMEZONE: 'UTC', DATABASE_WAIT: 60_000, PUBLIC_URL: 'http://localhost:3000', EMAIL_MAX_BYTES: 26_214_400,
    });
    expect(loadConfig({ PORT: '8080' }).PUBLIC_URL).toBe('http://localhost:8080');
    expect(loadConfig({ PUBLIC_URL: 'https://help.acme.example/' }).PUBLIC_URL).toBe('https://help.acme.example');
    expect(c.DATABASE_URL).toBeUndefined();
  });

  test('parses agents, durations and six-field cron', () => {
    const c = loadConfig({ AGENTS: 'slack:U012AB, teams:29:1xyz', PENDING_REMINDER_AFTER: '72h,24h', SCHEDULER_CRON: '*/5 * * * * *', DEFAULT_LOCALE: 'pt-BR' });
    expect(c.AGENTS).toEqual([{ platform: 'slack', userId: 'U012AB' }, { platform: 'teams', userId: '29:1xyz' }]);
    expect(c.PENDING_REMINDER_AFTER).toEqual([86_400_000, 259_200_000]);
    expect(c.DEFAULT_LOCALE).toBe('pt-BR');
    expect(loadConfig({ DEFAULT_TIMEZONE: 'America/Sao_Paulo' }).DEFAULT_TIMEZONE).toBe('America/Sao_Paulo');
  });

  test('passes botbuilder settings through under their own names', () => {
    expect(loadConfig({ ChannelService: 'https://botframework.azure.us', OAuthUrl: 'https://x' }).botFrameworkAuth).toEqual({ ChannelService: 'https://botframework.azure.us', OAuthUrl: 'https://x' });
  });

  test.each([
    [{ PORT: 'abc' }, /^PORT:/],
    [{ PORT: '70000' }, /^PORT:/],
    [{ PENDING_AUTO_CLOSE_AFTER: 'soon' }, /^PENDING_AUTO_CLOSE_AFTER: .*soon/],
    [{ PENDING_REMINDER_AFTER: '24h,later' }, /^PENDING_REMINDER_AFTER:/],
    [{ DEFAULT_LOCALE: 'fr' }, /^DEFAULT_LOCALE:/],
    [{ AGENTS: 'discord:U1' }, /^AGENTS:/],
    [{ SCHEDULER_CRON: '* *' }, /^SCHEDULER_CRON:/],
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL:/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL:/],
    [{ SLACK_APP_TOKEN: 'xoxb-wrong' }, /^SLACK_APP_TOKEN:/],
    [{ DEFAULT_TIMEZONE: 'Brasil/Recife' }, /^DEFAULT_TIMEZONE: .*IANA.*Brasil\/Recife/],
  ])('%j is refused naming the variable', (env, pattern) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (e) {
      expect((e as Error).message).toMatch(pattern);
      expect((e as Error).message).not.toContain('\n');
    }
  });

  /** The sentence an operator reads for one bad variable (the first problem). */
  const problem = (env: NodeJS.ProcessEnv) => {
    try {
      loadConfig(env);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return (e as ConfigError).message;
    }
    throw new Error(`${JSON.stringify(env)} was accepted`);
  };

  test.each([
    [{ PORT: 'abc' }, 'PORT: must be a port (a whole number from 0 to 65535), got "abc".'],
    [{ PENDING_AUTO_CLOSE_AFTER: 'soon' }, 'PENDING_AUTO_CLOSE_AFTER: must be a duration like 30s, 15m, 24h or 7d, got "soon".'],
    [{ DEFAULT_LOCALE: 'pt' }, 'DEFAULT_LOCALE: must be one of en, pt-BR, got "pt".'],
    [{ SCHEDULER_CRON: '99 * * * *' }, 'SCHEDULER_CRON: must be a cron expression of five or six fields, like "* * * * *" (every minute); "99 * * * *" is not one.'],
    [{ DEFAULT_TIMEZONE: 'Mars/Olympus' }, 'DEFAULT_TIMEZONE: must be an IANA time zone like UTC, Europe/Lisbon or America/Sao_Paulo, got "Mars/Olympus".'],
    [{ DATABASE_WAIT: '1 minute' }, 'DATABASE_WAIT: must be a duration like 30s, 15m, 24h or 7d, got "1 minute".'],
    [{ PUBLIC_URL: 'help.acme.example' }, 'PUBLIC_URL: must be an http:// or https:// address, got "help.acme.example".'],
  ])('%j reads as one plain sentence naming the variable once', (env, sentence) => {
    const message = problem(env);
    expect(message).toBe(sentence);
    expect(message.split(Object.keys(env)[0]).length).toBe(2);
    expect(message).not.toMatch(/Invalid input|expected|received|NaN/);
  });

  test('every bad variable gets its own sentence', () => {
    try {
      loadConfig({ PORT: 'x', LOG_LEVEL: 'loud' });
      throw new Error('accepted');
    } catch (e) {
      expect((e as ConfigError).problems).toEqual([
        'PORT: must be a port (a whole number from 0 to 65535), got "x".',
        'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent, got "loud".',
      ]);
    }
  });

  test.each([
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, /^SLACK_SIGNING_SECRET: missing; Slack needs it with SLACK_BOT_TOKEN/],
    [{ SLACK_SIGNING_SECRET: 'abc123' }, /^SLACK_BOT_TOKEN: missing; Slack needs it with SLACK_SIGNING_SECRET/],
    [{ SMTP_URL: 'smtp://mail.example.com', EMAIL_TICKETS_CHANNEL: 'slack:C1' }, /^EMAIL_FROM: missing; e-mail \(SMTP_URL\)/],
    [{ SMTP_URL: 'smtp://mail.example.com', EMAIL_FROM: 'support@acme.example' }, /^EMAIL_TICKETS_CHANNEL: missing; e-mail \(SMTP_URL\)/],
    [{ EMAIL_INBOUND_SECRET: 'abc123' }, /^SMTP_URL: missing; EMAIL_INBOUND_SECRET only works with it/],
    [{ EMAIL_MAX_BYTES: '1000' }, /^SMTP_URL: missing; EMAIL_MAX_BYTES only works with it/],
    [{ SMTP_URL: 'smtp://m.example', EMAIL_FROM: 'a@b.c', EMAIL_TICKETS_CHANNEL: 'slack:C1', SMTP_INBOUND_TLS_CERT: '/c.pem', SMTP_INBOUND_TLS_KEY: '/k.pem' }, /^SMTP_INBOUND_PORT: missing/],
    [{ SMTP_URL: 'smtp://m.example', EMAIL_FROM: 'a@b.c', EMAIL_TICKETS_CHANNEL: 'slack:C1', SMTP_INBOUND_PORT: '25', SMTP_INBOUND_TLS_CERT: '/c.pem' }, /^SMTP_INBOUND_TLS_KEY: missing/],
  ])('%j is refused naming the missing variable', (env, pattern) => {
    expect(problem(env)).toMatch(pattern);
  });

  test('e-mail settings that go together are accepted and validated', () => {
    const c = loadConfig({ SMTP_URL: 'smtps://u:p@mail.example.com:465', EMAIL_FROM: 'Acme Support <support@acme.example>', EMAIL_TICKETS_CHANNEL: 'slack:C0123', SMTP_INBOUND_PORT: '2525', EMAIL_MAX_BYTES: '1000' });
    expect(c).toMatchObject({ EMAIL_FROM: 'Acme Support <support@acme.example>', SMTP_INBOUND_PORT: 2525, EMAIL_MAX_BYTES: 1000 });
    expect(problem({ SMTP_URL: 'smtp://mail.example.com', EMAIL_FROM: 'support', EMAIL_TICKETS_CHANNEL: 'slack:C1' })).toMatch(/^EMAIL_FROM: must be an e-mail address/);
    expect(problem({ SMTP_URL: 'smtp://mail.example.com', EMAIL_FROM: 'a@b.c', EMAIL_TICKETS_CHANNEL: 'C1' })).toMatch(/^EMAIL_TICKETS_CHANNEL: must be slack:<channel id>/);
  });

  test.each([
    [{ SLACK_APP_TOKEN: 'xoxb-1234-5678-SECRETPART' }, 'xoxb-1234-5678-SECRETPART', /^SLACK_APP_TOKEN: must be an app-level token .*starts with "xoxb-"/],
    [{ SLACK_BOT_TOKEN: 'xapp-1-A0-SECRETPART', SLACK_SIGNING_SECRET: 's' }, 'xapp-1-A0-SECRETPART', /^SLACK_BOT_TOKEN: must be the Bot User OAuth Token/],
    [{ DATABASE_URL: 'mysql://root:hunter2secret@db:3306/x' }, 'hunter2secret', /^DATABASE_URL: must be a Postgres address .*starts with "mysql:"/],
    [{ DATABASE_URL: 'hunter2secret' }, 'hunter2secret', /^DATABASE_URL: must be a Postgres address/],
    [{ SMTP_URL: 'http://u:hunter2secret@mail', EMAIL_FROM: 'a@b.c', EMAIL_TICKETS_CHANNEL: 'slack:C1' }, 'hunter2secret', /^SMTP_URL: must be an SMTP address/],
  ])('a refused secret %j is never repeated back', (env, secret, pattern) => {
    const message = problem(env);
    expect(message).toMatch(pattern);
    expect(message).not.toContain(secret);
  });

  test.each([
    ['30s', 30_000], ['15m', 900_000], ['24h', 86_400_000], ['7d', 604_800_000], ['1.5h', 5_400_000],
    ['', null], ['24', null], ['h', null], ['0s', null], ['-1h', null], ['3w', null],
  ])('duration %j is %p ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
});
