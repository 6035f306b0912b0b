import { validate as validCron } from 'node-cron';
import { z } from 'zod';
import { configDependencyProblems } from './config-rules';
import { parseDuration } from './core/duration';

/**
 * Every sentence names its variable once, says what it expects and, for values that are not
 * secret, what it got: an operator reads it once, before anything starts.
 */
const fail = (ctx: z.RefinementCtx, message: string) => {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
};

/** An unset or blank variable is "not set" (a `.env` line `X=` means nothing). */
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined));

const withDefault = (fallback: string) => optionalText.transform((v) => v ?? fallback);

const duration = (fallback: string) =>
  withDefault(fallback).transform((text, ctx) => parseDuration(text) ?? fail(ctx, `must be a duration like 30s, 15m, 24h or 7d, got "${text}"`));

const port = (fallback: string | undefined, what: string) =>
  optionalText.transform((text, ctx) => {
    const raw = text ?? fallback;
    if (raw === undefined) return undefined;
    const n = Number(raw);
    return Number.isInteger(n) && n >= 0 && n <= 65535 ? n : fail(ctx, `must be ${what} (a whole number from 0 to 65535), got "${raw}"`);
  });

const oneOf = <T extends string>(values: readonly T[], fallback: T) =>
  withDefault(fallback).transform((text, ctx) =>
    (values as readonly string[]).includes(text) ? (text as T) : fail(ctx, `must be one of ${values.join(', ')}, got "${text}"`),
  );

const httpUrl = (fallback?: string) =>
  optionalText.transform((text, ctx) => {
    const raw = text ?? fallback;
    if (raw === undefined) return undefined;
    const url = URL.canParse(raw) ? new URL(raw) : null;
    return url && /^https?:$/.test(url.protocol) ? raw : fail(ctx, `must be an http:// or https:// address, got "${raw}"`);
  });

/** Only the scheme of a URL that may carry a password is ever repeated back. */
const secretUrl = (protocols: RegExp, expected: string) =>
  optionalText.transform((text, ctx) => {
    if (text === undefined) return undefined;
    const url = URL.canParse(text) ? new URL(text) : null;
    if (url && protocols.test(url.protocol) && url.hostname) return text;
    const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(text)?.[0];
    return fail(ctx, `must be ${expected}; the value given ${scheme ? `starts with "${scheme}"` : 'is not a URL'}`);
  });

/** A secret is checked by its well-known prefix only, and only the prefix is repeated back. */
const token = (prefix: string, what: string) =>
  optionalText.transform((text, ctx) => {
    if (text === undefined || text.startsWith(prefix)) return text;
    const given = /^(xox[a-z]|xapp)-/.exec(text)?.[0];
    return fail(ctx, `must be ${what} starting with "${prefix}"; the value given ${given ? `starts with "${given}"` : 'does not'}`);
  });

const agentList = withDefault('').transform((text, ctx) => {
  const agents: { platform: 'slack' | 'teams'; userId: string }[] = [];
  for (const raw of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const sep = raw.indexOf(':');
    const platform = raw.slice(0, sep);
    const userId = raw.slice(sep + 1);
    if (sep < 0 || (platform !== 'slack' && platform !== 'teams') || !userId) {
      return fail(ctx, `must list agents as slack:<user id> or teams:<user id>, separated by commas; "${raw}" is neither`);
    }
    agents.push({ platform, userId });
  }
  return agents;
});

const reminderSteps = withDefault('24h,72h').transform((text, ctx) => {
  const steps = text.split(',').map((s) => s.trim()).filter(Boolean).map(parseDuration);
  if (steps.length === 0 || steps.some((s) => s === null)) return fail(ctx, `must be a comma list of durations like 24h,72h, got "${text}"`);
  return (steps as number[]).sort((a, b) => a - b);
});

const cron = withDefault('* * * * *').transform((text, ctx) =>
  validCron(text) ? text : fail(ctx, `must be a cron expression of five or six fields, like "* * * * *" (every minute); "${text}" is not one`),
);

const timeZone = withDefault('UTC').transform((text, ctx) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: text });
    return text;
  } catch {
    return fail(ctx, `must be an IANA time zone like UTC, Europe/Lisbon or America/Sao_Paulo, got "${text}"`);
  }
});

