import { applyStatus } from '../lifecycle';
import type { OutboundPost, PostBody } from '../posts';
import type { CoreDeps, Repositories, SweepTicket } from '../ports';
import { mailPosts, mailTicketPeople, type MailItem } from './mail-people';
import { localeOf, localesOf, postCardUpdate, ticketKey, waitWords } from './shared';

/**
 * How many tickets one transaction claims: small enough to keep locks short, big enough that a
 * batch's fixed cost (four statements and a commit) is spread over many tickets.
 */
export const SWEEP_BATCH = 500;

export interface SweepReport {
  /** Reminder posts enqueued (several overdue steps of one ticket make one reminder). */
  reminders: number;
  autoClosed: number;
  slaAlerts: number;
}

type Batch = (repos: Repositories, size: number) => Promise<{ claimed: number; acted: number }>;

/**
 * Transactions one sweep runs side by side. Claims skip each other's locked rows, so two loops
 * share the due tickets; while one waits on the database the other works.
 */
const SWEEP_LOOPS = 2;

/**
 * Runs a claim-and-act step in transactions of `size` tickets until nothing is due. The
 * claimed rows stay locked until their transaction commits, so a sweep running at the same time
 * (another loop, another instance) skips them and, after the commit, no longer finds them due.
 */
async function inBatches(deps: CoreDeps, size: number, batch: Batch): Promise<number> {
  const loop = async (): Promise<number> => {
    let total = 0;
    for (;;) {
      const { claimed, acted } = await deps.store.transaction((repos) => batch(repos, size));
      total += acted;
      // acted === 0 with a full batch would mean rows that stay due whatever we do: stop, never spin.
      if (claimed < size || acted === 0) return total;
    }
  };
  const totals = await Promise.all(Array.from({ length: SWEEP_LOOPS }, loop));
  return totals.reduce((a, b) => a + b, 0);
}

const post = (ticket: SweepTicket, body: PostBody): OutboundPost =>
  ({ workspaceId: ticket.workspaceId, platform: ticket.platform, orderingKey: ticketKey(ticket), ticketNumber: ticket.number, body });

/** Pending tickets idle for autoCloseAfterMs: closed as auto_closed, with the card, a notice and an audit event. */
async function autoClose(deps: CoreDeps, now: Date, size: number): Promise<number> {
  const idleSince = new Date(now.getTime() - deps.settings.autoCloseAfterMs);
  return inBatches(deps, size, async (repos, limit) => {
    const due = await repos.sweep.claimIdlePending(idleSince, limit);
    const mailed: MailItem[] = [];
    let acted = 0;
    for (const claimed of due) {
      const ticket = await repos.tickets.byId(claimed.id);
      if (!ticket || ticket.status !== 'pending') continue;
      applyStatus(ticket, 'closed', now, 'auto_closed');
      await repos.tickets.save(ticket);
      await repos.events.add(ticket.id, null, 'status_changed', { from: 'pending', to: 'closed', reason: 'auto_closed' }, now);
      await postCardUpdate(repos, ticket, now);
      const locale = await localeOf(repos, deps, ticket.workspaceId, ticket.requesterId);
      const params = { number: ticket.number, status: 'closed', person: ticket.requesterId, ...waitWords(deps.settings.autoCloseAfterMs) };
      await repos.outbox.enqueue(post(ticket, {
        kind: 'thread_notice',
        ticketId: ticket.id,
        notice: { key: 'notices.auto_closed', params, locale, mentions: [ticket.requesterId] },
      }), now);
      mailed.push({ ticket, what: { type: 'notice', key: 'notices.auto_closed', params } });
      acted += 1;
    }
    await mailTicketPeople(repos, deps, mailed, now);
    return { claimed: due.length, acted };
  });
}

/** How many of the ascending steps are due for a ticket that went Pending at `since`. */
function stepsDue(since: Date, steps: readonly number[], now: Date): number {
  return steps.filter((step) => since.getTime() + step <= now.getTime()).length;
}

/** One reminder per ticket however many steps are overdue; all of them are marked sent. A batch costs four queries. */
async function remind(deps: CoreDeps, now: Date, size: number): Promise<number> {
  const steps = deps.settings.reminderSteps;
  if (steps.length === 0) return 0;
  return inBatches(deps, size, async (repos, limit) => {
    const due = await repos.sweep.claimDueReminders(now, steps, limit);
    const marks = due.map((t) => ({ ticketId: t.id, from: t.reminderStepsSent, to: stepsDue(t.pendingSince!, steps, now) }));
    const marked = await repos.sweep.markRemindersSent(marks);
    const reminded = due.filter((t) => marked.has(t.id));
    const locale = await localesOf(repos, deps, reminded.map((t) => ({ workspaceId: t.workspaceId, userId: t.requesterId })));
    const paramsOf = (ticket: SweepTicket) => ({ number: ticket.number, person: ticket.requesterId, step: stepsDue(ticket.pendingSince!, steps, now) });
    const posts = reminded.map((ticket) => post(ticket, {
      kind: 'thread_notice',
      ticketId: ticket.id,
      notice: {
        key: 'notices.reminder',
        params: paramsOf(ticket),
        locale: locale(ticket.workspaceId, ticket.requesterId),
        mentions: [ticket.requesterId],
        actions: ['still_need_help', 'close_it'],
      },
    }));
    // The requester alone is reminded by mail, in the same statement as the thread posts.
    const mails = await mailPosts(repos, deps, reminded.map((ticket) => ({
      ticket: { ...ticket, ccIds: [] }, what: { type: 'notice', key: 'notices.reminder', params: paramsOf(ticket) }, only: [ticket.requesterId],
    })));
    await repos.outbox.enqueueMany([...posts, ...mails], now);
    return { claimed: due.length, acted: reminded.length };
  });
}

/** Open tickets with no agent response after firstResponseSlaMs: one alert each, ever. */
async function alertSla(deps: CoreDeps, now: Date, size: number): Promise<number> {
  const createdBefore = new Date(now.getTime() - deps.settings.firstResponseSlaMs);
  return inBatches(deps, size, async (repos, limit) => {
    const due = await repos.sweep.claimSlaDue(createdBefore, limit);
    const marked = await repos.sweep.markSlaAlerted(due.map((t) => t.id), now);
    const alerted = due.filter((t) => marked.has(t.id));
    await repos.outbox.enqueueMany(alerted.map((ticket) => post(ticket, {
      kind: 'sla_alert',
      ticketId: ticket.id,
      notice: {
        key: 'notices.sla_alert',
        params: { number: ticket.number, title: ticket.title, person: ticket.requesterId },
        // For the agents, in their language (the workspace default), wherever it lands (contract §8).
        locale: deps.settings.defaultLocale,
        // The assignee alone: in a ticket thread the customer reads it too, so never every agent by name.
        mentions: ticket.assigneeId ? [ticket.assigneeId] : [],
      },
    })), now);
    return { claimed: due.length, acted: alerted.length };
  });
}

/**
 * The scheduler's one entry point: auto-close first (a ticket about to close needs no reminder),
 * then reminders, then first-response alerts. Safe to run in any number of instances at once:
 * the database decides who acts on each ticket.
 */
export async function sweep(deps: CoreDeps, now: Date, batchSize = SWEEP_BATCH): Promise<SweepReport> {
  const autoClosed = await autoClose(deps, now, batchSize);
  const reminders = await remind(deps, now, batchSize);
  const slaAlerts = await alertSla(deps, now, batchSize);
  return { reminders, autoClosed, slaAlerts };
}
