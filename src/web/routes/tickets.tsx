import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { listMyTickets, searchTickets, statusesOf, type ListFilter } from '../../core';
import { sendPage } from '../http';
import { nameBook } from '../people';
import { viewerOf } from '../session';
import type { WebContext } from '../web-context';
import { listHref, TicketsPage } from '../views/tickets-page';
import { chromeOf, sendSignIn } from './common';

/** The web list is longer than chat's. */
export const WEB_LIST_LIMIT = 100;
/** Search results: more than chat's ten, still one screenful to scan. */
export const WEB_SEARCH_LIMIT = 50;
/** Longer than any search anyone types; the core reads at most eight words of it anyway. */
export const MAX_QUERY_LENGTH = 200;

const statusParam = z.enum(['active', 'open', 'pending', 'closed', 'all']).optional().catch(undefined);

/**
 * GET /tickets?status=open|pending|closed|all&q=<words>: my tickets, default not closed; with
 * `q`, the `search` command's results (a customer's own tickets, an agent's workspace), any
 * status unless one is asked for.
 */
export async function ticketsPage(web: WebContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const viewer = await viewerOf(web, req);
  if (!viewer) return sendSignIn(web, req, res, 'needed');
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const q = (query.get('q') ?? '').trim().slice(0, MAX_QUERY_LENGTH);
  const filter: ListFilter = statusParam.parse(query.get('status') ?? undefined) ?? (q ? 'all' : 'active');
  const tickets = q
    ? await searchTickets(web.deps, viewer.actor, q, WEB_SEARCH_LIMIT, statusesOf(filter))
    : await listMyTickets(web.deps, viewer.actor, filter, WEB_LIST_LIMIT);
  const nameOf = await nameBook(web, viewer.actor, viewer.t, tickets.flatMap((t) => [t.requesterId, t.assigneeId ?? '']));
  const limit = q ? WEB_SEARCH_LIMIT : WEB_LIST_LIMIT;
  sendPage(res, 200, <TicketsPage chrome={chromeOf(viewer, listHref(filter, q))} viewer={viewer} filter={filter} q={q} tickets={tickets} limit={limit} nameOf={nameOf} />);
}
