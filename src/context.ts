import type { Config } from './config';
import type { OutboxQueue, PeopleDirectory, Platform, PlatformRecords, UseCaseDeps } from './core';
import type { Route } from './http/server';
import type { Logger } from './logger';
import type { ChatDeliverer } from './outbox/delivery';

/**
 * What every adapter and background worker is built from (`context` wherever it is passed). The
 * database is reached only through ports: the use cases' store in `deps`, the adapters' own
 * records, the delivery worker's queue.
 */
export interface AppContext {
  config: Config;
  log: Logger;
  deps: UseCaseDeps;
  /** What the chat adapters remember about their platforms beside the tickets. */
  platformRecords: PlatformRecords;
  /** The outbox as this instance's delivery worker claims and finishes it. */
  outboxQueue: OutboxQueue;
  /** A stable id for this process (outbox claims, logs). */
  instanceId: string;
}

/** A chat platform plugged into the app: its HTTP routes and how it delivers outbox posts. */
export interface PlatformAdapter {
  readonly platform: Platform;
  routes: Route[];
  deliverer: ChatDeliverer;
  /** Names, agents and thread links for the web ticket area. */
  directory?: PeopleDirectory;
  /** The workspace of one of its channels (e-mail's EMAIL_TICKETS_CHANNEL), or null when unknown. */
  workspaceOfChannel?(channelId: string): Promise<string | null>;
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

/** A background loop (delivery worker, scheduler) that stops cleanly. */
export interface BackgroundTask {
  stop(): Promise<void>;
}
