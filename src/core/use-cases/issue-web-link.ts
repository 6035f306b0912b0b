import type { Actor } from '../ticket';
import type { UseCaseDeps } from './shared';

export const WEB_LINK_MINUTES = 15;
/** Links one person may ask for within WEB_LINK_MINUTES; more is someone hammering the command. */
export const WEB_LINKS_PER_WINDOW = 5;

export type WebLinkResult =
  | { type: 'web_link'; url: string; minutes: number }
  | { type: 'web_rate_limited'; minutes: number };

export interface WebLinkOptions {
  /** The ticket the link lands on (a button on a ticket), else the list. */
  ticketNumber?: number | null;
  timeZone?: string | null;
}

/**
 * `web`: a private, single-use sign-in link valid WEB_LINK_MINUTES (contract §9). Only the hash
 * of the token is stored; the link itself goes back to the adapter, which shows it privately.
 */
export async function issueWebLink(deps: UseCaseDeps, actor: Actor, options: WebLinkOptions = {}): Promise<WebLinkResult> {
  const now = deps.clock.now();
  const windowMs = WEB_LINK_MINUTES * 60_000;
  const recent = await deps.store.web.linksSince(actor.workspaceId, actor.userId, new Date(now.getTime() - windowMs));
  if (recent >= WEB_LINKS_PER_WINDOW) return { type: 'web_rate_limited', minutes: WEB_LINK_MINUTES };
  const token = await deps.store.web.addLoginToken({
    workspaceId: actor.workspaceId,
    platform: actor.platform,
    userId: actor.userId,
    timeZone: options.timeZone ?? null,
    ticketNumber: options.ticketNumber ?? null,
    createdAt: now,
    expiresAt: new Date(now.getTime() + windowMs),
  });
  const base = (deps.settings.publicUrl ?? 'http://localhost:3000').replace(/\/+$/, '');
  return { type: 'web_link', url: `${base}/login/${token}`, minutes: WEB_LINK_MINUTES };
}
