/** A change to one record, as the change hooks receive it once the change is saved. */
export interface Change<T = unknown> {
  /** The collection's list name in data.json, e.g. "users". */
  collection: string;
  kind: "created" | "updated" | "deleted";
  /** The record before the change (a copy); null for "created". */
  before: T | null;
  /** The record after the change (a copy); null for "deleted". */
  after: T | null;
}

export type ChangeListener<T = unknown> = (change: Change<T>) => void;

export interface IndexSpec<T> {
  /** The indexed value of a record; null when the record is not in this index. */
  of(record: T): string | null;
  /** Applied to the record's value and the looked-up value alike (e.g. lower-casing an email). */
  normalize?(value: string): string;
  /** A second record with the same value is refused. */
  unique?: boolean;
}

export interface CollectionSpec<T, I extends string = string, N extends string = string> {
  /** The list's name in data.json. */
  name: N;
  /** The primary key (an id, a slug, a token's hash). */
  key(record: T): string;
  indexes: Record<I, IndexSpec<T>>;
}

/**
 * A collection's declaration, with the record type given and the index names inferred:
 * `defineCollection<UserRecord>()({ name: "users", key: (u) => u.id, indexes: { email: … } })`.
 */
export function defineCollection<T>() {
  return <const N extends string, const I extends string = never>(spec: CollectionSpec<T, I, N>): CollectionSpec<T, I, N> => spec;
}

/** What a collection needs from the store that holds it. */
export interface CollectionHost {
  /** The live list in the data (replaced as a whole when a change is undone). */
  records(name: string): unknown[];
  /** Runs `change` as one saved, all-or-nothing change (joining the surrounding one). */
  atomically<R>(change: () => R): R;
  /** Notes a change to the record with this key; hooks hear it once the surrounding change is saved. */
  changed(change: Change, key: string): void;
  /** Listens to this collection's changes. */
  listen(name: string, listener: ChangeListener): () => void;
}

/** A record as stored, before any `updated_at` the collection maintains. */
type Changes<T> = Partial<T>;

/**
 * One list of records in data.json, with its primary key and declared indexes kept in memory.
 * Every write is atomic (saved at once, undone in memory when the save fails) and reported to the
 * change hooks after the save. Returned records are the live ones: change them through `update`,
 * which keeps the indexes right.
 */
export class Collection<T, I extends string = string> {
  private byKey = new Map<string, T>();
  private byIndex = new Map<I, Map<string, T[]>>();

  constructor(
    private readonly host: CollectionHost,
    readonly spec: CollectionSpec<T, I>,
  ) {
    this.rebuild();
  }

  get name(): string {
    return this.spec.name;
  }

  private get records(): T[] {
    return this.host.records(this.spec.name) as T[];
  }

  private indexValue(index: I, record: T): string | null {
    const { of, normalize } = this.spec.indexes[index];
    const value = of(record);
    return value === null || !normalize ? value : normalize(value);
  }

  private lookupValue(index: I, value: string): string {
    return this.spec.indexes[index].normalize?.(value) ?? value;
  }

  private bucket(index: I, value: string): T[] {
    return this.byIndex.get(index)?.get(value) ?? [];
  }

  private addToIndexes(record: T): void {
    this.byKey.set(this.spec.key(record), record);
    for (const index of Object.keys(this.spec.indexes) as I[]) {
      const value = this.indexValue(index, record);
      if (value === null) continue;
      let map = this.byIndex.get(index);
      if (!map) this.byIndex.set(index, (map = new Map()));
      map.set(value, [...(map.get(value) ?? []), record]);
    }
  }

  private removeFromIndexes(record: T): void {
    this.byKey.delete(this.spec.key(record));
    for (const [index, map] of this.byIndex) {
      const value = this.indexValue(index, record);
      if (value === null) continue;
      const rest = (map.get(value) ?? []).filter((r) => r !== record);
      if (rest.length) map.set(value, rest);
      else map.delete(value);
    }
  }

