import { emailPersonId } from '../email-people';
import type { Locale } from '../ticket';
import { issueWebLink, type WebLinkResult } from './issue-web-link';
import { localeOf } from './people-locales';
import type { UseCaseDeps } from './shared';

export type EmailLinkResult =
  /** The address is no e-mail person's with a ticket: nothing is sent (the page says the same all the same). */
  | { type: 'unknown' }
  | (WebLinkResult & { locale: Locale });

/**
 * An e-mail person asks for a sign-in link by address (contract §9): when the address has
 * tickets, a link as `web` gives one, for the workspace and platform of their tickets, in the
 * person's language; the adapter mails it. The usual per-person limit applies.
 */
export async function issueEmailLink(deps: UseCaseDeps, address: string): Promise<EmailLinkResult> {
  const userId = emailPersonId(address);
  const home = await deps.store.mailRecords.homeOf(userId);
  if (!home) return { type: 'unknown' };
  const locale = await localeOf(deps.store, deps, home.workspaceId, userId);
  const link = await issueWebLink(deps, { ...home, userId, isAgent: false, locale });
  return { ...link, locale };
}
