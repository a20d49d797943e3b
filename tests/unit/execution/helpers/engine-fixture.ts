import { ExecutionEngine, type ExecutionEngineOptions } from '../../../../src/main/execution';
import type { Ledger } from '../../../../src/main/ledger';
import type { Instrument, PriceMicros } from '../../../../src/shared';
import { ScriptedVenue } from './scripted-venue';

export const GOOG: Instrument = { instrumentId: 'GOOG', venue: 'NASDAQ', tickSize: 10_000, currency: 'USD' };

/** Everything an engine test needs, with a deterministic clock and captured logs. */
export interface EngineFixture {
  readonly engine: ExecutionEngine;
  readonly venue: ScriptedVenue;
  readonly marks: Map<string, PriceMicros>;
  readonly warnings: string[];
  readonly errors: string[];
}

/** Builds an engine on `ledger` with a scripted venue, GOOG as the only instrument, and a clock that ticks 1 µs per read. */
export function engineOn(ledger: Ledger, overrides: Partial<ExecutionEngineOptions> = {}, venue = new ScriptedVenue()): EngineFixture {
  const marks = new Map<string, PriceMicros>();
  const warnings: string[] = [];
  const errors: string[] = [];
  let now = 1_700_000_000_000_000;
  const engine = new ExecutionEngine({
    ledger,
    venue,
    instruments: (id) => (id === 'GOOG' ? GOOG : undefined),
    marks: (id) => marks.get(id) ?? null,
    clock: { now: () => (now += 1) },
    logger: { warn: (m) => warnings.push(m), error: (m) => errors.push(m) },
    ...overrides,
  });
  return { engine, venue, marks, warnings, errors };
}

/** A DAY LIMIT ticket for GOOG at `price` micro-dollars. */
export function limitTicket(side: 'BUY' | 'SELL', quantity: number, price: number) {
  return { instrumentId: 'GOOG', side, quantity, orderType: 'LIMIT' as const, timeInForce: 'DAY' as const, limitPrice: price };
}
