import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The signed tag of a reply address, `support+<tag>@…` (contract §10): it names a ticket and is
 * signed with a key Chamado makes once and keeps in the database, so every instance agrees. It is
 * lower-case hex, so it still verifies after a mail server lower-cases the address.
 */
export const TAG_KEY_NAME = 'email_reply_tag_key';

export const newTagKey = (): string => randomBytes(32).toString('base64url');

/** 80 bits of HMAC-SHA256: too many to guess, short enough for an address. */
const SIGNATURE_HEX = 20;

const signatureOf = (key: string, workspaceId: string, number: number): string =>
  createHmac('sha256', key).update(`${workspaceId}\n${number}`).digest('hex').slice(0, SIGNATURE_HEX);

/** The tag naming ticket `number` of the workspace. */
export const makeTag = (key: string, workspaceId: string, number: number): string => `${number}.${signatureOf(key, workspaceId, number)}`;

/** The ticket number a tag names when its signature verifies for the workspace, else null. */
export function readTag(key: string, workspaceId: string, tag: string): number | null {
  const match = /^(\d{1,10})\.([0-9a-f]{20})$/.exec(tag.trim().toLowerCase());
  if (!match) return null;
  const number = Number(match[1]);
  const expected = Buffer.from(signatureOf(key, workspaceId, number));
  const given = Buffer.from(match[2]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? number : null;
}

const splitAddress = (address: string): { local: string; domain: string } | null => {
  const at = address.lastIndexOf('@');
  return at > 0 ? { local: address.slice(0, at), domain: address.slice(at + 1) } : null;
};

/** `support@acme.example` with tag `12.ab…` → `support+12.ab…@acme.example`. */
export function replyAddress(supportAddress: string, tag: string): string {
  const parts = splitAddress(supportAddress);
  if (!parts) throw new Error('the support address has no @');
  return `${parts.local}+${tag}@${parts.domain}`;
}

/**
 * Whether `recipient` is the support address or one of its plus forms (case ignored), and the
 * tag it carries: `{ tag: null }` for the bare address, null for any other recipient.
 */
export function tagOf(recipient: string, supportAddress: string): { tag: string | null } | null {
  const to = splitAddress(recipient.trim().toLowerCase());
  const us = splitAddress(supportAddress.trim().toLowerCase());
  if (!to || !us || to.domain !== us.domain) return null;
  if (to.local === us.local) return { tag: null };
  return to.local.startsWith(`${us.local}+`) ? { tag: to.local.slice(us.local.length + 1) } : null;
}
