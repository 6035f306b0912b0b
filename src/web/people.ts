import type { TFunction } from 'i18next';
import type { Actor } from '../core';
import type { WebContext } from './web-context';

/**
 * Names for the people of a page, never a raw platform id: what the platform's directory knows,
 * an e-mail person's address, else "a Slack user".
 */
export async function nameBook(web: WebContext, viewer: Pick<Actor, 'workspaceId' | 'platform'>, t: TFunction, ids: readonly string[]): Promise<(id: string) => string> {
  const wanted = [...new Set(ids.filter((id) => id && !id.startsWith('email:')))];
  const known = wanted.length > 0
    ? await web.directory(viewer.platform).names(viewer.workspaceId, wanted).catch((error: unknown) => {
      web.log.warn({ platform: viewer.platform, err: String(error) }, 'could not read people names for the web');
      return new Map<string, string>();
    })
    : new Map<string, string>();
  const unknown = t('web:people.unknown', { platform: t(`web:people.platform.${viewer.platform}`) });
  return (id: string) => {
    if (id.startsWith('email:')) return id.slice('email:'.length);
    const name = known.get(id);
    return name && name !== id ? name : unknown;
  };
}
