import { InitialSchema1764057600000 } from './1764057600000-InitialSchema';
import { TeamsPeople1764300000000 } from './1764300000000-TeamsPeople';
import { OutboxWakeUp1764400000000 } from './1764400000000-OutboxWakeUp';
import { ReminderDueIndex1764500000000 } from './1764500000000-ReminderDueIndex';
import { ParticipantListIndex1764600000000 } from './1764600000000-ParticipantListIndex';
import { ReminderSchedule1764700000000 } from './1764700000000-ReminderSchedule';
import { CardLinksAndSplits1764950000000 } from './1764950000000-CardLinksAndSplits';
import { SearchAndQueue1764960000000 } from './1764960000000-SearchAndQueue';
import { WebSignIn1764970000000 } from './1764970000000-WebSignIn';
import { Email1764980000000 } from './1764980000000-Email';
import { WebSignInPurge1764995000000 } from './1764995000000-WebSignInPurge';
import { MessageSearchByWorkspace1764995100000 } from './1764995100000-MessageSearchByWorkspace';
import { PersonStatisticsSample1764995200000 } from './1764995200000-PersonStatisticsSample';
import { EmailInbox1764996000000 } from './1764996000000-EmailInbox';

/** Every migration, oldest first: listed here so the app, the CLI and the tests run the same ones. */
export const MIGRATIONS = [
  InitialSchema1764057600000, TeamsPeople1764300000000, OutboxWakeUp1764400000000, ReminderDueIndex1764500000000, ParticipantListIndex1764600000000,
  ReminderSchedule1764700000000, CardLinksAndSplits1764950000000, SearchAndQueue1764960000000, WebSignIn1764970000000, Email1764980000000,
  WebSignInPurge1764995000000, MessageSearchByWorkspace1764995100000, PersonStatisticsSample1764995200000, EmailInbox1764996000000,
];
