import type { StoredMailFile } from '../email-ports';
import { canSee, type Actor } from '../ticket';
import type { UseCaseDeps } from './shared';

/** A received file, for a person who may see its ticket; anyone else gets null, the same as for no such file. */
export async function mailFileFor(deps: UseCaseDeps, actor: Actor, fileId: string): Promise<StoredMailFile | null> {
  if (!/^[0-9a-f-]{36}$/i.test(fileId)) return null;
  const file = await deps.store.mailFiles.byId(fileId);
  if (!file) return null;
  const ticket = await deps.store.tickets.byId(file.ticketId);
  return ticket && canSee(ticket, actor) ? file : null;
}
