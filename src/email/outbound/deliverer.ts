import { addressOf, isEmailPerson, noteOutgoingMail, ticketToPost, type PostBody } from '../../core';
import type { AppContext } from '../../context';
import { tFor } from '../../i18n';
import { DeliveryError, type ChatDeliverer, type PendingPost } from '../../outbox/delivery';
import { makeTag, newTagKey, replyAddress, TAG_KEY_NAME } from '../tag';
import { composeMail, peopleNamed } from './compose';
import type { SupportAddress } from './support-address';
import type { MailTransport } from './transport';

/** Display names of chat people, by the ticket's workspace and platform (the chat adapters' directories). */
export type NameLookup = (ticket: { workspaceId: string; platform: string }, ids: readonly string[]) => Promise<Map<string, string>>;

type EmailBody = Extract<PostBody, { kind: 'email' }>;

/**
 * The deliverer of outbox rows of kind `email` (contract §10): one mail to one e-mail person of
 * a ticket, rendered at sending time from the ticket as it is now. Its Message-ID is made from
 * the row, so a retried row keeps its id; the id is noted before sending, so a reply to the mail
 * finds the ticket even when a client drops the Reply-To tag.
 */
export function emailDeliverer(context: AppContext, transport: MailTransport, support: SupportAddress, names: NameLookup): ChatDeliverer {
  let tagKey: Promise<string> | null = null;
  const key = () => {
    tagKey ??= context.platformRecords.appSecrets.getOrCreate(TAG_KEY_NAME, newTagKey).catch((error: unknown) => {
      tagKey = null;
      throw error;
    });
    return tagKey;
  };

  return {
    platform: 'email',
    async deliver(post: PendingPost) {
      if (post.body.kind !== 'email') throw new DeliveryError(`not a mail: ${post.body.kind}`, false);
      const body: EmailBody = post.body;
      if (!isEmailPerson(body.to.personId)) return { status: 'skipped', reason: 'the recipient is not an e-mail person' };
      const ticket = await ticketToPost(context.deps, body.ticketId);
      if (!ticket) return { status: 'skipped', reason: 'the ticket is gone' };
      const chat = peopleNamed(body.mail).filter((id) => !isEmailPerson(id));
      const known = chat.length > 0 ? await names(ticket, chat).catch(() => new Map<string, string>()) : new Map<string, string>();
      const t = tFor(body.to.locale);
      const name = (id: string) => (isEmailPerson(id) ? addressOf(id) : known.get(id) ?? t('email:support_name'));
      const composed = composeMail({
        ticket, content: body.mail, t, lang: body.to.locale, name, ticketUrl: `${context.config.PUBLIC_URL}/tickets/${ticket.number}`,
      });
      // Unique world-wide (the ticket's uuid) and the same on every retry of the row (its id).
      const messageId = `chamado.${ticket.id}.${post.id}@${support.domain}`;
      const chain = await noteOutgoingMail(context.deps, ticket.id, messageId);
      const to = addressOf(body.to.personId);
      await transport.send({
        from: { name: composed.fromName ?? support.name ?? t('email:support_name'), address: support.address },
        to,
        replyTo: replyAddress(support.address, makeTag(await key(), ticket.workspaceId, ticket.number)),
        subject: composed.subject,
        text: composed.text,
        html: composed.html,
        messageId,
        inReplyTo: chain.at(-1),
        references: chain,
      });
      context.log.info({ ticket: ticket.number, platform: 'email', outboxId: post.id, kind: body.mail.type }, 'mail sent');
      return { status: 'sent', result: { messageId } };
    },
  };
}