  private checkUnique(record: T): void {
    for (const index of Object.keys(this.spec.indexes) as I[]) {
      const value = this.indexValue(index, record);
      if (!this.spec.indexes[index].unique || value === null) continue;
      const other = this.bucket(index, value).find((r) => r !== record);
      if (other) throw new Error(`${this.name}: ${this.spec.key(other)} already has ${index} "${value}"`);
    }
  }

  /** Builds the key map and indexes from the list again; the store calls it when a change is undone. */
  rebuild(): void {
    this.byKey.clear();
    this.byIndex.clear();
    for (const record of this.records) this.addToIndexes(record);
  }

  get(key: string): T | undefined {
    return this.byKey.get(key);
  }

  /** The first record whose `index` has this value (values are normalized as the index says). */
  find(index: I, value: string): T | undefined {
    return this.bucket(index, this.lookupValue(index, value))[0];
  }

  /** Every record whose `index` has this value, oldest first. */
  findBy(index: I, value: string): T[] {
    return [...this.bucket(index, this.lookupValue(index, value))];
  }

  /** The records (all, or those matching `filter`), in the order they were added. */
  list(filter?: (record: T) => boolean): T[] {
    return filter ? this.records.filter(filter) : [...this.records];
  }

  insert(record: T): T {
    const key = this.spec.key(record);
    return this.host.atomically(() => {
      if (this.byKey.has(key)) throw new Error(`${this.name}: ${key} already exists`);
      this.addToIndexes(record);
      try {
        this.checkUnique(record);
      } catch (error) {
        this.removeFromIndexes(record);
        throw error;
      }
      this.records.push(record);
      this.host.changed({ collection: this.name, kind: "created", before: null, after: record }, key);
      return record;
    });
  }

  /** Changes fields of a record (not its key) and sets its `updated_at`, when it has one. */
  update(key: string, changes: Changes<T>): T {
    return this.host.atomically(() => {
      const record = this.byKey.get(key);
      if (!record) throw new Error(`${this.name}: no record ${key}`);
      const before = structuredClone(record);
      this.removeFromIndexes(record);
      const stamp = "updated_at" in (record as object) ? { updated_at: new Date().toISOString() } : {};
      Object.assign(record as object, changes, stamp);
      if (this.spec.key(record) !== key) {
        Object.assign(record as object, before);
        this.addToIndexes(record);
        throw new Error(`${this.name}: the key of ${key} cannot change`);
      }
      this.addToIndexes(record);
      try {
        this.checkUnique(record);
      } catch (error) {
        this.removeFromIndexes(record);
        Object.assign(record as object, before);
        this.addToIndexes(record);
        throw error;
      }
      this.host.changed({ collection: this.name, kind: "updated", before, after: record }, key);
      return record;
    });
  }

  /** Removes a record; the removed record, or undefined when there was none. */
  delete(key: string): T | undefined {
    const record = this.byKey.get(key);
    if (!record) return undefined;
    return this.host.atomically(() => {
      this.deleteRecords([record]);
      return record;
    });
  }

  /** Removes every record matching `filter`; how many went. */
  deleteWhere(filter: (record: T) => boolean): number {
    const gone = this.records.filter(filter);
    if (gone.length) this.host.atomically(() => this.deleteRecords(gone));
    return gone.length;
  }

  private deleteRecords(gone: T[]): void {
    const set = new Set(gone);
    const records = this.records;
    const kept = records.filter((r) => !set.has(r));
    records.splice(0, records.length, ...kept);
    for (const record of gone) {
      this.removeFromIndexes(record);
      this.host.changed({ collection: this.name, kind: "deleted", before: record, after: null }, this.spec.key(record));
    }
  }

  /** Hears each created, updated or deleted record once the change is saved; returns a function that stops listening. */
  onChange(listener: ChangeListener<T>): () => void {
    return this.host.listen(this.name, listener as ChangeListener);
  }
}
