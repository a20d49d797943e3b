import { afterEach, describe, expect, it } from 'vitest';
import { InterlockError } from '../../../../src/main/security/webauthn';
import { createInterlockRig } from './interlock-rig';

// Arming automation (issue 10: one WebAuthn check lets API and algo orders through until a set
// time) and the fresh check of the switch to live (issue 9), on a hand-driven clock and fake timers.

const MINUTE_MS = 60_000;
let rig: ReturnType<typeof createInterlockRig>;
afterEach(() => {
  rig.interlock.dispose();
  rig.close();
});

const minutesFromNow = (minutes: number) => (rig.clock.ms + minutes * MINUTE_MS) * 1000;

describe('arming automation', () => {
  it('arms with one verified check until the given time, recorded with the credential, without opening the trader\'s session', async () => {
    rig = createInterlockRig();
    const authenticator = await rig.register();
    const until = minutesFromNow(60);
    const status = await rig.interlock.armAutomation(await rig.assertion(authenticator), until);
    expect(status).toMatchObject({ verified: false, automationArmedUntil: until });
    expect(rig.interlock.automationArmed()).toBe(true);
    expect(rig.statuses.at(-1)?.automationArmedUntil).toBe(until);
    expect(rig.events.events.filter((e) => e.type === 'AUTOMATION_ARMED')).toEqual([{ type: 'AUTOMATION_ARMED', details: { until, credentialId: authenticator.credentialId } }]);
  });

  it('ends by itself when the time comes: the status says so at that moment', async () => {
    rig = createInterlockRig();
    const authenticator = await rig.register();
    await rig.interlock.armAutomation(await rig.assertion(authenticator), minutesFromNow(30));
    const seen = rig.statuses.length;
    rig.advance(30 * MINUTE_MS - 1);
    expect(rig.interlock.automationArmed(), 'one ms before').toBe(true);
    expect(rig.statuses).toHaveLength(seen);
    rig.advance(1);
    expect(rig.interlock.automationArmed()).toBe(false);
    expect(rig.statuses.at(-1)?.automationArmedUntil).toBeNull();
    expect(rig.pendingTimers()).toBe(0);
  });

  it('disarms at once with the reason recorded; disarming when not armed records nothing', async () => {
    rig = createInterlockRig();
    const authenticator = await rig.register();
    await rig.interlock.armAutomation(await rig.assertion(authenticator), minutesFromNow(60));
    expect(rig.interlock.disarmAutomation('trading was halted (kill switch)').automationArmedUntil).toBeNull();
    expect(rig.interlock.automationArmed()).toBe(false);
    expect(rig.pendingTimers(), 'its end timer is gone').toBe(0);
    rig.interlock.disarmAutomation('disarmed by the trader');
    expect(rig.events.events.filter((e) => e.type === 'AUTOMATION_DISARMED')).toEqual([{ type: 'AUTOMATION_DISARMED', details: { reason: 'trading was halted (kill switch)' } }]);
  });

  it('re-arming moves the end: the first arming\'s timer does not end the second', async () => {
    rig = createInterlockRig();
    const authenticator = await rig.register();
    await rig.interlock.armAutomation(await rig.assertion(authenticator), minutesFromNow(10));
    await rig.interlock.armAutomation(await rig.assertion(authenticator), minutesFromNow(20));
    rig.advance(10 * MINUTE_MS);
    expect(rig.interlock.automationArmed()).toBe(true);
    rig.advance(10 * MINUTE_MS);
    expect(rig.interlock.automationArmed()).toBe(false);
  });

  it('refuses an assertion that does not verify, and a span already over, arming nothing', async () => {
    rig = createInterlockRig();
    const authenticator = await rig.register();
    const spent = await rig.assertion(authenticator);
    await rig.interlock.armAutomation(spent, minutesFromNow(5));
    rig.interlock.disarmAutomation('test');
    await expect(rig.interlock.armAutomation(spent, minutesFromNow(5))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(rig.interlock.armAutomation(await rig.assertion(authenticator), rig.clock.ms * 1000)).rejects.toThrow(
      new InterlockError('CONFLICT', 'the span to arm automation for is already over (the session has closed): set a span in minutes in the risk profile to arm outside the session'),
    );
    expect(rig.interlock.automationArmed()).toBe(false);
  });
});

describe('the fresh check of the switch to live', () => {
  it('verifies an assertion made for it while a session runs, and opens a session of the live length', async () => {
    rig = createInterlockRig();
    const authenticator = await rig.register();
    await rig.unlock(authenticator);
    rig.advance(MINUTE_MS);
    const { credentialId, status } = await rig.interlock.verifyFreshCheck(await rig.assertion(authenticator), 'LIVE');
    expect(credentialId).toBe(authenticator.credentialId);
    expect(status).toMatchObject({ verified: true, expiresAt: minutesFromNow(5) });
  });

  it('refuses a replayed assertion: the running session does not stand in for it', async () => {
    rig = createInterlockRig();
    const authenticator = await rig.register();
    const options = await rig.interlock.authenticationOptions();
    const used = authenticator.assert(options.challenge);
    await rig.interlock.verifyAuthentication(used);
    await expect(rig.interlock.verifyFreshCheck(used, 'LIVE')).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/^authentication refused/) });
    expect(rig.interlock.status().expiresAt, 'the paper session stands').toBe(minutesFromNow(15));
  });
});
