import type { Clock } from '../clock/clock';
import { generateSigningKey, type PrivateJwk, type PublicJwk, type SigningKey } from './signing-key';

export interface SigningKeyStoreOptions {
  clock: Clock;
  /** Lifetime of the tokens the keys sign: how long a retired key must stay published. */
  tokenTtlSeconds: number;
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
 * invalidates a token already handed out; then it is dropped.
 */
export class SigningKeyStore {
  /** Newest first. */
  private retired: RetiredKey[] = [];

  private constructor(
    private active: SigningKey,
    private readonly clock: Clock,
    private readonly tokenTtlMs: number,
  ) {}

  static async create(options: SigningKeyStoreOptions): Promise<SigningKeyStore> {
    return new SigningKeyStore(await generateSigningKey(), options.clock, options.tokenTtlSeconds * 1000);
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
    return this.liveKeys().map((key) => key.publicJwk);
  }

  /**
   * The same keys with their private members, in the same order, for the OpenID Provider: it signs with
   * the first one and still verifies the others (an `id_token_hint` signed before a rotation).
   */
  signingJwks(): PrivateJwk[] {
    return this.liveKeys().map((key) => key.privateJwk);
  }

  private liveKeys(): SigningKey[] {
    const now = this.clock.now();
    // A token's exp is at most its signing time + TTL, and a retired key signed nothing after retiredAtMs.
    this.retired = this.retired.filter(({ retiredAtMs }) => now < retiredAtMs + this.tokenTtlMs);
    return [this.active, ...this.retired.map(({ key }) => key)];
  }
}
