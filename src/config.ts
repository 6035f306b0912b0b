import { z } from 'zod';
import { parseDuration } from './core/duration';

const duration = (name: string) =>
  z.string().transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === null) {
      ctx.addIssue({ code: 'custom', message: `${name} must be a duration like 30s, 15m, 24h or 7d (got "${text}")` });
      return z.NEVER;
    }
    return ms;
  });

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined));

const agentList = z
  .string()
  .default('')
  .transform((text, ctx) => {
    const agents: { platform: 'slack' | 'teams'; userId: string }[] = [];
    for (const raw of text.split(',').map((s) => s.trim()).filter(Boolean)) {
      const sep = raw.indexOf(':');
      const platform = raw.slice(0, sep);
      const userId = raw.slice(sep + 1);
      if (sep < 0 || (platform !== 'slack' && platform !== 'teams') || !userId) {
        ctx.addIssue({ code: 'custom', message: `each entry must be slack:<userId> or teams:<userId> (got "${raw}")` });
        return z.NEVER;
      }
      agents.push({ platform, userId });
    }
    return agents;
  });

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const schema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  DATA_DIR: z.string().min(1).default('./.data'),
  SLACK_BOT_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.pipe(z.string().startsWith('xapp-').optional()),
  SLACK_API_URL: z.url({ protocol: /^https?$/ }).default('https://slack.com/api/'),
  SLACK_AGENTS_CHANNEL: optionalText,
  SLACK_TRIAGE_CHANNEL: optionalText,
  MICROSOFT_APP_ID: optionalText,
  MICROSOFT_APP_PASSWORD: optionalText,
  MICROSOFT_APP_TENANT_ID: optionalText,
  MICROSOFT_APP_TYPE: optionalText.pipe(z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional()),
  AGENTS: agentList,
  DEFAULT_LOCALE: z.enum(['en', 'pt-BR']).default('en'),
  PENDING_REMINDER_AFTER: z
    .string()
    .default('24h,72h')
    .transform((text, ctx) => {
      const steps = text.split(',').map((s) => s.trim()).filter(Boolean).map(parseDuration);
      if (steps.some((s) => s === null)) {
        ctx.addIssue({ code: 'custom', message: `must be a comma list of durations like 24h,72h (got "${text}")` });
        return z.NEVER;
      }
      return (steps as number[]).sort((a, b) => a - b);
    }),
  PENDING_AUTO_CLOSE_AFTER: duration('PENDING_AUTO_CLOSE_AFTER').default(7 * 86_400_000),
  FIRST_RESPONSE_SLA: duration('FIRST_RESPONSE_SLA').default(4 * 3_600_000),
  SCHEDULER_CRON: z
    .string()
    .default('* * * * *')
    .refine((expr) => [5, 6].includes(expr.trim().split(/\s+/).length), 'must be a cron expression of five or six fields'),
  DEFAULT_TIMEZONE: z.string().default('UTC').refine(isTimeZone, 'must be an IANA time zone such as UTC or America/Sao_Paulo'),
  PUBLIC_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.output<typeof schema> & {
  /** botbuilder's own authentication settings, passed through under their own names when set. */
  botFrameworkAuth: Record<string, string>;
};

const BOT_FRAMEWORK_PASSTHROUGH = [
  'ChannelService',
  'ToBotFromChannelOpenIdMetadataUrl',
  'ToBotFromChannelTokenIssuer',
  'ToChannelFromBotLoginUrl',
  'ToChannelFromBotOAuthScope',
  'OAuthUrl',
  'ValidateAuthority',
] as const;

export class ConfigError extends Error {}

/** Parses the environment once; a bad value throws ConfigError with one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue.path[0] ?? 'environment');
    const value = env[name];
    throw new ConfigError(`${name}: ${issue.message}${value !== undefined && !issue.message.includes(value) ? ` (got "${value}")` : ''}`);
  }
  const botFrameworkAuth: Record<string, string> = {};
  for (const key of BOT_FRAMEWORK_PASSTHROUGH) {
    const value = env[key];
    if (value) botFrameworkAuth[key] = value;
  }
  return { ...result.data, botFrameworkAuth };
}

export const slackEnabled = (c: Config) => Boolean(c.SLACK_BOT_TOKEN && c.SLACK_SIGNING_SECRET);

/** Teams runs unauthenticated outside production when no app id is set (Emulator, tests), never in production. */
export const teamsEnabled = (c: Config) => Boolean(c.MICROSOFT_APP_ID) || c.NODE_ENV !== 'production';

/** PUBLIC_URL without a trailing slash; unset, this machine on PORT (contract §1). */
export const publicUrl = (c: Config) => (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, '');
