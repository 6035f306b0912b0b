import nodemailer from 'nodemailer';
import { TAG_KEY_NAME, makeTag, newTagKey, replyAddress } from '../../../src/email/tag';
import { outboxRows } from '../../support/outbox-rows';
import { compose, emailEnv, freePort, inboxDrained, newMessageId, postInbound, sendSmtp, startSink, SUPPORT, type MailSink } from '../../support/email';
import { eventually } from '../../support/eventually';
import { startWebHarness, WS, type WebHarness } from '../../web/web-harness';

/**
 * Contract §10, mail in, with Slack as EMAIL_TICKETS_CHANNEL: real SMTP to the built-in listener
 * and POST /email/inbound; raw mail built by nodemailer's composer.
 */
let h: WebHarness;
let sink: MailSink;
let smtpPort: number;
const MAX_BYTES = 300_000;

beforeAll(async () => {
  sink = await startSink();
  smtpPort = await freePort();
  h = await startWebHarness(emailEnv(sink, smtpPort, 'slack:C_EMAIL', { EMAIL_MAX_BYTES: String(MAX_BYTES) }));
});
afterAll(async () => {
  await h.stop();
  await sink.stop();
});

let people = 0;
const person = (name = 'ana') => `${name}.${++people}@customer.example`;
const CCS = `SELECT array_agg(user_id ORDER BY user_id) AS cc_ids FROM ticket_participants p WHERE p.ticket_id = t.id AND p.role = 'cc'`;
const ticketsOf = (requester: string) =>
  h.sql(`SELECT id, number, title, status, cc_ids, follow_up_of FROM tickets t LEFT JOIN LATERAL (${CCS}) c ON true
    WHERE requester_id = $1 ORDER BY number`, [`email:${requester}`]);
const historyOf = (ticketId: string) => h.sql('SELECT author_id, text, attachments FROM ticket_messages WHERE ticket_id = $1 ORDER BY posted_at, id', [ticketId]);
const oneTicketOf = async (requester: string) => (await eventually(async () => { const t = await ticketsOf(requester); return t.length > 0 ? t : null; }))[0];
const tagKey = () => h.app.context.platformRecords.appSecrets.getOrCreate(TAG_KEY_NAME, newTagKey);
const drained = () => inboxDrained((q) => h.sql(q));
const mailsTo = async (ticketId: string) => (await outboxRows(h.db.dataSource, ticketId, 'email')).map((r) => r.payload);

test('a new mail over SMTP opens a ticket: requester, title, text, files, CCs, the card in the tickets channel and an acknowledgement naming #n', async () => {
  const from = person();
  const colleague = person('bia');
  const boss = person('caio');
  const raw = await compose({
    from: `Ana <${from.toUpperCase()}>`, to: [SUPPORT, colleague], cc: boss, subject: 'RE: Fwd: re: Printer on fire',
    text: 'The printer on floor 2 is on fire.\n\n-- \nAna, Accounts', html: '<p>The printer on floor 2 is on fire.</p>',
    attachments: [{ filename: 'photo.png', content: Buffer.from('not really a png'), contentType: 'image/png' }],
  });
  const answer = await sendSmtp(smtpPort, raw, { from, to: [SUPPORT] });
  expect(answer.response).toMatch(/^250/);

  // Kept before the 250: in the inbox, or already in a ticket.
  const kept = await h.sql(`SELECT (SELECT count(*) FROM email_inbox WHERE message_id = $1)::int
    + (SELECT count(*) FROM email_messages WHERE direction = 'in' AND message_id = $1)::int AS n`, [/Message-ID: <([^>]+)>/i.exec(raw.toString())![1]]);
  expect(kept[0].n).toBe(1);
  await drained();
  const [ticket] = await ticketsOf(from);
  expect(ticket.title).toBe('Printer on fire');
  expect(ticket.cc_ids).toEqual([`email:${boss}`, `email:${colleague}`].sort());
  const [entry] = await historyOf(ticket.id);
  expect(entry.author_id).toBe(`email:${from}`);
  expect(entry.text).toBe('The printer on floor 2 is on fire.');
  expect(entry.attachments.files).toEqual([expect.objectContaining({ name: 'photo.png', type: 'image/png', size: 16, url: expect.stringMatching(/^\/files\/[0-9a-f-]{36}$/) })]);

  const card = await h.fake.waitFor('chat.postMessage', (c) => c.body.channel === 'C_EMAIL' && String(c.body.text).startsWith(`#${ticket.number} `));
  expect(JSON.stringify(card.body.blocks)).toContain(from);
  expect(JSON.stringify(card.body.blocks)).toContain('mailed to the customer; begin one with note:');
  const [ack] = await mailsTo(ticket.id);
  expect(ack).toMatchObject({
    kind: 'email', to: { personId: `email:${from}`, locale: 'en' }, mail: { type: 'notice', notice: { key: 'notices.email_received', params: { number: ticket.number } } },
  });
  expect((await mailsTo(ticket.id))).toHaveLength(1);
});

