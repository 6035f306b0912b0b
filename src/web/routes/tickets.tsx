import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { listMyTickets, type ListFilter } from '../../core';
import { sendPage } from '../http';
import { nameBook } from '../people';
import { viewerOf } from '../session';
import type { WebContext } from '../web-context';
import { TicketsPage } from '../views/tickets-page';
import { chromeOf, sendSignIn } from './common';

/** The web list is longer than chat's. */
export const WEB_LIST_LIMIT = 100;

const statusParam = z.enum(['open', 'pending', 'closed', 'all']).optional().catch(undefined);

/** GET /tickets?status=open|pending|closed|all: my tickets, default not closed. */
export async function ticketsPage(web: WebContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const viewer = await viewerOf(web, req);
  if (!viewer) return sendSignIn(web, req, res, 'needed');
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const filter: ListFilter = statusParam.parse(query.get('status') ?? undefined) ?? 'active';
  const tickets = await listMyTickets(web.deps, viewer.actor, filter, WEB_LIST_LIMIT);
  const nameOf = await nameBook(web, viewer.actor, viewer.t, tickets.flatMap((t) => [t.requesterId, t.assigneeId ?? '']));
  const back = filter === 'active' ? '/tickets' : `/tickets?status=${filter}`;
  sendPage(res, 200, <TicketsPage chrome={chromeOf(viewer, back)} viewer={viewer} filter={filter} tickets={tickets} limit={WEB_LIST_LIMIT} nameOf={nameOf} />);
}
