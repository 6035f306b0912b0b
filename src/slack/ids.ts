/**
 * Every Slack name Chamado answers to. The manifest must declare exactly these (a test checks
 * both directions), and the contract fixes the shortcut, modal and block ids.
 */
export const SLASH_COMMAND = '/ticket';

export const SHORTCUTS = {
  createTicket: 'create_ticket',
  splitConversation: 'split_conversation',
  newTicket: 'new_ticket',
  addToTicket: 'add_to_ticket',
} as const;

export const MESSAGE_SHORTCUTS = [SHORTCUTS.createTicket, SHORTCUTS.splitConversation, SHORTCUTS.addToTicket] as const;
export const GLOBAL_SHORTCUTS = [SHORTCUTS.newTicket] as const;

export const VIEWS = {
  createTicket: 'create_ticket',
  newTicket: 'new_ticket',
  splitConversation: 'split_conversation',
  addToTicket: 'add_to_ticket',
} as const;

/** Event types the app listens to. */
export const EVENTS = ['message', 'reaction_added', 'app_home_opened'] as const;

/** The manifest's bot events that deliver the `message` event above. */
export const MESSAGE_BOT_EVENTS = ['message.channels', 'message.groups'] as const;

export const ACTIONS = {
  claim: 'card_claim',
  pending: 'card_pending',
  close: 'card_close',
  reopen: 'card_reopen',
  priority: 'card_priority',
  triageClaim: 'triage_claim',
  stillNeedHelp: 'notice_still_need_help',
  closeIt: 'notice_close_it',
  reopenOriginal: 'notice_reopen_original',
  homeNudge: 'home_nudge',
  homeClaim: 'home_claim',
  /** "Open in the web" (Home tab, `show`): the private sign-in link is made on the click, never stored in the message. */
  openWeb: 'open_web',
} as const;

export const TICKET_REACTION = 'ticket';
