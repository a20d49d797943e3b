/**
 * The vocabulary of the field table: how IB's own client decoder (EDecoder / ibapi decoder.py and
 * orderdecoder.py, read for this table; nothing copied) reads a server -> client message, as data.
 * A message is an ordered list of rules; each rule is a field (or a repeated group) with the
 * condition under which IB's decoder reads it:
 * - `from` / `until`: the negotiated server version (IB: `serverVersion >= from`, `serverVersion < until`);
 * - `minVersion`: the message's own version (IB: `version >= n`), which is the version field where
 *   the message carries one and otherwise what `MessageLayout.version` says;
 * - `when`: a value read earlier (IB's conditional blocks, e.g. delta-neutral fields only after a
 *   non-empty deltaNeutralOrderType).
 */

/** How IB's decoder converts one field (Python's decode(int|float|bool|Decimal|str, ...)). */
export type FieldKind = 'int' | 'float' | 'bool' | 'decimal' | 'str';

/** What a field decodes to; a repeated group decodes to one record per repetition. */
export type FieldValue = string | number | boolean | undefined | DecodedRecord[];

/** Field values by name, in the order read. Contract fields are named `contract.<field>`. */
export type DecodedRecord = Record<string, FieldValue>;

/** Where a rule applies. */
export interface Condition {
  /** Read only from this server version on. */
  readonly from?: number;
  /** Read only below this server version. */
  readonly until?: number;
  /** Read only when the message version is at least this. */
  readonly minVersion?: number;
  /** Read only when this holds for the values read so far in the same record. */
  readonly when?: (values: DecodedRecord) => boolean;
}

/** One field. */
export interface FieldRule extends Condition {
  readonly name: string;
  readonly kind: FieldKind;
  /** IB's SHOW_UNSET: an empty numeric field reads as unset (undefined here) instead of 0. */
  readonly unset?: true;
}

/** A group of fields repeated as many times as an earlier count field says. */
export interface RepeatRule extends Condition {
  /** Name of the group's value (a list of records). */
  readonly name: string;
  /** Name of the int field, read earlier in the same record, that holds the count. */
  readonly count: string;
  readonly fields: readonly LayoutRule[];
}

/**
 * A block IB's decoder reads under its condition but the table does not model (order conditions,
 * fund fields): reaching it is an error naming `unmodelled`, never a silent misread.
 */
export interface UnmodelledRule extends Condition {
  readonly name: string;
  /** What the block is, for the error. */
  readonly unmodelled: string;
}

export type LayoutRule = FieldRule | RepeatRule | UnmodelledRule;

/**
 * How a message's version is found. `field` true: the message always starts with a version field
 * (IB reads and mostly ignores it). `fieldBelow`: a version field only below that server version,
 * and from it on the message version is `otherwise` ('server' = the server version, as IB's
 * openOrder and execDetails do). No version description: no version field, and the message
 * version is unlimited (IB passes UNSET_INTEGER, e.g. for completedOrder).
 */
export interface VersionRule {
  readonly field?: true;
  readonly fieldBelow?: number;
  readonly otherwise?: number | 'server';
}

/** One server -> client message as IB's decoder reads it. */
export interface MessageLayout {
  /** IB's incoming message id. */
  readonly id: number;
  /** IB's name for it (EWrapper callback). */
  readonly name: string;
  readonly version?: VersionRule;
  readonly fields: readonly LayoutRule[];
}

/** A field rule (shorthand for the tables). */
export function f(name: string, kind: FieldKind, condition: Condition & { readonly unset?: true } = {}): FieldRule {
  return { name, kind, ...condition };
}

/** The same condition on several rules. */
export function gated(condition: Condition, rules: readonly LayoutRule[]): LayoutRule[] {
  return rules.map((rule) => ({ ...rule, ...mergeConditions(rule, condition) }));
}

function mergeConditions(rule: Condition, extra: Condition): Condition {
  const when = rule.when && extra.when ? (v: DecodedRecord) => rule.when!(v) && extra.when!(v) : (rule.when ?? extra.when);
  return {
    ...(extra.from !== undefined || rule.from !== undefined ? { from: Math.max(extra.from ?? 0, rule.from ?? 0) } : {}),
    ...(extra.until !== undefined || rule.until !== undefined ? { until: Math.min(extra.until ?? Infinity, rule.until ?? Infinity) } : {}),
    ...(extra.minVersion !== undefined || rule.minVersion !== undefined ? { minVersion: Math.max(extra.minVersion ?? 0, rule.minVersion ?? 0) } : {}),
    ...(when !== undefined ? { when } : {}),
  };
}

/**
 * The contract block most messages carry: conId, symbol, secType, lastTradeDateOrContractMonth,
 * strike, right, multiplier, exchange, currency, localSymbol, tradingClass. Some messages read
 * multiplier and tradingClass only from a message version (openOrder: 32; execDetails: 9 and 10).
 */
export function contractFields(options: { readonly multiplierMinVersion?: number; readonly tradingClassMinVersion?: number } = {}): FieldRule[] {
  return [
    f('contract.conId', 'int'),
    f('contract.symbol', 'str'),
    f('contract.secType', 'str'),
    f('contract.lastTradeDateOrContractMonth', 'str'),
    f('contract.strike', 'float'),
    f('contract.right', 'str'),
    f('contract.multiplier', 'str', options.multiplierMinVersion === undefined ? {} : { minVersion: options.multiplierMinVersion }),
    f('contract.exchange', 'str'),
    f('contract.currency', 'str'),
    f('contract.localSymbol', 'str'),
    f('contract.tradingClass', 'str', options.tradingClassMinVersion === undefined ? {} : { minVersion: options.tradingClassMinVersion }),
  ];
}

/** True when a string field read earlier is non-empty (IB: `if self.order.x:`). */
export const nonEmpty =
  (name: string) =>
  (values: DecodedRecord): boolean =>
    typeof values[name] === 'string' && values[name] !== '';
