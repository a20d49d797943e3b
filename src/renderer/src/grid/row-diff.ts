/** A change set for ag-grid's applyTransaction: rows to add, update (same id, new object) and remove. */
export interface RowDiff<T> {
  readonly add: T[];
  readonly update: T[];
  readonly remove: T[];
}

/**
 * Compares two keyed collections of immutable rows: a row is updated when its object changed
 * (the store replaces an object on every change, so identity is enough), added or removed by key.
 */
export function diffRows<K, T>(previous: ReadonlyMap<K, T>, next: ReadonlyMap<K, T>): RowDiff<T> {
  const add: T[] = [];
  const update: T[] = [];
  const remove: T[] = [];
  for (const [key, row] of next) {
    const before = previous.get(key);
    if (before === undefined) add.push(row);
    else if (before !== row) update.push(row);
  }
  for (const [key, row] of previous) {
    if (!next.has(key)) remove.push(row);
  }
  return { add, update, remove };
}

/** Indexes rows by a key. */
export function keyRows<K, T>(rows: Iterable<T>, key: (row: T) => K): Map<K, T> {
  const map = new Map<K, T>();
  for (const row of rows) map.set(key(row), row);
  return map;
}
