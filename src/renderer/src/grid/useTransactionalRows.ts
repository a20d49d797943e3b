import type { GridApi } from 'ag-grid-community';
import { useEffect, useRef, useState } from 'react';
import { diffRows } from './row-diff';

/**
 * Keeps an ag-grid in step with a keyed collection through transactions (add/update/remove by row id)
 * instead of replacing all rows, so unchanged rows keep their DOM, selection and scroll position, and
 * cell renderers of changed rows refresh (which runs the status transition animation).
 * Returns the `onGridReady` handler to pass to the grid.
 */
export function useTransactionalRows<K, T>(rows: ReadonlyMap<K, T>): (api: GridApi<T>) => void {
  const [api, setApi] = useState<GridApi<T> | null>(null);
  const shown = useRef<ReadonlyMap<K, T>>(new Map());

  useEffect(() => {
    if (!api || api.isDestroyed()) return;
    const diff = diffRows(shown.current, rows);
    shown.current = rows;
    if (diff.add.length + diff.update.length + diff.remove.length === 0) return;
    api.applyTransaction(diff);
  }, [api, rows]);

  return (ready: GridApi<T>) => {
    shown.current = new Map();
    setApi(ready);
  };
}
