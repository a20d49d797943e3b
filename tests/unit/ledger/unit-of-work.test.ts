import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../../src/main/ledger';
import { TransactionalCell, TransactionalMap } from '../../../src/main/ledger/unit-of-work';
import { rawDatabase } from '../../../src/main/ledger/raw-database';

let ledger: Ledger;
beforeEach(() => {
  ledger = Ledger.open(':memory:');
});
afterEach(() => ledger.close());

const write = (key: string) => ledger.settings.set(key, 1, 1);

describe('memory that follows the ledger transactions', () => {
  it('shows a write to its own transaction only, and to everyone once committed, before the after-commit hooks run', () => {
    const map = new TransactionalMap<string, number>(ledger.unitOfWork);
    const seen: (number | undefined)[] = [];
    ledger.transaction(() => {
      map.set('a', 1);
      write('a');
      expect(map.get('a')).toBe(1);
      expect([...map.committed()]).toEqual([]);
      ledger.unitOfWork.afterCommit(() => seen.push(map.get('a')));
      expect(seen).toEqual([]);
    });
    expect(seen).toEqual([1]);
    expect([...map.committed()]).toEqual([1]);
  });

  it('drops the writes and hooks of a transaction that throws', () => {
    const map = new TransactionalMap<string, number>(ledger.unitOfWork);
    map.set('a', 1);
    const hooks: string[] = [];
    expect(() =>
      ledger.transaction(() => {
        map.set('a', 2);
        map.delete('a');
        map.set('b', 3);
        ledger.unitOfWork.afterCommit(() => hooks.push('after'));
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(hooks).toEqual([]);
    expect(map.get('a')).toBe(1);
    expect(map.has('b')).toBe(false);
  });

  it('undoes only a savepoint that threw, keeping the rest of its transaction', () => {
    const map = new TransactionalMap<string, number>(ledger.unitOfWork);
    const hooks: string[] = [];
    ledger.transaction(() => {
      map.set('kept', 1);
      ledger.unitOfWork.afterCommit(() => hooks.push('outer'));
      try {
        ledger.transaction(() => {
          map.set('kept', 99);
          map.set('undone', 2);
          ledger.unitOfWork.afterCommit(() => hooks.push('inner'));
          throw new Error('inner fails');
        });
      } catch {
        // the outer transaction carries on
      }
      ledger.transaction(() => {
        map.set('nested', 3);
        ledger.unitOfWork.afterCommit(() => hooks.push('nested'));
      });
      expect(map.get('kept')).toBe(1);
      expect(hooks).toEqual([]);
    });
    expect(hooks).toEqual(['outer', 'nested']);
    expect([...map.committed()]).toEqual([1, 3]);
  });

  it('commits at once and runs hooks at once outside a transaction', () => {
    const cell = new TransactionalCell(ledger.unitOfWork, 'ACTIVE');
    cell.set('HALTED');
    expect(cell.get()).toBe('HALTED');
    let ran = false;
    ledger.unitOfWork.afterCommit(() => (ran = true));
    expect(ran).toBe(true);
  });

  it('tells the merge who changed, once per key, after a commit', () => {
    const changes: [string, number | undefined][] = [];
    const map = new TransactionalMap<string, number>(ledger.unitOfWork, (key, value) => changes.push([key, value]));
    map.seed('gone', 0);
    changes.length = 0;
    ledger.transaction(() => {
      map.set('a', 1);
      map.set('a', 2);
      map.delete('gone');
    });
    expect(changes).toEqual([
      ['a', 2],
      ['gone', undefined],
    ]);
  });

  it('rolls back when the commit itself fails, so memory never runs ahead of a refused write', () => {
    const cell = new TransactionalCell(ledger.unitOfWork, 0);
    rawDatabase(ledger).exec("CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.settings WHEN NEW.key = 'refused' BEGIN SELECT RAISE(ABORT, 'refused'); END");
    expect(() =>
      ledger.transaction(() => {
        cell.set(5);
        write('refused');
      }),
    ).toThrow('refused');
    expect(cell.get()).toBe(0);
  });
});
