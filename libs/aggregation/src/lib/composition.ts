import type { DownstreamCallContext } from '@bff/service-clients';
import { Logger } from '@nestjs/common';

/** What a part's loader may tell the composition besides its value. */
export interface PartContext {
  /** The part answered, but with less than it should (e.g. stale data): named in `degraded`. */
  degrade(): void;
}

type Loader<D, T> = (dependencies: D, part: PartContext) => Promise<T>;

interface PartDefinition {
  name: string;
  after: readonly string[];
  load: Loader<Record<string, unknown>, unknown>;
  optional: boolean;
  fallback?: unknown;
}

/** A composed response's parts, and which of them are missing or partial. */
export interface Composed<V> {
  values: V;
  /** Names of the optional parts that took their fallback, and of parts that reported degradation. */
  degraded: string[];
}

const logger = new Logger('Composition');

/**
 * A screen's response, declared as parts: downstream calls, or calls that need
 * other parts first. Independent parts run at once; a dependent part starts as
 * soon as what it needs is there. A required part that fails fails the whole
 * response at once (the gateway maps its named error to 502/503/504), and
 * cancels the request's `cancellation`: every call of the request still in
 * flight is ended and none starts after it, so a failed screen costs the
 * services nothing more. An optional part that fails, or is not done by the
 * deadline, takes its fallback and is named in `degraded`.
 *
 * ```ts
 * const home = Composition.create()
 *   .required('user', () => users.getUser(id, call))
 *   .optional('recommendations', () => recs.listForUser(id, 6, call), [])
 *   .required('products', ({ recommendations }) => catalog.get(ids(recommendations), call), ['recommendations']);
 * const { values, degraded } = await home.run(call);
 * ```
 */
export class Composition<V extends object> {
  private constructor(private readonly parts: readonly PartDefinition[]) {}

  static create(): Composition<object> {
    return new Composition([]);
  }

  required<K extends string, T, A extends keyof V & string = never>(
    name: K,
    load: Loader<Pick<V, A>, T>,
    after: readonly A[] = [],
  ): Composition<V & Record<K, T>> {
    return this.with({ name, after, load: load as Loader<Record<string, unknown>, unknown>, optional: false });
  }

  optional<K extends string, T, A extends keyof V & string = never>(
    name: K,
    load: Loader<Pick<V, A>, T>,
    fallback: T,
    after: readonly A[] = [],
  ): Composition<V & Record<K, T>> {
    return this.with({ name, after, load: load as Loader<Record<string, unknown>, unknown>, optional: true, fallback });
  }

  /**
   * Runs every part; optional parts still running at the request's `deadlineAt` (epoch ms) take
   * their fallback; the first required part to fail cancels the request's `cancellation`.
   */
  async run(request?: Pick<DownstreamCallContext, 'deadlineAt' | 'cancellation'>): Promise<Composed<V>> {
    const deadlineAt = request?.deadlineAt;
    const degraded = new Set<string>();
    const results = new Map<string, Promise<unknown>>();
    const timers: NodeJS.Timeout[] = [];
    for (const part of this.parts) {
      const context: PartContext = { degrade: () => degraded.add(part.name) };
      const dependencies = Promise.all(part.after.map((name) => results.get(name))).then((values) =>
        Object.fromEntries(part.after.map((name, i) => [name, values[i]])),
      );
      let result = dependencies.then((values) => part.load(values, context));
      if (part.optional) {
        const fallBack = (reason: string) => {
          degraded.add(part.name);
          logger.debug(`${part.name} took its fallback: ${reason}`);
          return part.fallback;
        };
        const late =
          deadlineAt === undefined
            ? undefined
            : new Promise<unknown>((resolve) => timers.push(setTimeout(() => resolve(fallBack('deadline reached')), Math.max(0, deadlineAt - Date.now()))));
        result = result.catch((error: unknown) => fallBack(error instanceof Error ? error.message : String(error)));
        if (late) result = Promise.race([result, late]);
      }
      results.set(part.name, result);
    }
    try {
      const values = await Promise.all([...results.values()]);
      return {
        values: Object.fromEntries([...results.keys()].map((name, i) => [name, values[i]])) as V,
        degraded: this.parts.map((part) => part.name).filter((name) => degraded.has(name)),
      };
    } catch (error) {
      // Only a required part rejects (optional ones take their fallback): the answer is decided.
      request?.cancellation?.cancel();
      throw error;
    } finally {
      for (const timer of timers) clearTimeout(timer);
    }
  }

  private with<W extends object>(part: PartDefinition): Composition<W> {
    if (this.parts.some((existing) => existing.name === part.name)) throw new Error(`part ${part.name} is declared twice`);
    return new Composition<W>([...this.parts, part]);
  }
}
