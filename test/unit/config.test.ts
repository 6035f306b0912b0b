import { ConfigError, loadConfig } from '../../src/config';
import { parseDuration } from '../../src/core';

describe('configuration', () => {
  test('defaults match the contract', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 3000, HOST: '0.0.0.0', DATA_DIR: './.data', SLACK_API_URL: 'https://slack.com/api/', DEFAULT_LOCALE: 'en',
      PENDING_REMINDER_AFTER: [86_400_000, 259_200_000], PENDING_AUTO_CLOSE_AFTER: 604_800_000, FIRST_RESPONSE_SLA: 14_400_000,
      SCHEDULER_CRON: '* * * * *', LOG_LEVEL: 'info', AGENTS: [], DEFAULT_TIMEZONE: 'UTC',
    });
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

  test.each([
    ['30s', 30_000], ['15m', 900_000], ['24h', 86_400_000], ['7d', 604_800_000], ['1.5h', 5_400_000],
    ['', null], ['24', null], ['h', null], ['0s', null], ['-1h', null], ['3w', null],
  ])('duration %j is %p ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
});