test('Portuguese mail (Content-Language pt-BR) with no subject: "(sem assunto)" and the acknowledgement in Portuguese', async () => {
  const from = person();
  const raw = await compose({ from, to: SUPPORT, subject: '', text: 'Minha impressora parou.', headers: { 'Content-Language': 'pt-BR' } });
  expect((await postInbound(h.app.url, raw)).status).toBe(202);
  const ticket = await oneTicketOf(from);
  expect(ticket.title).toBe('(sem assunto)');
  const [ack] = await mailsTo(ticket.id);
  expect(ack).toMatchObject({ to: { locale: 'pt-BR' }, mail: { notice: { key: 'notices.email_received', locale: 'pt-BR' } } });
});

test('HTML-only mail becomes text; Gmail-style and Outlook-style quoting and signatures are cut off', async () => {
  const html = person();
  await postInbound(h.app.url, await compose({ from: html, to: SUPPORT, subject: 'Html only', html: '<div><b>VPN</b> is down<br>since <i>9am</i></div>' }));
  const [htmlEntry] = await historyOf((await oneTicketOf(html)).id);
  expect(htmlEntry.text.replace(/\s+/g, ' ')).toBe('VPN is down since 9am');

  const gmail = person();
  await postInbound(h.app.url, await compose({
    from: gmail, to: SUPPORT, subject: 'Gmail',
    text: 'Still broken here.\n\nOn Mon, 1 Dec 2026 at 10:00, Acme Support <support@acme.example>\nwrote:\n> Did you restart it?\n> \n',
  }));
  expect((await historyOf((await oneTicketOf(gmail)).id))[0].text).toBe('Still broken here.');

  const outlook = person();
  await postInbound(h.app.url, await compose({
    from: outlook, to: SUPPORT, subject: 'Outlook', headers: { 'Content-Language': 'pt-BR' },
    text: [
      'Ainda não funciona.', '', 'Enviado do meu iPhone', '', 'De: Acme Support <support@acme.example>',
      'Enviado: segunda-feira, 1 de dezembro de 2026 10:00', 'Para: Ana', 'Assunto: Chamado', '', 'Você reiniciou?',
    ].join('\r\n'),
  }));
  expect((await historyOf((await oneTicketOf(outlook)).id))[0].text).toBe('Ainda não funciona.');

  const pt = person();
  await postInbound(h.app.url, await compose({
    from: pt, to: SUPPORT, subject: 'Gmail pt',
    text: 'Resolvido, obrigado!\n\nEm seg., 1 de dez. de 2026 às 10:00, Acme Support <support@acme.example> escreveu:\n> Tente de novo.',
  }));
  expect((await historyOf((await oneTicketOf(pt)).id))[0].text).toBe('Resolvido, obrigado!');
});

test('the same Message-ID twice is stored once (202 both times)', async () => {
  const from = person();
  const raw = await compose({ from, to: SUPPORT, subject: 'Twice', text: 'once please' });
  expect((await postInbound(h.app.url, raw)).status).toBe(202);
  const again = await postInbound(h.app.url, raw);
  expect(again.status).toBe(202);
  expect(JSON.parse(again.body).status).toBe('duplicate');
  await sendSmtp(smtpPort, raw, { from, to: [SUPPORT] });
  expect(await ticketsOf(from)).toHaveLength(1);
  expect(await historyOf((await ticketsOf(from))[0].id)).toHaveLength(1);
});

