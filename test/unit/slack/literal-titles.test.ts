import type { KnownBlock } from '@slack/types';
import type { Notice, Ticket } from '../../../src/core';
import { tFor } from '../../../src/i18n';
import { renderCard } from '../../../src/slack/views/card';
import { renderCommandResult } from '../../../src/slack/views/command-reply';
import { renderHome } from '../../../src/slack/views/home';
import { literalMrkdwn, mention, mrkdwnT } from '../../../src/slack/views/mrkdwn';
import { renderNotice, renderRelayed, renderTriage, ticketLines } from '../../../src/slack/views/notice';

/**
 * A title (a mail's subject, a web form, a `new` command) is words, not Slack markup: wherever
 * Slack shows it as mrkdwn (blocks and the `text` notifications show), no formatting pair may
 * survive and no broadcast may ping, while the visible characters stay the same.
 */

const TITLE = '*bold* _it_ ~s~ `c` <!channel>';
const ZW = '\u200B';
/** The title as literalMrkdwn writes it: every mark fenced by zero-width spaces, `<>` escaped. */
const LITERAL = `${ZW}*${ZW}bold${ZW}*${ZW} ${ZW}_${ZW}it${ZW}_${ZW} ${ZW}~${ZW}s${ZW}~${ZW} ${ZW}\`${ZW}c${ZW}\`${ZW} &lt;!channel&gt;`;

/**
 * Formatting pairs as Slack reads them: an opening mark after the start, a space or punctuation,
 * followed by a visible character; a closing mark after a visible character. A zero-width space
 * next to a mark (inside the pair) keeps it from opening or closing.
 */
const PAIR = /(?:^|[^\p{L}\p{N}\u200B])([*_~`])(?![\s\u200B])[^\n]*?(?<![\s\u200B])\1(?![\p{L}\p{N}])/u;

const t = tFor('en');
const at = new Date('2026-01-02T03:04:05Z');

function ticket(over: Partial<Ticket> = {}): Ticket {
  return {
    id: 't-7', workspaceId: 'T1', platform: 'slack', number: 7, title: TITLE, status: 'open', priority: 'normal',
    requesterId: 'U1', assigneeId: null, ccIds: [], followUpOf: null, channelId: 'C1', threadId: '1.2',
    sourceChannelId: null, sourceThreadId: null, cardUrl: 'https://slack.example/archives/C1/p12', createdAt: at, updatedAt: at,
    closedAt: null, closeReason: null, pendingSince: null, lastActivityAt: at, lastCustomerActivityAt: null, firstResponseAt: null, slaAlertedAt: null,
    ...over,
  };
}

/** Every mrkdwn text in the blocks (sections, fields, context elements). */
function mrkdwnTexts(blocks: readonly KnownBlock[]): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.type === 'section') {
      if (b.text?.type === 'mrkdwn') out.push(b.text.text);
      for (const f of b.fields ?? []) if (f.type === 'mrkdwn') out.push(f.text);
    }
    if (b.type === 'context') for (const e of b.elements) if (e.type === 'mrkdwn') out.push(e.text);
  }
  return out;
}

/** The text holds the title literally: fenced marks, escaped `<`, no `<!channel>`, and no pair on the title's line (a heading may be our own bold). */
function expectLiteral(text: string): void {
  expect(text).toContain(LITERAL);
  expect(text).not.toContain('<!channel>');
  for (const line of text.split('\n').filter((l) => l.includes(LITERAL))) expect(line).not.toMatch(PAIR);
}

const withTitle = (texts: string[]) => texts.filter((x) => x.includes('bold'));

test('literalMrkdwn fences each formatting mark with zero-width spaces and escapes &, < and >; the visible characters stay the same', () => {
  expect(literalMrkdwn(TITLE)).toBe(LITERAL);
  expect(literalMrkdwn(TITLE)).not.toMatch(PAIR);
  expect(literalMrkdwn(TITLE).replace(/\u200B/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>')).toBe(TITLE);
  expect(literalMrkdwn('a\n> quoted\n```x```')).toBe(`a\n${ZW}&gt; quoted\n${ZW}\`${ZW}${ZW}\`${ZW}${ZW}\`${ZW}x${ZW}\`${ZW}${ZW}\`${ZW}${ZW}\`${ZW}`);
  expect(literalMrkdwn('plain words')).toBe('plain words');
  // The model of Slack's pairs is sound: unfenced, the same title has them.
  expect('*bold* _it_').toMatch(PAIR);
});

test('mrkdwnT shows string params literally, and keeps Markup and the template\'s own markup as they are', () => {
  const out = mrkdwnT(t, 'notices.triage_new', { number: 7, title: TITLE });
  expect(out).toBe(`New ticket #7: ${LITERAL}`);
  expect(mrkdwnT(t, 'notices.status_changed', { number: 7, status: 'pending', actor: { markup: '<@U9>' } })).toBe('#7 is now Pending (by <@U9>).');
});

test('the card shows a Slack requester\'s title literally next to the bold number, and its text fallback too', () => {
  const card = renderCard(ticket(), t, null);
  const first = mrkdwnTexts(card.blocks)[0];
  expect(first.startsWith('*#7* ')).toBe(true);
  expectLiteral(first.slice('*#7* '.length));
  expectLiteral(card.text);
});

test('the card shows an e-mail requester\'s title as plain_text, exactly as written; the fallback is literal', () => {
  const card = renderCard(ticket({ requesterId: 'email:ana_b@customer.example' }), t, null);
  expect(card.blocks[0]).toEqual({ type: 'section', text: { type: 'plain_text', text: `#7 ${TITLE}`, emoji: false } });
  expectLiteral(card.text);
  // The requester's address: a mark between two letters formats nothing, so it stays as it is (and copies as it is).
  expect(mrkdwnTexts(card.blocks).join('\n')).toContain('ana_b@customer.example');
});

