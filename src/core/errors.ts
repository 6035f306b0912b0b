/** Errors the core raises on purpose; adapters render `code` through i18n (`errors.<code>`). */
export type ErrorCode =
  | 'unknown_command'
  | 'bad_arguments'
  | 'ticket_not_found'
  | 'not_allowed'
  | 'agents_only'
  | 'already_in_status'
  | 'title_required'
  | 'invalid_status'
  | 'invalid_priority'
  | 'invalid_locale'
  | 'person_required'
  /** `@name` typed as text: the platform sent no real mention. */
  | 'mention_typed'
  /** `status #n` with no status: which one? */
  | 'status_required'
  | 'priority_required'
  | 'search_words_required'
  | 'invalid_queue_filter'
  | 'split_needs_slots'
  | 'split_slot_without_messages'
  | 'message_not_found'
  | 'already_assigned'
  | 'already_cc'
  | 'not_cc'
  | 'already_priority'
  | 'ticket_closed';

export class ChamadoError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = 'ChamadoError';
  }
}

export const isChamadoError = (e: unknown): e is ChamadoError => e instanceof ChamadoError;
