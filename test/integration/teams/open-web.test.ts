import type { ConnectorCall } from '../../fakes/fake-bot-connector';
import { buttonsOf, cardsOf } from '../../support/teams-cards';
import { CUSTOMER, cardSubmit, personalConversation, personalMessage, postActivity, TeamsSuite, type Json } from '../../support/teams-app';
import { eventually } from '../../support/eventually';

/** "Open in the web" on the `show` card (contract §9): the sign-in link made on the click, only for the clicker. */
const suite = new TeamsSuite({ PUBLIC_URL: 'https://support.example.com' });
const { connector } = suite;

const LINK = /https:\/\/support\.example\.com\/login\/([A-Za-z0-9_-]{43})/;

async function inPersonalChat(activity: Json, what: string): Promise<ConnectorCall> {
  const since = connector.calls.length;
  expect((await postActivity(suite.app, activity)).status).toBe(200);
  return eventually(() => connector.acceptedSince(since).find((c) => c.method === 'POST' && c.conversationId === personalConversation(CUSTOMER)), what);
}

test('the show card has the button and no link; pressing it answers in the 1:1 chat with a single-use link to that ticket', async () => {
  const ticket = await suite.openTicket({ title: 'Badge reader broken' });
  const shown = await inPersonalChat(personalMessage(connector, `show #${ticket.number}`), 'the show card');
  const [card] = cardsOf(shown.body);
  expect(JSON.stringify(card)).not.toMatch(/login\//);
  const button = buttonsOf(card).find((b) => b.title === 'Open in the web');
  expect(button?.data).toEqual({ chamado: 'web', number: ticket.number });

  const answer = await inPersonalChat({ ...personalMessage(connector, '', { value: button!.data }), text: undefined }, 'the link');
  const token = LINK.exec(String(answer.body.text))![1];
  const res = await fetch(`${suite.app.url}/login/${token}`, { redirect: 'manual' });
  expect([res.status, res.headers.get('location')]).toEqual([303, `/tickets/${ticket.number}`]);
  expect((await fetch(`${suite.app.url}/login/${token}`, { redirect: 'manual' })).status).toBe(401);
});

test('pressed where others read (a channel), the link goes to the clicker\'s 1:1 chat and the channel hears only that', async () => {
  const ticket = await suite.openTicket({ title: 'Projector flickers' });
  const since = connector.calls.length;
  await postActivity(suite.app, cardSubmit(connector, { chamado: 'web', number: ticket.number }, { from: CUSTOMER, threadId: ticket.root }));
  const privately = await eventually(() => connector.acceptedSince(since).find((c) => c.method === 'POST' && LINK.test(String(c.body.text ?? ''))), 'the private link');
  expect(privately.conversationId).not.toContain('19:general');
  const inChannel = await eventually(
    () => connector.acceptedSince(since).find((c) => c.method === 'POST' && c.conversationId?.includes('19:general') && !LINK.test(String(c.body.text ?? ''))),
    'the line in the channel',
  );
  expect(String(inChannel.body.text)).not.toMatch(/login\//);
  expect(connector.acceptedSince(since).filter((c) => c.conversationId?.includes('19:general')).every((c) => !LINK.test(JSON.stringify(c.body)))).toBe(true);
});