test('auto-replies and bounces open nothing and are answered with nothing; mail from the support address is ignored', async () => {
  const from = person();
  const autoReply = await compose({ from, to: SUPPORT, subject: 'Out of office', text: 'I am away', headers: { 'Auto-Submitted': 'auto-replied' } });
  const xAuto = await compose({ from, to: SUPPORT, subject: 'Away', text: 'I am away', headers: { 'X-Autoreply': 'yes' } });
  const bulk = await compose({ from, to: SUPPORT, subject: 'Newsletter', text: 'news', headers: { Precedence: 'bulk' } });
  const bounce = await compose({ from: 'MAILER-DAEMON@mx.customer.example', to: SUPPORT, subject: 'Undelivered Mail Returned to Sender', text: 'failed' });
  for (const raw of [autoReply, xAuto, bulk]) expect((await postInbound(h.app.url, raw)).status).toBe(202);
  expect((await postInbound(h.app.url, bounce)).status).toBe(202);
  // The empty envelope sender of a bounce, over SMTP.
  const nullSender = await compose({ from, to: SUPPORT, subject: 'Delivery Status Notification', text: 'failed' });
  expect((await sendSmtp(smtpPort, nullSender, { from: '', to: [SUPPORT] })).response).toMatch(/^250/);
  const ours = await compose({ from: SUPPORT, to: SUPPORT, subject: 'loop', text: 'ours' });
  expect((await postInbound(h.app.url, ours)).status).toBe(202);
  expect(await ticketsOf(from)).toHaveLength(0);
  expect(await ticketsOf('mailer-daemon@mx.customer.example')).toHaveLength(0);
  expect(await ticketsOf(SUPPORT)).toHaveLength(0);
});

test('a reply by its tag joins the ticket, is relayed into the thread as "<address> (e-mail)", reopens Pending, and its new Cc becomes a CC', async () => {
  const from = person();
  await sendSmtp(smtpPort, await compose({ from, to: SUPPORT, subject: 'Laptop slow', text: 'It is slow.' }), { from, to: [SUPPORT] });
  const ticket = await oneTicketOf(from);
  const thread = await eventually(async () => (await h.sql('SELECT thread_id FROM tickets WHERE id = $1', [ticket.id]))[0].thread_id as string | null);
  await h.slack.command('U_AGENT', `status #${ticket.number} pending`);
  await eventually(async () => (await h.ticket(ticket.number))?.status === 'pending');

  const tagged = replyAddress(SUPPORT, makeTag(await tagKey(), WS, ticket.number));
  const colleague = person('dani');
  const reply = await compose({
    from, to: tagged.toUpperCase(), cc: colleague, subject: `Re: [#${ticket.number}] Laptop slow`,
    text: 'Here is the <!channel> log *bold*.\n\nOn Tue, Acme wrote:\n> What happens?',
  });
  expect((await sendSmtp(smtpPort, reply, { from, to: [tagged] })).response).toMatch(/^250/);
  await drained();

  expect((await h.ticket(ticket.number))?.status).toBe('open');
  expect((await historyOf(ticket.id)).map((m: { text: string }) => m.text)).toEqual(['It is slow.', 'Here is the <!channel> log *bold*.']);
  expect((await ticketsOf(from))[0].cc_ids).toEqual([`email:${colleague}`]);
  const relayed = await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === thread && String(c.body.text).includes('(e-mail)'));
  expect(relayed.body.text).toContain(`${from} (e-mail):`);
  // The mail's words arrive as text: no broadcast, no emphasis (a plain_text block), escaped in the notification text.
  expect(relayed.body.text).toContain('&lt;!channel&gt;');
  expect(relayed.body.text).not.toContain('<!channel>');
  expect(relayed.body.blocks).toContainEqual({ type: 'section', text: { type: 'plain_text', text: 'Here is the <!channel> log *bold*.', emoji: false } });
});

