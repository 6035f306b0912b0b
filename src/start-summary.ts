import type { RunningApp } from './app';
import { emailEnabled, slackEnabled, teamsEnabled, type Config } from './config';

export interface StartWarning {
  fields: Record<string, unknown>;
  message: string;
}

/** Settings that start fine but not as the operator probably meant. */
export function startWarnings(config: Config): StartWarning[] {
  const warnings: StartWarning[] = [];
  if (config.NODE_ENV === 'production' && !slackEnabled(config) && !teamsEnabled(config)) {
    warnings.push({
      fields: { platforms: [] },
      message: 'no chat platform is on: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET for Slack, or MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD for Teams',
    });
  }
  return warnings;
}

const slackLine = (c: Config) =>
  slackEnabled(c) ? `Slack on (${c.SLACK_APP_TOKEN ? 'Socket Mode' : `Request URL ${c.PUBLIC_URL}/slack/events`})` : 'Slack off (set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET)';

const teamsLine = (c: Config) => {
  if (!teamsEnabled(c)) return 'Teams off (set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD)';
  if (!c.MICROSOFT_APP_ID) return 'Teams on without sign-in, for the Bot Framework Emulator (set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD for real Teams)';
  return `Teams on (messaging endpoint ${c.PUBLIC_URL}/api/messages)`;
};

/** Where mail goes out, never with SMTP_URL's password (only its host and port are shown). */
const emailLine = (c: Config) => {
  if (!emailEnabled(c)) return 'e-mail off (set SMTP_URL, EMAIL_FROM and EMAIL_TICKETS_CHANNEL)';
  const listener = c.SMTP_INBOUND_PORT ? `, listening for mail on port ${c.SMTP_INBOUND_PORT}` : '';
  return `e-mail on (as ${c.EMAIL_FROM}, sending through ${new URL(c.SMTP_URL!).host}${listener}; tickets in ${c.EMAIL_TICKETS_CHANNEL})`;
};

const agentsLine = (c: Config) =>
  c.AGENTS.length > 0 || c.SLACK_AGENTS_CHANNEL ? 'agents set' : 'no agents yet (set AGENTS or SLACK_AGENTS_CHANNEL; `whoami` tells a person their id)';

/** The one readable line a person at a terminal sees: what is on, and what to set next. */
export function startSummary(config: Config, app: Pick<RunningApp, 'url'>): string {
  const database = config.DATABASE_URL ? 'database from DATABASE_URL' : `embedded Postgres in ${config.DATA_DIR}`;
  const on = [slackLine(config), teamsLine(config), emailLine(config), database, agentsLine(config)];
  return `Chamado is running on ${app.url.replace('127.0.0.1', 'localhost')}: ${on.join('; ')}.`;
}
