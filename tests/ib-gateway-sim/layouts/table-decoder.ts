import { MESSAGE_LAYOUTS } from './message-layouts';
import type { Condition, DecodedRecord, FieldKind, FieldRule, FieldValue, LayoutRule, MessageLayout } from './rules';

/** A message decoded with the field table. */
export interface TableDecoded {
  readonly layout: MessageLayout;
  /** The message version the rules were gated with (Infinity where IB uses UNSET_INTEGER). */
  readonly version: number;
  readonly values: DecodedRecord;
  /** Wire position (0 = message id) of each top-level field read. */
  readonly positions: Readonly<Record<string, number>>;
}

/** A message the table cannot read the way IB's decoder would: too few or too many fields, or a field IB's decoder would choke on. */
export class LayoutError extends Error {
  override readonly name = 'LayoutError';
}

/** Python's int(): optional sign and digits (IB's decoder raises "invalid literal for int()" on anything else). */
const INT = /^[+-]?\d+$/;
/** Python's float() / Decimal(): decimal or exponent notation, inf, infinity, nan. */
const FLOAT = /^[+-]?((\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|inf|infinity|nan)$/i;

/**
 * Decodes one server -> client message (fields as on the wire, message id first) at
 * `serverVersion` with the field table: every rule whose condition holds reads one field, in
 * order, converted as IB's Python decoder converts it (an empty numeric field is 0, or unset for
 * SHOW_UNSET fields).
 * @throws LayoutError for an unknown message id, a message shorter than its layout (IB: "no more
 *   fields"), fields left over, a field IB's decoder could not convert (e.g. "Submitted" read as an
 *   int), or an unmodelled block reached.
 */
export function decodeWithTable(fields: readonly string[], serverVersion: number): TableDecoded {
  const id = Number(fields[0]);
  const layout = MESSAGE_LAYOUTS.get(id);
  if (layout === undefined) throw new LayoutError(`message id ${fields[0]} is not in the field table`);
  const reader = new Reader(fields, layout.name);
  reader.index = 1;
  let version = Infinity;
  const v = layout.version;
  if (v !== undefined) {
    const hasField = v.field === true || (v.fieldBelow !== undefined && serverVersion < v.fieldBelow);
    if (hasField) version = reader.read({ name: 'version', kind: 'int' }) as number;
    else version = v.otherwise === 'server' ? serverVersion : (v.otherwise ?? Infinity);
  }
  const positions: Record<string, number> = {};
  const values = readRules(reader, layout.fields, serverVersion, version, positions);
  if (reader.index < fields.length) {
    throw new LayoutError(`${layout.name} at server version ${serverVersion}: ${fields.length - reader.index} field(s) left over from field ${reader.index} (${JSON.stringify(fields.slice(reader.index))})`);
  }
  return { layout, version, values, positions };
}

function applies(rule: Condition, serverVersion: number, version: number, values: DecodedRecord): boolean {
  if (rule.from !== undefined && serverVersion < rule.from) return false;
  if (rule.until !== undefined && serverVersion >= rule.until) return false;
  if (rule.minVersion !== undefined && version < rule.minVersion) return false;
  return rule.when === undefined || rule.when(values);
}

function readRules(reader: Reader, rules: readonly LayoutRule[], serverVersion: number, version: number, positions?: Record<string, number>): DecodedRecord {
  const values: DecodedRecord = {};
  for (const rule of rules) {
    if (!applies(rule, serverVersion, version, values)) continue;
    if ('unmodelled' in rule) throw new LayoutError(`${reader.message} at server version ${serverVersion}: reached ${rule.unmodelled}, which the field table does not model`);
    if ('count' in rule) {
      const count = values[rule.count];
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) throw new LayoutError(`${reader.message}: count ${rule.count} is ${String(count)}`);
      const records: DecodedRecord[] = [];
      for (let i = 0; i < count; i++) records.push(readRules(reader, rule.fields, serverVersion, version));
      values[rule.name] = records;
      continue;
    }
    if (positions) positions[rule.name] = reader.index;
    values[rule.name] = reader.read(rule);
  }
  return values;
}

class Reader {
  index = 0;

  constructor(
    private readonly fields: readonly string[],
    readonly message: string,
  ) {}

  read(rule: Pick<FieldRule, 'name' | 'kind' | 'unset'>): FieldValue {
    if (this.index >= this.fields.length) throw new LayoutError(`${this.message}: no more fields for ${rule.name} (field ${this.index}; the message has ${this.fields.length})`);
    const text = this.fields[this.index]!;
    const at = this.index;
    this.index += 1;
    return convert(text, rule.kind, rule.unset === true, () => `${this.message}: field ${at} (${rule.name}, ${rule.kind}) is ${JSON.stringify(text)}`);
  }
}

function convert(text: string, kind: FieldKind, showUnset: boolean, where: () => string): FieldValue {
  if (kind === 'str') return text;
  if (text === '') return kind === 'decimal' || showUnset ? undefined : kind === 'bool' ? false : 0;
  if (kind === 'int' || kind === 'bool') {
    if (!INT.test(text)) throw new LayoutError(`${where()}: not an integer`);
    const n = Number.parseInt(text, 10);
    return kind === 'bool' ? n !== 0 : n;
  }
  if (!FLOAT.test(text)) throw new LayoutError(`${where()}: not a number`);
  const n = Number(text.toLowerCase().replace(/^([+-]?)inf(inity)?$/, '$1Infinity'));
  // Decimal's unset sentinels (IB decoder): Integer.MAX_VALUE, Long.MAX/MIN, Double.MAX_VALUE.
  if (kind === 'decimal' && (n === 2147483647 || Math.abs(n) >= 9.2e18)) return undefined;
  return n;
}