test('a reply by In-Reply-To to a Closed ticket opens one follow-up; a tag that fails its signature, or a subject saying [#n], opens a new ticket', async () => {
  const from = person();
  const first = await compose({ from, to: SUPPORT, subject: 'Badge broken', text: 'Badge does not open the door.' });
  const firstId = /Message-ID: <([^>]+)>/i.exec(first.toString())![1];
  await postInbound(h.app.url, first);
  const ticket = await oneTicketOf(from);
  await h.slack.command('U_AGENT', `close #${ticket.number}`);
  await eventually(async () => (await h.ticket(ticket.number))?.status === 'closed');

  await postInbound(h.app.url, await compose({
    from, to: SUPPORT, subject: 'Re: Badge broken', inReplyTo: `<${firstId}>`, references: [`<${firstId}>`], text: 'Broken again.',
    attachments: [{ filename: 'door.jpg', content: Buffer.from('a door'), contentType: 'image/jpeg' }],
  }));
  const followUpsOf = async () => (await ticketsOf(from)).filter((x: { follow_up_of: string | null }) => x.follow_up_of === ticket.id);
  const followUps = await eventually(async () => { const t = await followUpsOf(); return t.length ? t : null; });
  expect(followUps).toHaveLength(1);
  expect((await historyOf(followUps[0].id)).map((m: { text: string }) => m.text)).toEqual(['Broken again.']);
  // Its file belongs to the follow-up, so whoever may see the follow-up may download it.
  expect(await h.sql('SELECT ticket_id FROM email_files WHERE name = $1 AND ticket_id IN ($2, $3)', ['door.jpg', ticket.id, followUps[0].id]))
    .toEqual([{ ticket_id: followUps[0].id }]);
  // While the follow-up is live, the next reply joins it.
  await postInbound(h.app.url, await compose({ from, to: SUPPORT, subject: 'Re: Badge broken', references: [`<${firstId}>`], text: 'And again.' }));
  await drained();
  expect((await ticketsOf(from)).filter((x: { follow_up_of: string | null }) => x.follow_up_of === ticket.id)).toHaveLength(1);
  expect((await historyOf(followUps[0].id)).map((m: { text: string }) => m.text)).toEqual(['Broken again.', 'And again.']);

  const forged = replyAddress(SUPPORT, `${ticket.number}.${'0'.repeat(20)}`);
  await postInbound(h.app.url, await compose({ from, to: forged, subject: 'Re: Badge broken', text: 'forged tag' }));
  await postInbound(h.app.url, await compose({ from, to: SUPPORT, subject: `[#${ticket.number}] Badge broken`, text: 'subject only' }));
  await drained();
  const all = await ticketsOf(from);
  expect(all.filter((x: { follow_up_of: string | null }) => !x.follow_up_of)).toHaveLength(3);
});

test('a reply is mailed to the ticket\'s other e-mail people, never back to its writer', async () => {
  const from = person();
  const cc = person('edu');
  await postInbound(h.app.url, await compose({ from, to: SUPPORT, cc, subject: 'Shared drive', text: 'Cannot reach it.' }));
  const ticket = await oneTicketOf(from);
  const tagged = replyAddress(SUPPORT, makeTag(await tagKey(), WS, ticket.number));
  await postInbound(h.app.url, await compose({ from: cc, to: tagged, subject: 'Re: Shared drive', text: 'Same for me.' }));
  await drained();
  const messages = (await mailsTo(ticket.id)).filter((p) => p.kind === 'email' && p.mail.type === 'message');
  expect(messages.map((p) => (p.kind === 'email' ? p.to.personId : ''))).toEqual([`email:${from}`]);
});

test('someone not on the ticket who answers with its tag joins it as a CC, and the next answer is mailed to them', async () => {
  const from = person();
  await postInbound(h.app.url, await compose({ from, to: SUPPORT, subject: 'VPN down', text: 'No VPN.' }));
  const ticket = await oneTicketOf(from);
  const forwardedTo = person('gil');
  const tagged = replyAddress(SUPPORT, makeTag(await tagKey(), WS, ticket.number));
  await postInbound(h.app.url, await compose({ from: forwardedTo, to: tagged, subject: 'Fwd: VPN down', text: 'Same here, I am on the same team.' }));
  await drained();
  expect((await ticketsOf(from))[0].cc_ids).toEqual([`email:${forwardedTo}`]);
  expect((await historyOf(ticket.id)).map((m: { author_id: string }) => m.author_id)).toEqual([`email:${from}`, `email:${forwardedTo}`]);
  // Their own words are not mailed back to them; the requester's next answer is.
  await postInbound(h.app.url, await compose({ from, to: tagged, subject: 'Re: VPN down', text: 'Thanks, Gil.' }));
  await drained();
  const messages = (await mailsTo(ticket.id)).filter((p) => p.kind === 'email' && p.mail.type === 'message');
  expect(messages.map((p) => (p.kind === 'email' ? p.to.personId : ''))).toEqual([`email:${from}`, `email:${forwardedTo}`]);
});

