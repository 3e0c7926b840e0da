import { generateKeyPairSync, type KeyObject, randomUUID, sign as signBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sign, type SignOptions } from 'jsonwebtoken';

interface IssuerKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/**
 * A token issuer whose keys the test holds, serving a real JWKS on loopback, so that
 * tests can sign the tokens a real identity provider never would (expired, no sub,
 * wrong audience...) and still have a gateway verify them against a JWKS endpoint.
 */
export class TestIssuer {
  readonly issuer = 'https://issuer.test';
  readonly rsa: IssuerKey;
  readonly ec: IssuerKey;
  /** Signs, but is not published: a signature the gateway cannot check. */
  readonly stranger: IssuerKey;
  /** Keys published after a {@link rotate}, next to the first two. */
  private readonly rotated: IssuerKey[] = [];
  /** How many times the JWKS was fetched. */
  jwksRequests = 0;
  private server: Server | undefined;
  private url = '';

  constructor() {
    const key = (alg: 'RS256' | 'ES256', kid: string): IssuerKey => {
      const pair = alg === 'RS256' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
      return { kid, alg, privateKey: pair.privateKey, publicKey: pair.publicKey };
    };
    this.rsa = key('RS256', 'test-rsa');
    this.ec = key('ES256', 'test-ec');
    this.stranger = { ...key('RS256', 'test-rsa') };
  }

  get jwksUri(): string {
    return `${this.url}/.well-known/jwks.json`;
  }

  async start(): Promise<void> {
    const jwks = () =>
      JSON.stringify({
        keys: [this.rsa, this.ec, ...this.rotated].map((k) => ({ ...k.publicKey.export({ format: 'jwk' }), kid: k.kid, alg: k.alg, use: 'sig' })),
      });
    this.server = createServer((_request, response) => {
      this.jwksRequests++;
      response.writeHead(200, { 'content-type': 'application/json' }).end(jwks());
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Takes the JWKS endpoint down: no new connections, and open ones are cut. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server?.listening) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  /** Rotates in a new RSA key with a new kid, published from now on next to the others: sign with it at once, as identity-service does. */
  rotate(): IssuerKey {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const key: IssuerKey = { kid: `rotated-${randomUUID()}`, alg: 'RS256', privateKey: pair.privateKey, publicKey: pair.publicKey };
    this.rotated.push(key);
    return key;
  }

  /**
   * A token signed as given, header and claims included, without the checks a JWT library makes when
   * signing (so `nbf: "soon"` or `sub: {}` can be signed validly). RS256 keys only.
   */
  rawToken(header: Record<string, unknown>, claims: Record<string, unknown>, key: IssuerKey = this.rsa): string {
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const input = `${part({ alg: 'RS256', typ: 'JWT', kid: key.kid, ...header })}.${part(claims)}`;
    return `${input}.${signBytes('sha256', Buffer.from(input), key.privateKey).toString('base64url')}`;
  }

  /** What a flood sends: a kid no key has, a well-formed RS256 header (or `alg: none`), and a signature of nothing. */
  forgedToken(kid: string, alg: 'RS256' | 'none' = 'RS256'): string {
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    return `${part({ alg, typ: 'JWT', kid })}.${part({ sub: 'u42', iss: this.issuer, aud: 'web', iat: now, exp: now + 600 })}.${alg === 'none' ? '' : 'c2lnbmF0dXJl'}`;
  }

  /** A token for `sub` at `audience`, valid unless the claims or options say otherwise. */
  token(sub: string | undefined, audience: string, claims: Record<string, unknown> = {}, key: IssuerKey = this.rsa, options: SignOptions = {}): string {
    const now = Math.floor(Date.now() / 1000);
    const payload = { ...(sub ? { sub } : {}), iss: this.issuer, aud: audience, iat: now, exp: now + 600, jti: randomUUID(), scope: 'profile:read orders:read', roles: ['customer'], ...claims };
    return sign(payload, key.privateKey, { algorithm: key.alg, keyid: key.kid, ...options });
  }

  /** An unsigned token (`alg: none`) that claims the RSA key's kid. */
  unsignedToken(sub: string, audience: string): string {
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    return `${part({ alg: 'none', typ: 'JWT', kid: this.rsa.kid })}.${part({ sub, iss: this.issuer, aud: audience, iat: now, exp: now + 600 })}.`;
  }

  /** HS256 "signed" with the RSA public key as the HMAC secret: the classic algorithm-confusion forgery. */
  confusedToken(sub: string, audience: string): string {
    const publicPem = this.rsa.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const now = Math.floor(Date.now() / 1000);
    return sign({ sub, iss: this.issuer, aud: audience, iat: now, exp: now + 600 }, publicPem, { algorithm: 'HS256', keyid: this.rsa.kid });
  }
}
