import type { DataSource } from 'typeorm';
import type { Config } from './config';
import type { PeopleDirectory, Platform, UseCaseDeps } from './core';
import type { Route } from './http/server';
import type { Logger } from './logger';
import type { ChatDeliverer } from './outbox/delivery';

/** What every adapter and background worker is built from. */
export interface AppContext {
  config: Config;
  log: Logger;
  dataSource: DataSource;
  deps: UseCaseDeps;
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
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

/** A background loop (delivery worker, scheduler) that stops cleanly. */
export interface BackgroundTask {
  stop(): Promise<void>;
}
