import type { Adapter, AdapterConstructor, AdapterPayload } from 'oidc-provider';
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

  /** How many entries are held (for tests of the bound). */
  size(): number {
    return this.entries.size;
  }

  upsert(key: string, payload: AdapterPayload, expiresIn: number | undefined): void {
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

  find(key: string): AdapterPayload | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAtMs !== undefined && entry.expiresAtMs <= this.clock.now()) {
      this.delete(key);
      return undefined;
    }
    return entry.payload;
  }

  consume(key: string): void {
    const entry = this.entries.get(key);
    if (entry) entry.payload = { ...entry.payload, consumed: Math.floor(this.clock.now() / 1000) };
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  revokeGrant(grantId: string): void {
    for (const key of this.byGrant.get(grantId) ?? []) this.entries.delete(key);
    this.byGrant.delete(grantId);
  }

  /** The id an index entry (`<model>:uid:<uid>`, `<model>:userCode:<code>`) points at. */
  indexed(key: string): string | undefined {
    return this.find(key)?.jti;
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

/** One model's view of the store (oidc-provider makes one adapter per model name). */
class MemoryAdapter implements Adapter {
  constructor(
    private readonly model: string,
    private readonly store: MemoryStore,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    this.store.upsert(this.key(id), payload, expiresIn);
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    return this.store.find(this.key(id));
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const id = this.store.indexed(`${this.model}:uid:${uid}`);
    return id === undefined ? undefined : this.store.find(this.key(id));
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    const id = this.store.indexed(`${this.model}:userCode:${userCode}`);
    return id === undefined ? undefined : this.store.find(this.key(id));
  }

  async consume(id: string): Promise<void> {
    this.store.consume(this.key(id));
  }

  async destroy(id: string): Promise<void> {
    this.store.delete(this.key(id));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    this.store.revokeGrant(grantId);
  }

  private key(id: string): string {
    return `${this.model}:${id}`;
  }
}

/** The adapter class oidc-provider instantiates once per model name, every one over `store`. */
export function memoryAdapterOf(store: MemoryStore): AdapterConstructor {
  return class extends MemoryAdapter {
    constructor(model: string) {
      super(model, store);
    }
  };
}