test('the SMTP listener refuses other recipients (550), mail over EMAIL_MAX_BYTES (552) and malformed mail (550), storing nothing', async () => {
  const from = person();
  await expect(sendSmtp(smtpPort, await compose({ from, to: 'sales@acme.example', subject: 'x', text: 'x' }), { from, to: ['sales@acme.example'] }))
    .rejects.toMatchObject({ responseCode: 550 });
  const big = await compose({ from, to: SUPPORT, subject: 'Huge', text: 'x', attachments: [{ filename: 'big.bin', content: Buffer.alloc(MAX_BYTES, 1) }] });
  await expect(sendSmtp(smtpPort, big, { from, to: [SUPPORT] })).rejects.toMatchObject({ responseCode: 552 });
  await expect(sendSmtp(smtpPort, 'Subject: no sender at all\r\n\r\nhello\r\n', { from, to: [SUPPORT] })).rejects.toMatchObject({ responseCode: 550 });
  // No certificate configured: plain SMTP only, no STARTTLS offered.
  const tlsOnly = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, requireTLS: true });
  await expect(tlsOnly.sendMail({ envelope: { from, to: [SUPPORT] }, raw: 'From: x@y.z\r\n\r\nhi' })).rejects.toThrow(/STARTTLS/i);
  tlsOnly.close();
  expect(await ticketsOf(from)).toHaveLength(0);
  expect(await h.sql('SELECT count(*)::int AS n FROM email_inbox WHERE mail_from = $1', [from])).toEqual([{ n: 0 }]);
});

test('POST /email/inbound: 401 without the secret, 415 for another type, 413 over EMAIL_MAX_BYTES, 400 for malformed mail, nothing stored', async () => {
  const from = person();
  const raw = await compose({ from, to: SUPPORT, subject: 'Via webhook', text: 'hello' });
  expect((await postInbound(h.app.url, raw, { secret: null })).status).toBe(401);
  expect((await postInbound(h.app.url, raw, { secret: 'wrong' })).status).toBe(401);
  expect((await postInbound(h.app.url, raw, { type: 'text/plain' })).status).toBe(415);
  const big = await compose({ from, to: SUPPORT, subject: 'Huge', text: 'x', attachments: [{ filename: 'big.bin', content: Buffer.alloc(MAX_BYTES, 1) }] });
  expect((await postInbound(h.app.url, big)).status).toBe(413);
  const malformed = await postInbound(h.app.url, 'this is not\r\nan e-mail at all');
  expect(malformed.status).toBe(400);
  expect(malformed.body).toContain('From');
  expect(await ticketsOf(from)).toHaveLength(0);
});

