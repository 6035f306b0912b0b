/**
 * A start that cannot go on for a reason the operator can fix: the message says what and how,
 * in one line, so it is printed without a stack trace.
 */
export class StartError extends Error {}
