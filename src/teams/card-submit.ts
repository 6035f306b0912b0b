import { z } from 'zod';

const number = z.coerce.number().int().positive();

/**
 * What our Action.Submit buttons send back (activity.value): the cards build it, the card-action
 * handler checks it. One schema, so the two cannot drift apart.
 */
export const cardSubmitSchema = z.discriminatedUnion('chamado', [
  z.object({ chamado: z.literal('ticket'), op: z.enum(['claim', 'pending', 'close', 'reopen']), number }),
  z.object({ chamado: z.literal('nudge'), number }),
  z.object({ chamado: z.literal('notice'), action: z.enum(['still_need_help', 'close_it', 'reopen_original']), number }),
  z.object({ chamado: z.literal('new_ticket'), title: z.string().max(2000).optional() }),
  /** "Open in the web": the sign-in link is made on the click (landing on `number` when given), never kept in a card. */
  z.object({ chamado: z.literal('web'), number: number.optional() }),
]);

export type CardSubmit = z.infer<typeof cardSubmitSchema>;