test('the triage announcement and its notification text show the title literally, the requester still mentioned', () => {
  const notice: Notice = { key: 'notices.triage_new', params: { number: 7, title: TITLE }, locale: 'en', mentions: ['U1'] };
  const body = renderTriage(notice, t, 7, new Map([[7, 'https://slack.example/p7']]));
  for (const text of [body.text, ...withTitle(mrkdwnTexts(body.blocks))]) expectLiteral(text);
  expect(body.text).toContain('<@U1>');
  expect(body.text).toContain('<https://slack.example/p7|#7>');
});

test('a split summary and the split thread\'s lines list each new ticket\'s title literally, its #n a link', () => {
  const notice: Notice = { key: 'notices.split_summary', params: { count: 1, numbers: '#7' }, locale: 'en', tickets: [{ number: 7, title: TITLE }] };
  const body = renderNotice(notice, t, { ticketNumber: null, links: new Map([[7, 'https://slack.example/p7']]) });
  expectLiteral(body.text);
  expect(body.text).toContain(`• <https://slack.example/p7|#7> ${LITERAL}`);
  expect(ticketLines([{ number: 8, title: TITLE }], new Map())).toEqual([`• #8 ${LITERAL}`]);
});

test('a web reply copied into the thread shows the written words literally', () => {
  const notice: Notice = { key: 'web:notices.reply', params: { number: 7, name: 'Ana *A*', text: `${TITLE}\n> not a quote` }, locale: 'en' };
  const body = renderNotice(notice, t, { ticketNumber: 7 });
  expectLiteral(body.text);
  expect(body.text).toContain(`Ana ${ZW}*${ZW}A${ZW}*${ZW} (web): `);
  expect(body.text).toContain(`\n${ZW}&gt; not a quote`);
});

test('a mail\'s words are plain_text in the blocks and literal in the notification text; a Slack message keeps its own markup', () => {
  const notice: Notice = { key: 'notices.email_relayed', params: { address: 'ana@customer.example' }, locale: 'en' };
  const mail = renderRelayed(notice, { text: TITLE, files: [{ name: '_draft_.pdf', type: null, url: 'https://f.example/1', size: 1 }], plain: true }, t, { ticketNumber: 7 });
  expect(mail.blocks).toContainEqual({ type: 'section', text: { type: 'plain_text', text: TITLE, emoji: false } });
  expectLiteral(mail.text);
  expect(mail.text).toContain(`<https://f.example/1|${ZW}_${ZW}draft${ZW}_${ZW}.pdf>`);
  const added: Notice = { key: 'notices.relayed_added', params: { number: 7, actor: 'U9', person: 'U2' }, locale: 'en' };
  const own = renderRelayed(added, { text: '*really* urgent', files: [] }, t, { ticketNumber: 7 });
  expect(own.text).toContain('> *really* urgent');
});

test('App Home lists each ticket\'s title literally', () => {
  const home = renderHome(t, 'U1', { active: [ticket()], recentlyClosed: [ticket({ number: 8, status: 'closed' })], unassigned: [] });
  // Home views are built of KnownBlocks only (views/home.ts).
  const rows = withTitle(mrkdwnTexts(home.blocks as KnownBlock[]));
  expect(rows).toHaveLength(2);
  for (const text of rows) expectLiteral(text);
});

test('list, search and queue answers show titles literally', () => {
  const list = renderCommandResult({ type: 'list', filter: 'open', tickets: [ticket()] }, t);
  const search = renderCommandResult({ type: 'search', words: 'urgent', tickets: [ticket()] }, t);
  const queue = renderCommandResult({ type: 'queue', queue: { filter: 'active', tickets: [ticket()], more: 0, at } }, t);
  for (const answer of [list, search, queue]) {
    expectLiteral(answer.text);
    for (const text of withTitle(mrkdwnTexts(answer.blocks ?? []))) expectLiteral(text);
  }
  expect(list.text).toContain(`<https://slack.example/archives/C1/p12|#7> ${LITERAL}`);
});

test('show: the title and a mail\'s words are literal; a Slack message keeps its own markup', () => {
  const message = (authorId: string, text: string) => ({
    id: authorId, ticketId: 't-7', platformMessageId: authorId, authorId, text, attachments: { files: [], links: [] }, postedAt: at,
  });
  const detail = { ticket: ticket(), messageCount: 2, followUpOfNumber: null, firstResponseMs: null, resolutionMs: null,
    recent: [message('email:ana@customer.example', TITLE), message('U2', '*really* urgent')] };
  const answer = renderCommandResult({ type: 'detail', detail }, t);
  expect(answer.text).toContain(`Ticket <https://slack.example/archives/C1/p12|#7>: ${LITERAL}`);
  expect(answer.text).toContain(`> ${LITERAL}`);
  expect(answer.text).toContain('> *really* urgent');
  expect(answer.text).not.toContain('<!channel>');
});

test('whoami keeps the id copyable: no zero-width space inside it', () => {
  const answer = renderCommandResult({ type: 'whoami', identity: { isAgent: false, agentsEntry: 'slack:U_1' } }, t);
  expect(answer.text).toContain('`slack:U_1`');
});

test('an e-mail person is their literal address, a Slack user a mention', () => {
  expect(mention('email:a_b_c@x.example')).toBe('a_b_c@x.example');
  expect(mention('email:_a_@x.example')).toBe(`${ZW}_${ZW}a${ZW}_${ZW}@x.example`);
  expect(mention('U1')).toBe('<@U1>');
});