test('an attachment is served on the web only to people who may see its ticket, as a download', async () => {
  const from = person();
  await postInbound(h.app.url, await compose({
    from, to: SUPPORT, subject: 'Invoice', text: 'attached, ask <@U_AGENT> or <https://evil.example|our portal>',
    attachments: [{ filename: 'evil".html', content: '<script>alert(1)</script>', contentType: 'text/html' }],
  }));
  const ticket = await oneTicketOf(from);
  const [{ attachments }] = await historyOf(ticket.id);
  const url = attachments.files[0].url as string;
  const get = (cookie?: string) => fetch(`${h.app.url}${url}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  const cookieOf = async (userId: string) => (((await fetch(`${h.app.url}${await h.loginPath(userId)}`, { redirect: 'manual' })).headers.get('set-cookie')) ?? '').split(';')[0];

  expect((await get()).status).toBe(401);
  expect((await get(await cookieOf('U_OTHER'))).status).toBe(404);
  const mine = await get(await cookieOf(`email:${from}`));
  expect(mine.status).toBe(200);
  expect(mine.headers.get('content-disposition')).toMatch(/^attachment; filename="evil.html"/);
  expect(mine.headers.get('x-content-type-options')).toBe('nosniff');
  expect(mine.headers.get('content-type')).toBe('application/octet-stream');
  expect(await mine.text()).toBe('<script>alert(1)</script>');
  expect((await get(await cookieOf('U_AGENT'))).status).toBe(200);
  const page = await (await fetch(`${h.app.url}/tickets/${ticket.number}`, { headers: { cookie: await cookieOf(`email:${from}`) } })).text();
  expect(page).toContain(`href="${url}"`);
  // A mail's words are shown as written: no chat mention, no masked link.
  expect(page).toContain('ask &lt;@U_AGENT> or');
  expect(page).not.toContain('>our portal</a>');
});

test('a subject like <!channel> *bold* arrives in the Slack card as text', async () => {
  const from = person();
  await postInbound(h.app.url, await compose({ from, to: SUPPORT, subject: '<!channel> *bold* <https://evil.example|click>', text: 'hi' }));
  const ticket = await oneTicketOf(from);
  const card = await h.fake.waitFor('chat.postMessage', (c) => c.body.channel === 'C_EMAIL' && String(c.body.text).startsWith(`#${ticket.number} `));
  // The notification text is literal mrkdwn (escaped, each formatting mark fenced by zero-width spaces so no pair forms);
  // the title itself is a plain_text section, shown exactly as written.
  expect(card.body.text).toContain('&lt;!channel&gt; \u200B*\u200Bbold\u200B*\u200B &lt;https://evil.example|click&gt;');
  expect(card.body.text).not.toContain('*bold*');
  expect(card.body.blocks[0]).toEqual({ type: 'section', text: { type: 'plain_text', text: `#${ticket.number} <!channel> *bold* <https://evil.example|click>`, emoji: false } });
  const mrkdwnTexts = JSON.stringify(card.body.blocks.filter((b: { text?: { type: string } }) => b.text?.type !== 'plain_text'));
  expect(mrkdwnTexts).not.toContain('<!channel>');
  expect(mrkdwnTexts).not.toContain('*bold*');
});

test('a new mail id is kept as sent: the same id in References of a later mail finds the ticket', async () => {
  const from = person();
  const id = newMessageId();
  await postInbound(h.app.url, await compose({ from, to: SUPPORT, subject: 'Chained', text: 'first', messageId: id }));
  await postInbound(h.app.url, await compose({ from, to: SUPPORT, subject: 'Re: Chained', text: 'second', references: [id] }));
  await drained();
  const [ticket] = await ticketsOf(from);
  expect((await historyOf(ticket.id)).map((m: { text: string }) => m.text)).toEqual(['first', 'second']);
});

test('a reply\'s files are uploaded into the Slack thread (files.getUploadURLExternal, then completeUploadExternal) and linked on the web area', async () => {
  const from = person();
  await postInbound(h.app.url, await compose({ from, to: SUPPORT, subject: 'Screenshots', text: 'see next mail' }));
  const ticket = await oneTicketOf(from);
  const thread = await eventually(async () => (await h.sql('SELECT thread_id FROM tickets WHERE id = $1', [ticket.id]))[0].thread_id as string | null);
  const tagged = replyAddress(SUPPORT, makeTag(await tagKey(), WS, ticket.number));
  await postInbound(h.app.url, await compose({
    from, to: tagged, subject: 'Re: Screenshots', text: 'here they are',
    attachments: [{ filename: 'error.txt', content: 'disk full', contentType: 'text/plain' }],
  }));
  const complete = await h.fake.waitFor('files.completeUploadExternal', (c) => c.body.thread_ts === thread);
  expect(complete.body.channel_id).toBe('C_EMAIL');
  const [{ id }] = complete.body.files as { id: string }[];
  const asked = h.fake.callsOf('files.getUploadURLExternal').find((c) => c.body.filename === 'error.txt');
  expect(Number(asked?.body.length)).toBe(9);
  const upload = h.fake.callsOf('upload', (c) => c.body.file_id === id)[0];
  expect(Buffer.from(upload.body.bytes).toString()).toBe('disk full');
  const relayed = await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === thread && String(c.body.text).includes('here they are'));
  expect(relayed.body.text).toMatch(/<http:\/\/chamado\.test\/files\/[0-9a-f-]{36}\|error\.txt>/);
});
