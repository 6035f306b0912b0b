import type { IncomingMessage, ServerResponse } from 'node:http';
import { isChamadoError, ticketPage } from '../../core';
import { abilitiesOf } from '../abilities';
import { sendPage } from '../http';
import { mentionedIds } from '../message-text';
import { nameBook } from '../people';
import { viewerOf } from '../session';
import type { Viewer, WebContext } from '../web-context';
import { TicketPage, type Flash } from '../views/ticket-page';
import { chromeOf, sendNotFound, sendSignIn } from './common';

/** Success words after an action (`?done=`); anything else shows nothing. */
const DONE = new Set(['reply', 'status', 'claim', 'assign', 'priority', 'cc', 'language']);

/**
 * Renders the ticket for this viewer: after a GET, or with a refusal after an action that
 * changed nothing (`status` 4xx, the reply kept in the box).
 */
export async function renderTicket(
  web: WebContext, viewer: Viewer, res: ServerResponse, number: number,
  opts: { status?: number; flash?: Flash | null; done?: string | null; draft?: string } = {},
): Promise<void> {
  let page;
  try {
    page = await ticketPage(web.deps, viewer.actor, number);
  } catch (error) {
    if (isChamadoError(error) && error.code === 'ticket_not_found') return sendNotFound(viewer, res, number);
    throw error;
  }
  const { ticket } = page;
  const directory = web.directory(ticket.platform);
  const [agents, threadUrl] = await Promise.all([
    viewer.actor.isAgent ? directory.agents(ticket.workspaceId).catch(() => []) : Promise.resolve([] as string[]),
    directory.threadUrl(ticket).catch(() => null),
  ]);
  const authors = page.messages.map((m) => m.authorId);
  const mentioned = page.messages.flatMap((m) => mentionedIds(m.text));
  const eventPeople = page.events.flatMap((e) => [
    e.actorId ?? '',
    ...[(e.data as Record<string, unknown>).to, (e.data as Record<string, unknown>).from].filter((v): v is string => typeof v === 'string'),
    ...('userIds' in e.data ? e.data.userIds.filter((v): v is string => typeof v === 'string') : []),
  ]);
  const people = [ticket.requesterId, ticket.assigneeId ?? '', ...ticket.ccIds, ...authors, ...mentioned, ...agents, ...eventPeople];
  const nameOf = await nameBook(web, viewer.actor, viewer.t, people);
  const known = [...new Set([...agents, ...authors, ticket.requesterId, ...ticket.ccIds, viewer.actor.userId].filter((id) => id && !id.startsWith('email:')))];
  const named = (ids: string[]) => ids.map((id) => ({ id, name: nameOf(id) })).sort((a, b) => a.name.localeCompare(b.name));
  const assignees = named(known.filter((id) => agents.includes(id) || id === ticket.assigneeId));
  const ccCandidates = named(known.filter((id) => id !== ticket.requesterId && id !== ticket.assigneeId && !ticket.ccIds.includes(id)));
  let flash = opts.flash ?? null;
  if (!flash && opts.done && DONE.has(opts.done)) {
    const { t } = viewer;
    flash = {
      kind: 'ok',
      text: t(`web:flash.${opts.done}`, {
        status: t(`status.${ticket.status}`), priority: t(`priority.${ticket.priority}`), name: ticket.assigneeId ? nameOf(ticket.assigneeId) : '',
      }),
    };
  }
  sendPage(res, opts.status ?? 200, (
    <TicketPage
      chrome={chromeOf(viewer, `/tickets/${ticket.number}`)}
      viewer={viewer}
      page={page}
      nameOf={nameOf}
      threadUrl={threadUrl}
      can={abilitiesOf(ticket, viewer.actor)}
      assignees={assignees}
      ccCandidates={ccCandidates}
      flash={flash}
      draft={opts.draft ?? ''}
    />
  ));
}

/** GET /tickets/<n>. */
export async function ticketRoute(web: WebContext, req: IncomingMessage, res: ServerResponse, number: number): Promise<void> {
  const viewer = await viewerOf(web, req);
  if (!viewer) return sendSignIn(web, req, res, 'needed');
  const done = new URL(req.url ?? '/', 'http://localhost').searchParams.get('done');
  await renderTicket(web, viewer, res, number, { done });
}
