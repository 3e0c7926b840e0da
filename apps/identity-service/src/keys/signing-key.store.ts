import type { Clock } from '../clock/clock';
import { generateSigningKey, type PrivateJwk, type PublicJwk, type SigningKey } from './signing-key';

export interface SigningKeyStoreOptions {
  clock: Clock;
  /** Lifetime of the tokens the keys sign: how long a retired key must stay published. */
  tokenTtlSeconds: number;
  /**
   * How long the provider itself keeps verifying with a retired key, unpublished: an ID token serves as
   * the `id_token_hint` of a logout (expired or not) for as long as its session lives.
   * @default tokenTtlSeconds
   */
  verifySeconds?: number;
}

/** What a rotation answers: the new key's id, and every key id the JWKS serves now. */
export interface KeyRotation {
  kid: string;
  keys: string[];
}

interface RetiredKey {
  key: SigningKey;
  retiredAtMs: number;
}

/**
 * The signing keys, in memory: one active key that signs every new token, and
 * the keys it replaced. A replaced key stays in the JWKS until every token it
 * signed has expired (retired time + token TTL), so that rotating never
 * invalidates a token already handed out; the provider keeps it a while longer
 * (`verifySeconds`) to check logout hints with, then it is dropped.
 */
export class SigningKeyStore {
  /** Newest first. */
  private retired: RetiredKey[] = [];

  private constructor(
    private active: SigningKey,
    private readonly clock: Clock,
    private readonly tokenTtlMs: number,
    private readonly verifyMs: number,
  ) {}

  static async create(options: SigningKeyStoreOptions): Promise<SigningKeyStore> {
    const tokenTtlMs = options.tokenTtlSeconds * 1000;
    return new SigningKeyStore(await generateSigningKey(), options.clock, tokenTtlMs, Math.max(tokenTtlMs, (options.verifySeconds ?? 0) * 1000));
  }

  /** The key that signs tokens now. */
  signingKey(): SigningKey {
    return this.active;
  }

  /** A new key signs from now on; the one it replaces is retired, still published. */
  async rotate(): Promise<KeyRotation> {
    const next = await generateSigningKey();
    // Read the time only once the key exists: the old key signed until this moment.
    this.retired.unshift({ key: this.active, retiredAtMs: this.clock.now() });
    this.active = next;
    return { kid: next.kid, keys: this.publishedKeys().map((jwk) => jwk.kid) };
  }

  /** The public keys a verifier may meet in a live token: the active key first, then the retired ones, newest first. */
  publishedKeys(): PublicJwk[] {
    // A token's exp is at most its signing time + TTL, and a retired key signed nothing after retiredAtMs.
    return this.keysWithin(this.tokenTtlMs).map((key) => key.publicJwk);
  }

  /**
   * The keys with their private members, active first, for the OpenID Provider: it signs with the first
   * and still verifies with the others (an `id_token_hint` signed before a rotation), for `verifySeconds`.
   */
  signingJwks(): PrivateJwk[] {
    return this.keysWithin(this.verifyMs).map((key) => key.privateJwk);
  }

  private keysWithin(ms: number): SigningKey[] {
    const now = this.clock.now();
    this.retired = this.retired.filter(({ retiredAtMs }) => now < retiredAtMs + this.verifyMs);
    return [this.active, ...this.retired.filter(({ retiredAtMs }) => now < retiredAtMs + ms).map(({ key }) => key)];
  }
}
