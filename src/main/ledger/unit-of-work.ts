/**
 * Memory that follows the ledger's transactions. The rule of the money paths: state in memory
 * changes only after its transaction commits, and listeners hear of a change after the commit,
 * never before. A component keeps its in-memory state in TransactionalMap / TransactionalCell and
 * announces changes with `afterCommit`:
 *
 * - Inside a transaction a write goes to the transaction's overlay: code in the same transaction
 *   reads its own writes (`get`), everything else keeps seeing the committed value.
 * - When the outermost transaction commits, every overlay is merged into the committed state first,
 *   then the `afterCommit` hooks run in the order they were registered (so a listener that queries
 *   the state sees every change of the transaction).
 * - A rollback (of the transaction, or of a savepoint inside it that threw) undoes exactly the
 *   writes made inside it and drops its `afterCommit` hooks.
 * - Outside a transaction a write is committed at once and `afterCommit` runs its hook at once.
 *
 * Single-threaded by design: transactions are synchronous (better-sqlite3), so nothing else runs
 * while one is open.
 */
export interface UnitOfWork {
  /** True while a transaction is open. */
  readonly active: boolean;
  /** Runs `hook` after the outermost transaction commits (at once outside one); dropped on rollback. */
  afterCommit(hook: () => void): void;
  /** Runs `hook` if the innermost open transaction or savepoint rolls back; ignored outside one. */
  onRollback(hook: () => void): void;
  /** Runs `hook(committed)` when the outermost transaction ends, before any `afterCommit` hook; ignored outside one. */
  onEnd(hook: (committed: boolean) => void): void;
}

/** Where a hook that threw after a commit is reported (the commit stands; other hooks still run). */
export type HookErrorHandler = (error: unknown) => void;

class Scope {
  readonly commits: (() => void)[] = [];
  readonly rollbacks: (() => void)[] = [];
}

/**
 * The stack of open transaction scopes of one connection (the Ledger owns one). `run` wraps the
 * database's own transaction call: a scope per (nested) call, merged into its parent when a
 * savepoint succeeds, finished when the outermost one commits or rolls back.
 */
export class TransactionScopes implements UnitOfWork {
  private readonly stack: Scope[] = [];
  private ends: ((committed: boolean) => void)[] = [];

  constructor(private readonly onHookError: HookErrorHandler = (error) => console.error('after-commit hook failed:', error)) {}

  get active(): boolean {
    return this.stack.length > 0;
  }

  /**
   * Runs `work` through `transact` (the database's transaction or savepoint call) inside a new scope.
   * @throws whatever `work` or `transact` throws, after undoing the scope's writes.
   */
  run<T>(transact: (work: () => T) => T, work: () => T): T {
    const scope = new Scope();
    this.stack.push(scope);
    let result: T;
    try {
      result = transact(work);
    } catch (error) {
      this.stack.pop();
      this.rollBack(scope);
      if (this.stack.length === 0) this.finish(false);
      throw error;
    }
    this.stack.pop();
    const parent = this.stack[this.stack.length - 1];
    if (parent !== undefined) {
      parent.commits.push(...scope.commits);
      parent.rollbacks.push(...scope.rollbacks);
      return result;
    }
    this.finish(true);
    for (const hook of scope.commits) this.guard(hook);
    return result;
  }

  afterCommit(hook: () => void): void {
    const scope = this.stack[this.stack.length - 1];
    if (scope === undefined) this.guard(hook);
    else scope.commits.push(hook);
  }

  onRollback(hook: () => void): void {
    this.stack[this.stack.length - 1]?.rollbacks.push(hook);
  }

  onEnd(hook: (committed: boolean) => void): void {
    if (this.stack.length > 0) this.ends.push(hook);
  }

  private rollBack(scope: Scope): void {
    for (let i = scope.rollbacks.length - 1; i >= 0; i--) this.guard(scope.rollbacks[i]!);
  }

  private finish(committed: boolean): void {
    const ends = this.ends;
    this.ends = [];
    for (const hook of ends) this.guard(() => hook(committed));
  }

  private guard(hook: () => void): void {
    try {
      hook();
    } catch (error) {
      this.onHookError(error);
    }
  }
}

const ABSENT = Symbol('absent');

/**
 * A Map whose writes follow the unit of work (see UnitOfWork). Iteration (`committed()`) shows the
 * committed entries only; `get` and `has` read the open transaction's own writes first.
 */
export class TransactionalMap<K, V> {
  private readonly committedEntries = new Map<K, V>();
  /** The open transaction's writes; ABSENT marks a deletion. Null outside a transaction. */
  private overlay: Map<K, V | typeof ABSENT> | null = null;

  /** @param onCommit called once per key written, with its committed value (undefined = deleted), as the transaction's changes are merged. */
  constructor(
    private readonly uow: UnitOfWork,
    private readonly onCommit?: (key: K, value: V | undefined) => void,
  ) {}

  get(key: K): V | undefined {
    const pending = this.overlay?.get(key);
    if (pending !== undefined) return pending === ABSENT ? undefined : pending;
    return this.committedEntries.get(key);
  }

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  set(key: K, value: V): void {
    this.write(key, value);
  }

  delete(key: K): void {
    this.write(key, ABSENT);
  }

  /** Puts `value` in the committed state directly, whatever transaction is open: loading state from the ledger at start. */
  seed(key: K, value: V): void {
    this.commitOne(key, value);
  }

  /** The committed entries, in insertion order. */
  committed(): IterableIterator<V> {
    return this.committedEntries.values();
  }

  /** Number of committed entries. */
  get size(): number {
    return this.committedEntries.size;
  }

  private write(key: K, value: V | typeof ABSENT): void {
    if (!this.uow.active) {
      this.commitOne(key, value);
      return;
    }
    if (this.overlay === null) {
      const overlay = new Map<K, V | typeof ABSENT>();
      this.overlay = overlay;
      this.uow.onEnd((committed) => {
        this.overlay = null;
        if (committed) for (const [k, v] of overlay) this.commitOne(k, v);
      });
    }
    const overlay = this.overlay;
    const before = overlay.has(key) ? overlay.get(key)! : undefined;
    overlay.set(key, value);
    this.uow.onRollback(() => {
      if (before === undefined) overlay.delete(key);
      else overlay.set(key, before);
    });
  }

  private commitOne(key: K, value: V | typeof ABSENT): void {
    if (value === ABSENT) this.committedEntries.delete(key);
    else this.committedEntries.set(key, value);
    this.onCommit?.(key, value === ABSENT ? undefined : value);
  }
}

/** One value whose writes follow the unit of work, like TransactionalMap's entries. */
export class TransactionalCell<T> {
  private readonly map: TransactionalMap<0, { readonly value: T }>;

  constructor(uow: UnitOfWork, initial: T) {
    this.map = new TransactionalMap(uow);
    this.map.seed(0, { value: initial });
  }

  get(): T {
    return this.map.get(0)!.value;
  }

  set(value: T): void {
    this.map.set(0, { value });
  }
}
