import { Logger } from '@nestjs/common';
import { createRemoteJWKSet, errors, type RemoteJWKSet } from 'jose';
import { KeyObject, type webcrypto } from 'node:crypto';
import { AuthenticationError, VerificationKeysUnavailableError } from './authentication.error';
import { UnknownKidCache } from './unknown-kid.cache';

export interface JwksKeySetOptions {
  /** No fetch starts within this many ms of the previous one (the first successful load excepted). */
  cooldownMs: number;
  /** Keys are re-checked in the background once the key set is this old. */
  maxAgeMs: number;
  /** A fetch that takes longer fails. */
  timeoutMs: number;
  unknownKidTtlMs: number;
  unknownKidCacheSize: number;
  now?: () => number;
}

/**
 * The public keys of a JWKS, looked up by `alg` and `kid`. jose fetches, parses and matches
 * (`use`, `key_ops`, `kty` for the `alg`); this decides when it fetches, so that the gateway and not
 * its callers bound the JWKS traffic:
 * - at most one fetch per cooldown, whatever the traffic: a `kid` missing from the key set triggers
 *   a fetch only when none started within the cooldown, concurrent ones share it, and a failed
 *   fetch also waits out the cooldown. Only the first successful load is exempt, so that the first
 *   rotation after a start is seen at once. A token of a freshly rotated key therefore validates
 *   within one cooldown, even while a flood of random `kid`s arrives (it only brings that fetch on);
 * - a `kid` missing from a key set fetched on its behalf is remembered as unknown (bounded, expiring,
 *   forgotten when the next key set arrives), so asking again costs nothing;
 * - keys are re-checked in the background once `maxAgeMs` old, and kept while the JWKS is down, so
 *   tokens of known keys keep working through an outage; an unknown `kid` is then refused (401).
 * Only when no key set was ever fetched does the lookup fail as unavailable (503).
 */
export class JwksKeySet {
  private readonly logger = new Logger(JwksKeySet.name);
  private readonly jwks: RemoteJWKSet;
  private readonly unknown: UnknownKidCache;
  private readonly keyObjects = new WeakMap<object, KeyObject>();
  private readonly now: () => number;
  /** How many key sets were fetched: 0 until the first. */
  private generation = 0;
  private loadedAt = 0;
  private nextFetchAt = 0;
  private pending: Promise<boolean> | undefined;

  constructor(
    jwksUri: string,
    private readonly options: JwksKeySetOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.unknown = new UnknownKidCache(options.unknownKidTtlMs, options.unknownKidCacheSize, this.now);
    // jose never fetches on its own (infinite cooldown and age): every fetch goes through refresh().
    this.jwks = createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: options.timeoutMs, cooldownDuration: Infinity, cacheMaxAge: Infinity });
  }

  /**
   * @throws AuthenticationError `invalid_token` when no key of the set matches
   * @throws VerificationKeysUnavailableError when no key set could be fetched yet
   */
  async keyFor(header: { alg: string; kid: string }): Promise<KeyObject> {
    const generation = this.generation;
    if (generation === 0) {
      await this.refresh();
      if (this.generation === 0) throw new VerificationKeysUnavailableError();
    } else if (this.now() - this.loadedAt >= this.options.maxAgeMs) {
      void this.refresh();
    }
    const key = await this.lookUp(header);
    if (key) return key;
    if (this.unknown.has(header.kid)) throw new AuthenticationError('invalid_token');
    // A key set fetched since this request arrived already lacks the kid: no fetch for it.
    if (this.generation === generation) {
      // false: cooling down, or the fetch failed. The kid is not remembered then, since no key set
      // fetched for it said it is unknown: after the cooldown it may bring the next fetch.
      if (!(await this.refresh())) throw new AuthenticationError('invalid_token');
      const refreshed = await this.lookUp(header);
      if (refreshed) return refreshed;
    }
    this.unknown.add(header.kid);
    throw new AuthenticationError('invalid_token');
  }

  /** Fetches the key set unless one is in flight (then shares it) or the cooldown forbids; true when a new set arrived. */
  private refresh(): Promise<boolean> {
    if (this.pending) return this.pending;
    const startedAt = this.now();
    if (startedAt < this.nextFetchAt) return Promise.resolve(false);
    if (this.generation > 0) this.nextFetchAt = startedAt + this.options.cooldownMs;
    this.pending = this.jwks
      .reload()
      .then(
        () => {
          this.generation++;
          this.loadedAt = this.now();
          this.unknown.clear();
          return true;
        },
        (error: unknown) => {
          this.nextFetchAt = this.now() + this.options.cooldownMs;
          const held = this.generation > 0 ? 'keeping the keys at hand' : 'no keys yet';
          this.logger.warn(`JWKS fetch failed (${error instanceof Error ? error.message : String(error)}); ${held}, next try in ${this.options.cooldownMs} ms`);
          return false;
        },
      )
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  private async lookUp(header: { alg: string; kid: string }): Promise<KeyObject | undefined> {
    let key: webcrypto.CryptoKey;
    try {
      key = (await this.jwks(header)) as webcrypto.CryptoKey;
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey) return undefined;
      // Two keys under one kid, or a published key unusable with this alg: nothing to verify with.
      throw new AuthenticationError('invalid_token');
    }
    // jsonwebtoken verifies with a KeyObject; jose hands out the same CryptoKey per key set entry.
    let keyObject = this.keyObjects.get(key);
    if (!keyObject) {
      keyObject = KeyObject.from(key);
      this.keyObjects.set(key, keyObject);
    }
    return keyObject;
  }
}
