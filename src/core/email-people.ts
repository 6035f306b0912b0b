import type { Ticket } from './ticket';

/** People who write by e-mail are people too (contract §3): their id is `email:<address>`, lower case. */
const PREFIX = 'email:';

export const isEmailPerson = (personId: string): boolean => personId.startsWith(PREFIX);

/** The person id of an address; addresses are compared in lower case. */
export const emailPersonId = (address: string): string => `${PREFIX}${address.trim().toLowerCase()}`;

/** The address of an e-mail person id. */
export const addressOf = (personId: string): string => personId.slice(PREFIX.length);

/** Every e-mail person on the ticket (requester, assignee, CCs), once each. */
export const emailPeopleOf = (t: Pick<Ticket, 'requesterId' | 'assigneeId' | 'ccIds'>): string[] =>
  [...new Set([t.requesterId, ...(t.assigneeId ? [t.assigneeId] : []), ...t.ccIds])].filter(isEmailPerson);

/**
 * A message that begins with `note:` or `nota:` (any case, after any white space) is internal:
 * kept in the history, never mailed (contract §10).
 */
export const isInternalNote = (text: string): boolean => /^\s*(note|nota)\s*:/i.test(text);
