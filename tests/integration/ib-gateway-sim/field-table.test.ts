import { describe, expect, it } from 'vitest';
import { fieldText } from '../../ib-gateway-sim/framing';
import { MESSAGE_LAYOUTS } from '../../ib-gateway-sim/layouts/message-layouts';
import { decodeWithTable, LayoutError } from '../../ib-gateway-sim/layouts/table-decoder';
import { openOrder } from '../../ib-gateway-sim/messages/out-order';
import { MSG } from '../../ib-gateway-sim/protocol';
import { MIN_IB_SERVER_VERSION } from '../../../src/main/venues/ib/server-version';
import { clientDisagreements, tableReading, tableValue } from './decoder-check';
import { sampleMessages, sampleOrder } from './sim-messages';

/**
 * Every message the simulator sends, encoded at every server version 100..193 and read twice: by
 * the field table (IB's own client decoder's gating, tests/ib-gateway-sim/layouts) and by
 * @stoqey/ib 1.6.10's Decoder. The table must read every message whole with the values meant;
 * where @stoqey/ib reads differently is listed exactly, and Floor's server-version gate is where
 * it stops misreading anything Floor reads.
 */
const ALL_VERSIONS = Array.from({ length: 94 }, (_, i) => 100 + i);

describe('the field table: simulator messages as IB\'s own decoder reads them', () => {
  it('has a layout for every message id the simulator can send, and a sample of each', () => {
    const ids = new Set(Object.values(MSG));
    expect([...ids].filter((id) => !MESSAGE_LAYOUTS.has(id))).toEqual([]);
    const sampled = new Set(sampleMessages(193).map((s) => s.name));
    expect([...MESSAGE_LAYOUTS.values()].map((l) => l.name).filter((name) => !sampled.has(name))).toEqual([]);
  });

  it('reads every simulator message whole at every server version 100..193, with the values the simulator meant', () => {
    let checked = 0;
    for (const sv of ALL_VERSIONS) {
      for (const sample of sampleMessages(sv)) {
        const reading = tableReading(sample, sv);
        if ('error' in reading) throw new Error(`${sample.name} at ${sv}: ${reading.error}`);
        for (const [field, value] of Object.entries(sample.expected)) {
          expect(tableValue(reading.values, field), `${sample.name}.${field} at ${sv}`).toEqual(value);
        }
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(94 * 40);
  });

  it('refuses a field too many, a field too few, and the old openOrder without modelCode at 140 (where IB\'s client crashed)', () => {
    const fields = openOrder(sampleOrder(), 193).map(fieldText);
    expect(() => decodeWithTable([...fields, ''], 193)).toThrow(/left over/);
    expect(() => decodeWithTable(fields.slice(0, -1), 193)).toThrow(/no more fields/);
    const at140 = openOrder(sampleOrder(), 140).map(fieldText);
    const modelCodeAt = decodeWithTable(at140, 140).positions.modelCode!;
    const old = [...at140.slice(0, modelCodeAt), ...at140.slice(modelCodeAt + 1)];
    expect(() => decodeWithTable(old, 140)).toThrow(LayoutError);
    expect(() => decodeWithTable(old, 140)).toThrow(/"Submitted".*not an integer/);
  });
});

describe('@stoqey/ib 1.6.10 beside the field table', () => {
  /** Message name -> server versions at which @stoqey/ib reads it differently from IB's decoder. */
  function disagreementMap(floorReadsOnly: boolean): Map<string, number[]> {
    const map = new Map<string, number[]>();
    for (const sv of ALL_VERSIONS) {
      for (const sample of sampleMessages(sv)) {
        if (floorReadsOnly && !sample.floorReads) continue;
        if (clientDisagreements(sample, sv).length === 0) continue;
        map.set(sample.name, [...(map.get(sample.name) ?? []), sv]);
      }
    }
    return map;
  }
  const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  it('misreads exactly openOrder at 103..144, completedOrder at 150..176 (both dropped) and tickReqParams.minTick everywhere', () => {
    expect(Object.fromEntries(disagreementMap(false))).toEqual({
      openOrder: range(103, 144),
      completedOrder: range(150, 176),
      tickReqParams: ALL_VERSIONS,
    });
    // Shifted by the field it skips, the client runs off the end of the message and drops it: reconciliation would never see the order.
    expect(clientDisagreements(sampleMessages(140).find((s) => s.name === 'openOrder')!, 140)).toEqual([expect.stringMatching(/^505 Underrun error on OPEN_ORDER/), 'no openOrder event']);
    expect(clientDisagreements(sampleMessages(160).find((s) => s.name === 'completedOrder')!, 160)).toEqual([expect.stringMatching(/^505 Underrun error on COMPLETED_ORDER/), 'no completedOrder event']);
    expect(clientDisagreements(sampleMessages(193).find((s) => s.name === 'tickReqParams')!, 193)).toEqual(['minTick: @stoqey/ib null, IB 0.01']);
  });

  it(`agrees on every field Floor reads from ${MIN_IB_SERVER_VERSION} (the adapter's minimum) up, and not at ${MIN_IB_SERVER_VERSION - 1}`, () => {
    const wrong = [...disagreementMap(true).values()].flat();
    expect(wrong.filter((sv) => sv >= MIN_IB_SERVER_VERSION)).toEqual([]);
    expect(Math.max(...wrong)).toBe(MIN_IB_SERVER_VERSION - 1);
  });
});
