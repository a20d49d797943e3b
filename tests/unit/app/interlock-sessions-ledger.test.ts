import { describe, expect, it } from 'vitest';
import { recordInterlockSessions } from '../../../src/main/app/interlock-sessions-ledger';
import { Emitter, type InterlockStatus } from '../../../src/shared';

const locked: InterlockStatus = { registered: 1, verified: false, expiresAt: null, reason: null, automationArmedUntil: null };

function setup(start: InterlockStatus = locked) {
  const emitter = new Emitter<InterlockStatus>();
  let current = start;
  const facts: { type: string; payload: unknown }[] = [];
  const errors: unknown[] = [];
  const subscription = recordInterlockSessions(
    { status: () => current, onDidChangeStatus: emitter.event },
    { recordFact: (type, payload) => (facts.push({ type, payload }), undefined) },
    { now: () => 42 },
    (error) => errors.push(error),
  );
  const change = (status: InterlockStatus) => {
    current = status;
    emitter.fire(status);
  };
  return { facts, errors, change, subscription };
}

describe('interlock sessions in the signed ledger', () => {
  it('records each unlock with its expiry and each lock with its reason, and nothing for pushes that change neither', () => {
    const { facts, change } = setup();
    change({ ...locked, registered: 2 });
    change({ registered: 2, verified: true, expiresAt: 900, reason: null, automationArmedUntil: null });
    change({ registered: 3, verified: true, expiresAt: 900, reason: null, automationArmedUntil: null });
    change({ registered: 3, verified: false, expiresAt: null, reason: 'trading was HALTED', automationArmedUntil: null });
    expect(facts).toEqual([
      { type: 'security.event', payload: { event: 'INTERLOCK_VERIFIED', details: { expiresAt: 900 }, tsEvent: 42 } },
      { type: 'security.event', payload: { event: 'INTERLOCK_LOCKED', details: { reason: 'trading was HALTED' }, tsEvent: 42 } },
    ]);
  });

  it('reports a failed write instead of throwing into the interlock', () => {
    const emitter = new Emitter<InterlockStatus>();
    const errors: unknown[] = [];
    recordInterlockSessions(
      { status: () => locked, onDidChangeStatus: emitter.event },
      {
        recordFact: () => {
          throw new Error('database is locked');
        },
      },
      { now: () => 1 },
      (error) => errors.push(error),
    );
    expect(() => emitter.fire({ ...locked, verified: true, expiresAt: 5 })).not.toThrow();
    expect(errors).toHaveLength(1);
  });
});
