/**
 * `kid`s the current key set lacks, remembered for a while so that a token naming one again costs
 * no JWKS fetch. Bounded both ways: entries expire after `ttlMs`, and past `maxSize` the oldest are
 * dropped, so a flood of random `kid`s holds at most `maxSize` short strings.
 */
export class UnknownKidCache {
  private readonly seenAt = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxSize: number,
    private readonly now: () => number = Date.now,
  ) {}

  has(kid: string): boolean {
    const seenAt = this.seenAt.get(kid);
    if (seenAt === undefined) return false;
    if (this.now() - seenAt < this.ttlMs) return true;
    this.seenAt.delete(kid);
    return false;
  }

  add(kid: string): void {
    this.seenAt.delete(kid);
    this.seenAt.set(kid, this.now());
    // A Map iterates in insertion order: the first key is the oldest.
    while (this.seenAt.size > this.maxSize) {
      const oldest = this.seenAt.keys().next().value;
      if (oldest === undefined) break;
      this.seenAt.delete(oldest);
    }
  }

  /** A new key set may hold any of them. */
  clear(): void {
    this.seenAt.clear();
  }

  get size(): number {
    return this.seenAt.size;
  }
}
