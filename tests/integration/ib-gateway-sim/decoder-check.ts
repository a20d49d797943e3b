import { fieldText } from '../../ib-gateway-sim/framing';
import { decodeWithTable, LayoutError } from '../../ib-gateway-sim/layouts/table-decoder';
import type { DecodedRecord, FieldValue } from '../../ib-gateway-sim/layouts/rules';
import { decodeWithClient } from './client-decoder';
import type { SampleMessage } from './sim-messages';

/**
 * Two independent readings of one simulator message: the field table (IB's own decoder's gating)
 * and @stoqey/ib 1.6.10's Decoder, and where they disagree.
 */

/** A table value by path: record keys may contain dots ("contract.conId"); list indices are numbers. */
export function tableValue(values: DecodedRecord, path: string): unknown {
  const parts = path.split('.');
  let at: unknown = values;
  let i = 0;
  while (i < parts.length) {
    if (Array.isArray(at)) {
      at = at[Number(parts[i])];
      i += 1;
      continue;
    }
    const record = at as Record<string, FieldValue> | undefined;
    let j = parts.length;
    while (j > i && (record === undefined || !(parts.slice(i, j).join('.') in record))) j -= 1;
    if (j === i) return undefined;
    at = record![parts.slice(i, j).join('.')];
    i = j;
  }
  return at;
}

function clientValue(args: readonly unknown[], path: string): unknown {
  let at: unknown = args;
  for (const part of path.split('.')) {
    if (at === undefined || at === null) return undefined;
    at = at instanceof Map ? at.get(Number(part)) : (at as Record<string, unknown>)[part];
  }
  return at;
}

/**
 * The same value read two ways: unset markers (empty, 0, false, Double.MAX_VALUE, 2147483647) are
 * one value, and a numeric string equals its number (@stoqey/ib reads some IB strings as numbers).
 */
function normalized(value: unknown): unknown {
  if (value === undefined || value === null || value === '' || value === 0 || value === false) return null;
  if (value === Number.MAX_VALUE || value === 2147483647) return null;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return normalized(Number(value));
  return value;
}

/** What the table made of a sample, or the LayoutError text. */
export function tableReading(sample: SampleMessage, sv: number): { values: DecodedRecord } | { error: string } {
  try {
    return { values: decodeWithTable(sample.fields.map(fieldText), sv).values };
  } catch (error) {
    if (error instanceof LayoutError) return { error: error.message };
    throw error;
  }
}

/**
 * Where @stoqey/ib's reading of `sample` at `sv` differs from the table's: its own decode errors
 * (505: underrun, unprocessed data), a missing event, and every compared value that differs.
 * @throws Error when the table itself cannot read the sample (the simulator is wrong, not the client).
 */
export function clientDisagreements(sample: SampleMessage, sv: number): string[] {
  const table = tableReading(sample, sv);
  if ('error' in table) throw new Error(`the field table refuses the simulator's ${sample.name} at ${sv}: ${table.error}`);
  const decoded = decodeWithClient(sample.fields, sv);
  const out: string[] = decoded.errors.filter((e) => e.code === 505).map((e) => `505 ${e.message}`);
  if (sample.client === undefined) return out;
  const args =
    sample.client.event === 'error'
      ? decoded.errors.filter((e) => e.code !== 505).map((e) => [e.message, e.code, e.reqId])[0]
      : decoded.events.find((e) => e.name === sample.client!.event)?.args;
  if (args === undefined) return [...out, `no ${sample.client.event} event`];
  for (const [argPath, field] of sample.client.pairs) {
    const a = normalized(clientValue(args, argPath));
    const b = normalized(tableValue(table.values, field));
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${field}: @stoqey/ib ${JSON.stringify(a)}, IB ${JSON.stringify(b)}`);
  }
  return out;
}
