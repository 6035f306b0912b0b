import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { emailEnabled, publicUrl, slackEnabled, teamsEnabled, type Config } from './config';
import type { AppContext, BackgroundTask, PlatformAdapter } from './context';
import type { UseCaseDeps } from './core';
import { openDatabase } from './database';
import type { EmailAdapter } from './email';
import { legalRoutes } from './http/legal-pages';
import { createHttpServer, healthRoute } from './http/server';
import { translate } from './i18n';
import type { Logger } from './logger';
import { startDeliveryWorker, type WorkerOptions } from './outbox/worker';
import { wirePersistence } from './persistence/wiring';
import { startScheduler } from './scheduler/scheduler';
import { fallbackDirectory } from './web/fallback-directory';
import { webRoutes } from './web';

export interface RunningApp {
  server: Server;
  url: string;
  context: AppContext;
  adapters: PlatformAdapter[];
  stop(): Promise<void>;
}

export interface StartOptions {
  /** The clock the core uses (tests freeze it). */
  now?: () => Date;
  /** Skip the background delivery worker and scheduler (tests that drive them by hand). */
  background?: boolean;
  /** Delivery worker tuning (poll interval, lease, attempts, backoff). */
  worker?: WorkerOptions;
}

function settingsFrom(config: Config): UseCaseDeps['settings'] {
  return {
    defaultLocale: config.DEFAULT_LOCALE,
    reminderSteps: config.PENDING_REMINDER_AFTER,
    autoCloseAfterMs: config.PENDING_AUTO_CLOSE_AFTER,
    firstResponseSlaMs: config.FIRST_RESPONSE_SLA,
    publicUrl: publicUrl(config),
    triagePlatforms: config.SLACK_TRIAGE_CHANNEL ? ['slack'] : [],
  };
}

/** A platform's code and SDK load only when it is on: botbuilder alone holds a large share of the memory. */
async function createAdapters(context: AppContext): Promise<PlatformAdapter[]> {
  const adapters: PlatformAdapter[] = [];
  if (slackEnabled(context.config)) adapters.push(await (await import('./slack/index.js')).createSlackAdapter(context));
  if (teamsEnabled(context.config)) {
    adapters.push(await (await import('./teams/index.js')).createTeamsAdapter(context));
  } else {
    context.log.warn({ platform: 'teams' }, 'Teams is off: MICROSOFT_APP_ID is not set, and production never runs Teams unauthenticated');
  }
  return adapters;
}

/** E-mail loads only when it is on, like the chat platforms. */
async function createEmail(context: AppContext, chat: PlatformAdapter[]): Promise<EmailAdapter | null> {
  if (!emailEnabled(context.config)) return null;
  return (await import('./email/index.js')).createEmailAdapter(context, chat);
}

function startBackground(context: AppContext, adapters: PlatformAdapter[], email: EmailAdapter | null, worker: WorkerOptions = {}): BackgroundTask[] {
  const deliverers = [...adapters.map((a) => a.deliverer), ...(email ? [email.deliverer] : [])];
  return [startDeliveryWorker(context, deliverers, worker), startScheduler(context)];
}

/** Wires config → database → adapters → HTTP server → background work; `stop` undoes it in reverse. */
export async function startChamado(config: Config, log: Logger, options: StartOptions = {}): Promise<RunningApp> {
  const database = await openDatabase(config, log);
  const now = options.now ?? (() => new Date());
  const instanceId = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const persistence = wirePersistence(database, instanceId);
  const context: AppContext = {
    config,
    log,
    deps: { store: persistence.store, clock: { now }, settings: settingsFrom(config), translate },
    platformRecords: persistence.platformRecords,
    outboxQueue: persistence.outboxQueue,
    instanceId,
  };
  let adapters: PlatformAdapter[] = [];
  let email: EmailAdapter | null = null;
  let background: BackgroundTask[] = [];
  try {
    adapters = await createAdapters(context);
    email = await createEmail(context, adapters);
    const routes = [
      healthRoute(persistence.ping),
      ...legalRoutes(),
      ...adapters.flatMap((a) => a.routes),
      ...(email?.routes ?? []),
      ...webRoutes({
        deps: context.deps,
        config,
        log: log.child({ surface: 'web' }),
        directory: (platform) => adapters.find((a) => a.platform === platform)?.directory ?? fallbackDirectory(config, platform),
        secureCookies: publicUrl(config).startsWith('https:'),
        // E-mail people ask for their sign-in link by mail (POST /login/email): the web may not import src/email.
        sendSignInMail: email?.sendSignInMail,
      }),
    ];
    const server = createHttpServer(routes, log);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.PORT, config.HOST, () => resolve());
    });
    for (const adapter of adapters) await adapter.start?.();
    await email?.start();
    if (options.background !== false) background = startBackground(context, adapters, email, options.worker);
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}`;
    log.info({ port, platforms: adapters.map((a) => a.platform) }, 'Chamado is listening');

    const stop = async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await Promise.all(background.map((b) => b.stop()));
      await email?.stop();
      for (const adapter of adapters) await adapter.stop?.();
      await database.close();
    };
    return { server, url, context, adapters, stop };
  } catch (error) {
    await Promise.all(background.map((b) => b.stop()));
    await email?.stop().catch(() => undefined);
    for (const adapter of adapters) await adapter.stop?.().catch(() => undefined);
    await database.close();
    throw error;
  }
}
