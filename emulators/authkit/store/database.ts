import { Collection, type Change, type ChangeListener, type CollectionHost, type CollectionSpec } from "./collection.ts";

/** The data.json shape: a version and one list per collection. */
export interface Lists {
  version: 1;
  [list: string]: unknown;
}

interface Pending {
  change: Change;
  /** The live record, copied when the hooks hear of it (so they see its final state). */
  live: unknown;
}

/**
 * Combines a second change to a record in the same atomic change with the first, so a hook hears
 * one change per record: created then updated is created, created then deleted is nothing.
 */
function combine(first: Pending, next: Change, live: unknown): Pending | null {
  const kind = first.change.kind;
  if (kind === "created" && next.kind === "deleted") return null;
  const combined: Change["kind"] = kind === "created" ? "created" : next.kind === "deleted" ? "deleted" : "updated";
  return { change: { ...first.change, kind: combined }, live };
}

/**
 * The in-memory lists behind the collections, changed all-or-nothing: `atomically` saves once at
 * the end and, when the change or the save throws, puts every list back as it was. The change hooks
 * and `afterCommit` callbacks run only after a successful save, so nothing hears of a change that
 * was undone.
 */
export class Database implements CollectionHost {
  private changing = false;
  private pending = new Map<string, Pending>();
  private committed: (() => void)[] = [];
  private readonly collections: Collection<unknown>[] = [];
  private readonly listeners = new Map<string | null, Set<ChangeListener>>();

  constructor(
    private data: Lists,
    private readonly save: (data: Lists) => void,
    private readonly reportHookError: (error: unknown, change: Change) => void,
  ) {}

  /** The collection for `spec`; its list starts empty when the data has none yet (an older data.json). */
  collection<T, I extends string>(spec: CollectionSpec<T, I>): Collection<T, I> {
    this.data[spec.name] ??= [];
    const collection = new Collection<T, I>(this, spec);
    this.collections.push(collection as unknown as Collection<unknown>);
    return collection;
  }

  records(name: string): unknown[] {
    const list = this.data[name];
    if (!Array.isArray(list)) throw new Error(`No collection "${name}"`);
    return list as unknown[];
  }

  /** The data as saved (the live object: do not change it). */
  get snapshot(): Lists {
    return this.data;
  }

  atomically<R>(change: () => R): R {
    if (this.changing) return change();
    const before = structuredClone(this.data);
    this.changing = true;
    let result: R;
    try {
      result = change();
      this.save(this.data);
    } catch (error) {
      this.data = before;
      for (const collection of this.collections) collection.rebuild();
      this.pending.clear();
      this.committed = [];
      throw error;
    } finally {
      this.changing = false;
    }
    this.announce();
    return result;
  }

  /** Replaces every list at once (a reset to the seed): saved, undone on failure, and not reported to the hooks. */
  replaceAll(data: Lists): void {
    this.atomically(() => {
      for (const name of Object.keys(this.data)) if (name !== "version") this.data[name] = data[name] ?? [];
      for (const collection of this.collections) collection.rebuild();
      this.pending.clear();
    });
  }

  changed(change: Change, key: string): void {
    const id = `${change.collection}\u0000${key}`;
    const first = this.pending.get(id);
    if (!first) {
      this.pending.set(id, { change: { ...change, before: structuredClone(change.before) }, live: change.after });
      return;
    }
    const combined = combine(first, change, change.after);
    this.pending.delete(id);
    if (combined) this.pending.set(id, combined);
  }

  /** Runs `callback` once the surrounding change is saved (at once when there is none); never when it is undone. */
  afterCommit(callback: () => void): void {
    if (this.changing) this.committed.push(callback);
    else callback();
  }

  listen(name: string | null, listener: ChangeListener): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  private announce(): void {
    const changes = [...this.pending.values()].map(({ change, live }) => ({ ...change, after: live === null ? null : structuredClone(live) }));
    const callbacks = this.committed;
    this.pending.clear();
    this.committed = [];
    for (const callback of callbacks) callback();
    for (const change of changes) {
      for (const listener of [...(this.listeners.get(change.collection) ?? []), ...(this.listeners.get(null) ?? [])]) {
        // The change is saved: a failing listener must not make it look failed, nor keep the others from hearing it.
        try {
          listener(change);
        } catch (error) {
          this.reportHookError(error, change);
        }
      }
    }
  }
}
