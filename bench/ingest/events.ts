/** The bench's Slack workspace: one channel whose ticket threads receive the replies. */
export const TEAM = 'TBENCH';
export const WORKSPACE = `slack:${TEAM}`;
export const CHANNEL = 'CBENCH';
export const CUSTOMER = 'UCUSTBENCH';
export const BOT_USER = 'UBOTBENCH';
export const BOT_ID = 'BBOTBENCH';

/** The thread root ts of seeded ticket n (1-based). */
export const threadTs = (n: number) => `1700000000.${String(n).padStart(6, '0')}`;

/** A unique message ts for event number seq (seq < 10^12). */
export const messageTs = (seq: number) => `${1800000000 + Math.floor(seq / 1_000_000)}.${String(seq % 1_000_000).padStart(6, '0')}`;

/** An Events API callback for a customer's reply in a ticket thread. */
export function replyEvent(seq: number, threads: number): string {
  const ts = messageTs(seq);
  return JSON.stringify({
    token: 'bench',
    team_id: TEAM,
    api_app_id: 'ABENCH',
    type: 'event_callback',
    event_id: `EvBENCH${seq}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: TEAM, user_id: BOT_USER, is_bot: true }],
    event: {
      type: 'message',
      channel: CHANNEL,
      channel_type: 'channel',
      user: CUSTOMER,
      text: `Still broken after the restart (event ${seq})`,
      ts,
      thread_ts: threadTs(1 + (seq % threads)),
      event_ts: ts,
    },
  });
}
