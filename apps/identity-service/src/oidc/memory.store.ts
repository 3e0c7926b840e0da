import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Clock } from '../clock/clock';

/** The models whose entries belong to a grant, and go when it is revoked (as in oidc-provider's own adapter). */
const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest', 'PreAuthorizedCode']);

interface Entry {
  payload: AdapterPayload;
  /** Epoch milliseconds; undefined: kept until evicted. */
  expiresAtMs: number | undefined;
}

/**
 * Everything oidc-provider stores (sessions, interactions, grants, codes, refresh tokens, replay marks),
 * in this process's memory. It outlives a provider: when key rotation builds a new provider, the new one
 * sees the same sessions and tokens.
 *
 * The library's own in-memory adapter keeps 1,000 entries at most, about 150 sign-ins: past that it
 * would forget spent refresh tokens (so reuse would go undetected) and end live sessions. This one keeps
 * `maxEntries`, dropping expired entries first and then the oldest.
 */
export class MemoryStore {
  private readonly entries = new Map<string, Entry>();
  /** grantId -> the keys of everything issued under that grant, for revokeByGrantId. */
  private readonly byGrant = new Map<string, Set<string>>();

  constructor(
    private readonly clock: Clock,
    private readonly maxEntries = 100_000,
  ) {}

  /** The adapter class oidc-provider instantiates once per model name, bound to this store. */
  adapterClass(): new (name: string) => Adapter {
    const store = this;
    return class MemoryAdapter implements Adapter {
      constructor(private readonly model: string) {}
      upsert = async (id: string, payload: AdapterPayload, expiresIn?: number) => store.upsert(this.key(id), payload, expiresIn);
      find = async (id: string) => store.find(this.key(id));
      findByUid = async (uid: string) => {
        const id = store.find(`${this.model}:uid:${uid}`)?.jti;
        return id === undefined ? undefined : store.find(this.key(id));
      };
      findByUserCode = async (userCode: string) => {
        const id = store.find(`${this.model}:userCode:${userCode}`)?.jti;
        return id === undefined ? undefined : store.find(this.key(id));
      };
      consume = async (id: string) => store.consume(this.key(id));
      destroy = async (id: string) => store.delete(this.key(id));
      revokeByGrantId = async (grantId: string) => store.revokeGrant(grantId);

      private key(id: string): string {
        return `${this.model}:${id}`;
      }
    };
  }

  /** How many entries are held (for tests of the bound). */
  size(): number {
    return this.entries.size;
  }

  private upsert(key: string, payload: AdapterPayload, expiresIn: number | undefined): void {
    const expiresAtMs = expiresIn === undefined ? undefined : this.clock.now() + expiresIn * 1000;
    this.set(key, { payload, expiresAtMs });
    const model = key.slice(0, key.indexOf(':'));
    // Sessions are looked up by uid, device codes by user code: index them under their own keys.
    if (payload.uid !== undefined && model === 'Session') this.set(`${model}:uid:${payload.uid}`, { payload: { jti: key.slice(model.length + 1) }, expiresAtMs });
    if (payload.userCode !== undefined) this.set(`${model}:userCode:${payload.userCode}`, { payload: { jti: key.slice(model.length + 1) }, expiresAtMs });
    if (payload.grantId !== undefined && GRANTABLE.has(model)) {
      const members = this.byGrant.get(payload.grantId) ?? new Set<string>();
      members.add(key);
      this.byGrant.set(payload.grantId, members);
    }
  }

  private find(key: string): AdapterPayload | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAtMs !== undefined && entry.expiresAtMs <= this.clock.now()) {
      this.delete(key);
      return undefined;
    }
    return entry.payload;
  }

  private consume(key: string): void {
    const entry = this.entries.get(key);
    if (entry) entry.payload = { ...entry.payload, consumed: Math.floor(this.clock.now() / 1000) };
  }

  private delete(key: string): void {
    this.entries.delete(key);
  }

  private revokeGrant(grantId: string): void {
    for (const key of this.byGrant.get(grantId) ?? []) this.entries.delete(key);
    this.byGrant.delete(grantId);
  }

  private set(key: string, entry: Entry): void {
    // Re-inserted, so that Map order is least recently written first.
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.evict();
  }

  /** Down to 90% of the bound, so that a full store is swept once per 10% of writes rather than on every one. */
  private evict(): void {
    const now = this.clock.now();
    const target = Math.floor(this.maxEntries * 0.9);
    for (const [key, { expiresAtMs }] of this.entries) {
      if (expiresAtMs !== undefined && expiresAtMs <= now) this.entries.delete(key);
    }
    for (const key of this.entries.keys()) {
      if (this.entries.size <= target) break;
      this.entries.delete(key);
    }
    for (const [grantId, members] of this.byGrant) {
      for (const key of members) if (!this.entries.has(key)) members.delete(key);
      if (members.size === 0) this.byGrant.delete(grantId);
    }
  }
}
