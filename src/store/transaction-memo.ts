import type { Collection, Person, Place } from '../domain/index.js';

/**
 * The people, places and collections a writer has already saved in its open transaction: for
 * each, what the record said (as JSON) and the row it left. Documents of one volume cite the
 * same people and chapters again and again; a record that says nothing new about one need not
 * read and merge it again, because merging the same record twice changes nothing the second
 * time (mergePerson). What `once` returns may then miss what another record saved meanwhile (a
 * listing of another volume); writers only index names from it, which merging never drops. A
 * writer clears it when a transaction begins, so it never outlives a rollback.
 */
export class TransactionMemo {
  private readonly saved = new Map<string, { incoming: string; merged: Person | Place | Collection }>();

  clear(): void {
    this.saved.clear();
  }

  /** `save()`, unless this transaction already saved exactly this `incoming` under `key`. */
  once<T extends Person | Place | Collection>(key: string, incoming: T, save: () => T): T;
  once<T extends Person | Place | Collection>(key: string, incoming: T, save: () => Promise<T>): Promise<T>;
  once<T extends Person | Place | Collection>(key: string, incoming: T, save: () => T | Promise<T>): T | Promise<T> {
    const json = JSON.stringify(incoming);
    const memo = this.saved.get(key);
    if (memo && memo.incoming === json) return memo.merged as T;
    const remember = (merged: T): T => {
      this.saved.set(key, { incoming: json, merged });
      return merged;
    };
    const merged = save();
    return merged instanceof Promise ? merged.then(remember) : remember(merged);
  }
}
