import { ConfigurationBotFrameworkAuthentication, type Activity, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { z } from 'zod';

// botbuilder's own defaults (AuthenticationConstants / GovernmentConstants of botframework-connector,
// which botbuilder does not re-export): where channel tokens come from when no setting says otherwise.
const PUBLIC = { issuer: 'https://api.botframework.com', metadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration' };
const GOVERNMENT = { channelService: 'https://botframework.azure.us', issuer: 'https://api.botframework.us', metadataUrl: 'https://login.botframework.azure.us/v1/.well-known/openidconfiguration' };

const KEYS_MAX_AGE_MS = 24 * 3_600_000;
const UNKNOWN_KID_REFRESH_MS = 5 * 60_000;

const metadataDocument = z.object({ jwks_uri: z.url() });
const keySet = z.object({ keys: z.array(z.object({ kid: z.string(), endorsements: z.array(z.string()).optional() }).passthrough()) });

/** The endorsements of the channel's signing keys, read from the OpenID metadata botbuilder validates against. */
class ChannelKeyEndorsements {
  private endorsements = new Map<string, string[]>();
  private fetchedAt = 0;
  /** One fetch at a time: the first requests after start-up all find the cache empty. */
  private refreshing: Promise<void> | null = null;

  constructor(private readonly metadataUrl: string) {}

  async of(kid: string): Promise<string[]> {
    const age = Date.now() - this.fetchedAt;
    if (age > KEYS_MAX_AGE_MS || (!this.endorsements.has(kid) && age > UNKNOWN_KID_REFRESH_MS)) {
      this.refreshing ??= this.refresh().finally(() => (this.refreshing = null));
      await this.refreshing;
    }
    return this.endorsements.get(kid) ?? [];
  }

  private async refresh(): Promise<void> {
    const metadata = metadataDocument.parse(await fetchJson(this.metadataUrl));
    const { keys } = keySet.parse(await fetchJson(metadata.jwks_uri));
    this.endorsements = new Map(keys.map((k) => [k.kid, k.endorsements ?? []]));
    this.fetchedAt = Date.now();
  }
}

async function fetchJson(url: string): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`the channel's OpenID metadata answered ${res.status}`);
  return res.json();
}

/** The `kid` of the token in `Bearer <jwt>`; botbuilder has verified the token (its header is signed) by the time this runs. */
function keyIdOf(authHeader: string): string | undefined {
  const header = authHeader.split(' ')[1]?.split('.')[0] ?? '';
  try {
    const parsed: unknown = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    const kid = parsed && typeof parsed === 'object' && 'kid' in parsed ? parsed.kid : undefined;
    return typeof kid === 'string' ? kid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * ConfigurationBotFrameworkAuthentication, plus the endorsement rule botbuilder 4.23 skips: it
 * checks a key's endorsements only when the key lists some, and lets an activity with an empty
 * channelId through. The Bot Connector's rule is that the activity's channelId must be among the
 * signing key's endorsements, so a channel token signed by a key that endorses nothing, or sent
 * with an activity naming no channel, is refused. The error is a plain one: CloudAdapter answers
 * 500 and the endpoint turns a failure before the turn into 401.
 */
export class EndorsingBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly channelIssuer: string | undefined;
  private readonly keys: ChannelKeyEndorsements;

  constructor(settings: ConfigurationBotFrameworkAuthenticationOptions) {
    super(settings);
    const defaults = settings.ChannelService === GOVERNMENT.channelService ? GOVERNMENT : PUBLIC;
    this.channelIssuer = settings.ToBotFromChannelTokenIssuer ?? defaults.issuer;
    this.keys = new ChannelKeyEndorsements(settings.ToBotFromChannelOpenIdMetadataUrl ?? defaults.metadataUrl);
  }

  override async authenticateRequest(activity: Activity, authHeader: string): ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']> {
    const result = await super.authenticateRequest(activity, authHeader);
    // Only channel tokens are signed with the channel's keys; emulator and skill tokens (and the
    // anonymous identity of an unauthenticated bot) carry another issuer or none.
    if (this.channelIssuer && result.claimsIdentity.getClaimValue('iss') === this.channelIssuer) {
      const kid = keyIdOf(authHeader);
      const endorsements = kid ? await this.keys.of(kid) : [];
      if (!activity.channelId || !endorsements.includes(activity.channelId)) {
        throw new Error(`the signing key ${kid ?? '(none)'} does not endorse channel "${activity.channelId ?? ''}"`);
      }
    }
    return result;
  }
}