const mailbox = optionalText.transform((text, ctx) => {
  if (text === undefined) return undefined;
  return /^([^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/.test(text)
    ? text
    : fail(ctx, `must be an e-mail address like support@acme.example or "Acme Support <support@acme.example>", got "${text}"`);
});

const conversation = optionalText.transform((text, ctx) =>
  text === undefined || /^(slack|teams):\S+$/.test(text) ? text : fail(ctx, `must be slack:<channel id> or teams:<conversation id>, got "${text}"`),
);

const positiveInteger = (fallback: string) =>
  withDefault(fallback).transform((text, ctx) => {
    const n = Number(text);
    return Number.isInteger(n) && n > 0 ? n : fail(ctx, `must be a whole number of bytes above 0, got "${text}"`);
  });

const schema = z.object({
  NODE_ENV: withDefault('development'),
  PORT: port('3000', 'a port').transform((n) => n ?? 3000),
  HOST: withDefault('0.0.0.0'),
  DATABASE_URL: secretUrl(/^postgres(ql)?:$/, 'a Postgres address like postgres://user:password@host:5432/database'),
  DATA_DIR: withDefault('./.data'),
  DATABASE_WAIT: duration('60s'),
  SLACK_BOT_TOKEN: token('xoxb-', 'the Bot User OAuth Token'),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: token('xapp-', 'an app-level token (Basic Information → App-Level Tokens)'),
  SLACK_API_URL: httpUrl('https://slack.com/api/').transform((u) => u!),
  SLACK_AGENTS_CHANNEL: optionalText,
  SLACK_TRIAGE_CHANNEL: optionalText,
  MICROSOFT_APP_ID: optionalText,
  MICROSOFT_APP_PASSWORD: optionalText,
  MICROSOFT_APP_TENANT_ID: optionalText,
  MICROSOFT_APP_TYPE: optionalText.transform((text, ctx) =>
    text === undefined || ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'].includes(text)
      ? (text as 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI' | undefined)
      : fail(ctx, `must be SingleTenant, MultiTenant or UserAssignedMSI, got "${text}"`),
  ),
  AGENTS: agentList,
  DEFAULT_LOCALE: oneOf(['en', 'pt-BR'] as const, 'en'),
  DEFAULT_TIMEZONE: timeZone,
  PUBLIC_URL: httpUrl(),
  PENDING_REMINDER_AFTER: reminderSteps,
  PENDING_AUTO_CLOSE_AFTER: duration('7d'),
  FIRST_RESPONSE_SLA: duration('4h'),
  SCHEDULER_CRON: cron,
  LOG_LEVEL: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
  SMTP_URL: secretUrl(/^smtps?:$/, 'an SMTP address like smtp://user:password@mail.example.com:587 (smtps:// for TLS)'),
  EMAIL_FROM: mailbox,
  SMTP_INBOUND_PORT: port(undefined, 'a port'),
  EMAIL_INBOUND_SECRET: optionalText,
  EMAIL_TICKETS_CHANNEL: conversation,
  EMAIL_MAX_BYTES: positiveInteger('26214400'),
  /** PEM files of the SMTP listener's certificate and key: with both, it offers STARTTLS. */
  SMTP_INBOUND_TLS_CERT: optionalText,
  SMTP_INBOUND_TLS_KEY: optionalText,
});

type Parsed = z.output<typeof schema>;

export type Config = Omit<Parsed, 'PUBLIC_URL'> & {
  /** Where people reach this server, without a trailing slash (default http://localhost:<PORT>). */
  PUBLIC_URL: string;
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

/** A refused configuration: `problems` holds one sentence per variable, `message` the first. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems[0]);
  }
}

/** Parses the environment once; bad values throw ConfigError, one sentence per variable, no value of a secret. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = new Map<string, string>();
    for (const issue of result.error.issues) {
      const name = String(issue.path[0] ?? 'environment');
      if (!problems.has(name)) problems.set(name, `${name}: ${issue.message}.`);
    }
    throw new ConfigError([...problems.values()]);
  }
  const dependencies = configDependencyProblems(result.data, env);
  if (dependencies.length > 0) throw new ConfigError(dependencies);
  const botFrameworkAuth: Record<string, string> = {};
  for (const key of BOT_FRAMEWORK_PASSTHROUGH) {
    const value = env[key];
    if (value) botFrameworkAuth[key] = value;
  }
  const publicUrl = (result.data.PUBLIC_URL ?? `http://localhost:${result.data.PORT}`).replace(/\/+$/, '');
  return { ...result.data, PUBLIC_URL: publicUrl, botFrameworkAuth };
}

export const slackEnabled = (c: Config) => Boolean(c.SLACK_BOT_TOKEN && c.SLACK_SIGNING_SECRET);

/** Teams runs unauthenticated outside production when no app id is set (Emulator, tests), never in production. */
/** E-mail is on when SMTP_URL and EMAIL_FROM are set (contract §10); config-rules.ts makes EMAIL_TICKETS_CHANNEL required then. */
export const emailEnabled = (c: Config) => Boolean(c.SMTP_URL && c.EMAIL_FROM && c.EMAIL_TICKETS_CHANNEL);
export const teamsEnabled = (c: Config) => Boolean(c.MICROSOFT_APP_ID) || c.NODE_ENV !== 'production';

/** PUBLIC_URL without a trailing slash; unset, this machine on PORT (contract §1). */
export const publicUrl = (c: Config) => (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, '');
