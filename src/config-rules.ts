/** The settings a dependency rule looks at (contract §1: a variable that only makes sense with another). */
interface Settings {
  SLACK_BOT_TOKEN?: string;
  SLACK_SIGNING_SECRET?: string;
  SLACK_APP_TOKEN?: string;
  SMTP_URL?: string;
  EMAIL_FROM?: string;
  SMTP_INBOUND_PORT?: number;
  EMAIL_INBOUND_SECRET?: string;
  EMAIL_TICKETS_CHANNEL?: string;
  SMTP_INBOUND_TLS_CERT?: string;
  SMTP_INBOUND_TLS_KEY?: string;
}

/** The raw environment carries EMAIL_MAX_BYTES as text; only whether it was given matters here. */
const EMAIL_ONLY = ['EMAIL_FROM', 'SMTP_INBOUND_PORT', 'EMAIL_INBOUND_SECRET', 'EMAIL_TICKETS_CHANNEL', 'SMTP_INBOUND_TLS_CERT', 'SMTP_INBOUND_TLS_KEY'] as const;

/** One sentence per missing variable, naming it and what it goes with. */
export function configDependencyProblems(s: Settings, env: NodeJS.ProcessEnv = process.env): string[] {
  const problems: string[] = [];
  if (s.SLACK_BOT_TOKEN && !s.SLACK_SIGNING_SECRET) {
    problems.push('SLACK_SIGNING_SECRET: missing; Slack needs it with SLACK_BOT_TOKEN (Basic Information → App Credentials → Signing Secret).');
  }
  if (s.SLACK_SIGNING_SECRET && !s.SLACK_BOT_TOKEN) {
    problems.push('SLACK_BOT_TOKEN: missing; Slack needs it with SLACK_SIGNING_SECRET (OAuth & Permissions → Bot User OAuth Token, xoxb-…).');
  }
  if (s.SLACK_APP_TOKEN && !s.SLACK_BOT_TOKEN && !s.SLACK_SIGNING_SECRET) {
    problems.push('SLACK_BOT_TOKEN: missing, and SLACK_SIGNING_SECRET too; Socket Mode (SLACK_APP_TOKEN) needs all three.');
  }
  if (s.SMTP_URL) {
    if (!s.EMAIL_FROM) problems.push('EMAIL_FROM: missing; e-mail (SMTP_URL) needs the support address, like support@acme.example.');
    if (!s.EMAIL_TICKETS_CHANNEL) problems.push('EMAIL_TICKETS_CHANNEL: missing; e-mail (SMTP_URL) needs slack:<channel id> or teams:<conversation id> for its tickets.');
    for (const name of ['SMTP_INBOUND_TLS_CERT', 'SMTP_INBOUND_TLS_KEY'] as const) {
      if (s[name] !== undefined && s.SMTP_INBOUND_PORT === undefined) problems.push(`SMTP_INBOUND_PORT: missing; ${name} is the SMTP listener's and only works with it.`);
    }
    if ((s.SMTP_INBOUND_TLS_CERT === undefined) !== (s.SMTP_INBOUND_TLS_KEY === undefined)) {
      problems.push(`${s.SMTP_INBOUND_TLS_CERT === undefined ? 'SMTP_INBOUND_TLS_CERT' : 'SMTP_INBOUND_TLS_KEY'}: missing; STARTTLS needs both the certificate and its key.`);
    }
  } else {
    const given = [...EMAIL_ONLY.filter((name) => s[name] !== undefined), ...(env.EMAIL_MAX_BYTES?.trim() ? ['EMAIL_MAX_BYTES'] : [])];
    if (given.length > 0) problems.push(`SMTP_URL: missing; ${given.join(', ')} ${given.length === 1 ? 'only works' : 'only work'} with it.`);
  }
  return problems;
}

/** The variables whose values are never written anywhere, whole or in part. */
const SECRET_VARIABLES = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'MICROSOFT_APP_PASSWORD', 'EMAIL_INBOUND_SECRET'];
const SECRET_URLS = ['DATABASE_URL', 'SMTP_URL'];

/**
 * `text` with every secret of the environment replaced, for start-up messages that carry a
 * library's error text (a driver may quote the address it failed to reach).
 */
export function withoutSecrets(text: string, env: NodeJS.ProcessEnv = process.env): string {
  const secrets: string[] = [];
  for (const name of SECRET_VARIABLES) if (env[name]?.trim()) secrets.push(env[name]!.trim());
  for (const name of SECRET_URLS) {
    const raw = env[name]?.trim();
    if (!raw) continue;
    secrets.push(raw);
    if (URL.canParse(raw)) {
      const { password } = new URL(raw);
      if (password) secrets.push(password, decodeURIComponent(password));
    }
  }
  let out = text;
  for (const secret of secrets.filter((s) => s.length >= 3).sort((a, b) => b.length - a.length)) out = out.split(secret).join('[redacted]');
  return out;
}

/** A connection URL fit to print: its password replaced. */
export function redactedUrl(raw: string): string {
  if (!URL.canParse(raw)) return '[redacted]';
  const url = new URL(raw);
  if (url.password) url.password = 'redacted';
  return url.toString();
}
