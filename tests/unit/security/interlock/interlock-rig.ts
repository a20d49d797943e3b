import { SettingsRepository } from '../../../../src/main/ledger';
import { Interlock, InterlockGate, loadSessionDurations, type InterlockMode } from '../../../../src/main/security/interlock';
import type { InterlockStatus } from '../../../../src/shared/rpc/interlock';
import { createRig, ORIGIN } from '../webauthn/rig';
import { SoftAuthenticator } from '../../../support/soft-authenticator';

/**
 * An Interlock over the relying-party rig (in-memory ledger, hand-driven clock in ms) with fake
 * timers that `advance` runs when they come due, every status it fired, and register / unlock /
 * assertion helpers driving a software authenticator.
 */
export function createInterlockRig() {
  const rig = createRig();
  const settings = new SettingsRepository(rig.db);
  const timers: { fn: () => void; dueMs: number }[] = [];
  const state = { mode: 'PAPER' as InterlockMode };
  const interlock = new Interlock({
    relyingParty: rig.rp,
    credentials: rig.credentials,
    events: rig.events,
    clock: { now: () => rig.clock.ms * 1000 },
    mode: () => state.mode,
    durations: () => loadSessionDurations(settings),
    timers: {
      setTimeout: (fn, ms) => {
        const timer = { fn, dueMs: rig.clock.ms + ms };
        timers.push(timer);
        return timer;
      },
      clearTimeout: (handle) => {
        const index = timers.indexOf(handle as (typeof timers)[number]);
        if (index >= 0) timers.splice(index, 1);
      },
    },
  });
  const statuses: InterlockStatus[] = [];
  interlock.onDidChangeStatus((status) => statuses.push(status));
  /** Moves the clock and runs the timers that came due. */
  const advance = (ms: number): void => {
    rig.clock.ms += ms;
    for (const timer of timers.filter((t) => t.dueMs <= rig.clock.ms)) {
      timers.splice(timers.indexOf(timer), 1);
      timer.fn();
    }
  };
  const register = async (authenticator = new SoftAuthenticator(ORIGIN), label = 'Laptop') => {
    const options = await interlock.registrationOptions();
    await interlock.verifyRegistration(authenticator.register(options.challenge), label);
    return authenticator;
  };
  const unlock = async (authenticator: SoftAuthenticator) => {
    const options = await interlock.authenticationOptions();
    return interlock.verifyAuthentication(authenticator.assert(options.challenge));
  };
  /** An assertion over a challenge the interlock just issued (for arming, or a fresh check). */
  const assertion = async (authenticator: SoftAuthenticator) => authenticator.assert((await interlock.authenticationOptions()).challenge);
  return { ...rig, settings, interlock, gate: new InterlockGate(interlock), state, statuses, advance, register, unlock, assertion, pendingTimers: () => timers.length };
}
