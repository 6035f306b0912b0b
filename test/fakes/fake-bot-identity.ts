import { createSign, generateKeyPairSync, type JsonWebKey, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { closeNow, listenOnLoopback } from './loopback';

/** A key the fake can sign with; `jwk` is what the JWKS publishes for it (when published). */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  jwk: JsonWebKey & { kid: string; endorsements?: string[] };
}

export type Claims = Record<string, unknown>;

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An RSA key pair made in-process; `endorsements` undefined publishes the key with no endorsements at all. */
export function makeKey(kid: string, endorsements?: string[]): SigningKey {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const { n, e } = publicKey.export({ format: 'jwk' });
  return { kid, privateKey, jwk: { kty: 'RSA', use: 'sig', kid, n, e, ...(endorsements ? { endorsements } : {}) } };
}

/** An RS256 JWT signed with node:crypto; `header` overrides the header (another kid, another alg). */
export function signJwt(key: SigningKey, claims: Claims, header: Record<string, unknown> = {}): string {
  const signingInput = `${b64url({ alg: 'RS256', typ: 'JWT', kid: key.kid, ...header })}.${b64url(claims)}`;
  const signature = createSign('RSA-SHA256').update(signingInput).sign(key.privateKey).toString('base64url');
  return `${signingInput}.${signature}`;
}

/**
 * A local stand-in for Microsoft's Bot Framework token infrastructure (node:http on port 0):
 * OpenID metadata naming an issuer and a JWKS, and the JWKS itself, the way the Bot Connector's
 * login.botframework.com serves them. Point `ToBotFromChannelOpenIdMetadataUrl` at
 * `metadataUrl` and `ToBotFromChannelTokenIssuer` at `issuer`, and botbuilder validates real
 * signatures against keys made here.
 *
 * botbuilder caches a metadata URL's keys for 24 hours (process-wide, by URL), so every key a
 * test needs is published before the first request: pass them all to the constructor.
 */
export class FakeBotIdentity {
  readonly issuer = 'https://api.botframework.test';
  /** Paths requested, in order: proves botbuilder asked the fake rather than Microsoft. */
  readonly requests: string[] = [];
  private server: Server | null = null;
  url = '';

  constructor(private readonly published: SigningKey[]) {}

  get metadataUrl(): string {
    return `${this.url}v1/.well-known/openidconfiguration`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const path = (req.url ?? '').split('?')[0];
      this.requests.push(path);
      const body = this.answer(path);
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? { error: 'not_found' }));
    });
    this.url = `${await listenOnLoopback(this.server)}/`;
    return this;
  }

  async stop(): Promise<void> {
    await closeNow(this.server);
  }

  private answer(path: string): unknown {
    if (path === '/v1/.well-known/openidconfiguration') {
      return {
        issuer: this.issuer,
        authorization_endpoint: `${this.url}v1/authorize`,
        jwks_uri: `${this.url}v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      };
    }
    if (path === '/v1/.well-known/keys') return { keys: this.published.map((k) => k.jwk) };
    return null;
  }
}
