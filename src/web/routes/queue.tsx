import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { browseQueue, PRIORITIES } from '../../core';
import { sendPage } from '../http';
import { nameBook } from '../people';
import { viewerOf } from '../session';
import type { WebContext } from '../web-context';
import { NoticePage } from '../views/notice-page';
import { QueuePage, queueHref, type QueueParams } from '../views/queue-page';
import { chromeOf, sendSignIn } from './common';
import { MAX_QUERY_LENGTH } from './tickets';

/** Tickets a queue page shows. */
export const QUEUE_PAGE_SIZE = 25;

/** Unknown filter values fall back to "any", never an error page: a hand-edited URL still shows the queue. */
const params = z.object({
  status: z.enum(['open', 'pending']).nullable().catch(null),
  priority: z.enum(PRIORITIES).nullable().catch(null),
  assignee: z.enum(['me', 'none']).nullable().catch(null),
  q: z.string().nullable().transform((q) => (q ?? '').trim().slice(0, MAX_QUERY_LENGTH)),
  page: z.coerce.number().int().min(1).max(100_000).nullable().catch(null),
});

/** GET /queue (agents; others 403): the workspace's tickets in the `queue` command's order, filtered and paged. */
export async function queueRoute(web: WebContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const viewer = await viewerOf(web, req);
  if (!viewer) return sendSignIn(web, req, res, 'needed');
  const { t } = viewer;
  if (!viewer.actor.isAgent) {
    sendPage(res, 403, <NoticePage chrome={chromeOf(viewer, '/queue')} title={t('web:queue.agents_only_title')} body={t('web:queue.agents_only_body')} tone="warning" />);
    return;
  }
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const raw = params.parse(Object.fromEntries(['status', 'priority', 'assignee', 'q', 'page'].map((k) => [k, query.get(k)])));
  const filters: QueueParams = { status: raw.status, priority: raw.priority, assignee: raw.assignee, q: raw.q };
  const page = await browseQueue(web.deps, viewer.actor, {
    statuses: filters.status ? [filters.status] : ['open', 'pending'],
    priority: filters.priority,
    assignee: filters.assignee,
    words: filters.q,
    page: raw.page ?? 1,
    pageSize: QUEUE_PAGE_SIZE,
  });
  const nameOf = await nameBook(web, viewer.actor, t, page.tickets.flatMap((tk) => [tk.requesterId, tk.assigneeId ?? '']));
  const back = queueHref(filters, page.page);
  sendPage(res, 200, <QueuePage chrome={chromeOf(viewer, back)} viewer={viewer} filters={filters} page={page} pageSize={QUEUE_PAGE_SIZE} nameOf={nameOf} />);
}
