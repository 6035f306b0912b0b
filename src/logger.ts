import pino, { type Logger } from 'pino';

/** Structured logs; anything that looks like a secret is redacted before it is written. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'chamado' },
      redact: {
        paths: [
          'token', 'password', 'secret', 'authorization',
          '*.token', '*.password', '*.secret', '*.authorization', '*.Authorization',
          'headers.authorization', 'headers["x-slack-signature"]', 'config.SLACK_BOT_TOKEN', 'config.SLACK_SIGNING_SECRET',
          'config.SLACK_APP_TOKEN', 'config.MICROSOFT_APP_PASSWORD', 'config.DATABASE_URL',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

export type { Logger };
