import { ConversationMessageEntity } from './conversation-message.entity';
import { TicketEventEntity } from './ticket-event.entity';
import { TicketMessageEntity } from './ticket-message.entity';
import { TicketParticipantEntity } from './ticket-participant.entity';
import { TicketEntity } from './ticket.entity';
import { UserPreferenceEntity } from './user-preference.entity';

export const ENTITIES = [TicketEntity, TicketParticipantEntity, TicketMessageEntity, TicketEventEntity, UserPreferenceEntity, ConversationMessageEntity];

export { ConversationMessageEntity, TicketEventEntity, TicketMessageEntity, TicketParticipantEntity, TicketEntity, UserPreferenceEntity };
