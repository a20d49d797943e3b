import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SESSION_DURATIONS, FRESH_CHECK_MICROS, saveSessionDurations } from '../../../../src/main/security/interlock';
import { ORIGIN } from '../webauthn/rig';
import { SoftAuthenticator } from '../../../support/soft-authenticator';
import { createInterlockRig } from './interlock-rig';

const MINUTE_MS = 60_000;

let rig: ReturnType<typeof createInterlockRig>;
afterEach(() => {
  rig.interlock.dispose();
  rig.close();
});

describe('interlock sessions', () => {
  it('starts locked on first run and the gate says to register an authenticator', async () => {
    rig = createInterlockRig();
    expect(rig.interlock.status()).toEqual({ registered: 0, verified: false, expiresAt: null, reason: null, automationArmedUntil: null });
    expect(() => rig.gate.assertLive('orders.submit')).toThrow(/orders.submit needs the interlock: register an authenticator/);
    await expect(rig.interlock.authenticationOptions()).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('stays locked after registration until the trader unlocks, then opens a 15-minute paper session', async () => {
    rig = createInterlockRig();
    const authenticator = await rig.register();
    expect(rig.interlock.status()).toMatchObject({ registered: 1, verified: false });
    expect(() => rig.gate.assertLive('orders.submit')).toThrow(/orders.submit refused: no interlock session is live; unlock/);
    const status = await rig.unlock(authenticator);
    expect(status).toEqual({ registered: 1, verified: true, expiresAt: (rig.clock.ms + 15 * MINUTE_MS) * 1000, reason: null, automationArmedUntil: null });
    expect(() => rig.gate.assertLive('orders.submit')).not.toThrow();
  });

  it('expires the session on time and announces the expiry', async () => {
    rig = createInterlockRig();
    const authenticator = await rig.register();
    await rig.unlock(authenticator);
    rig.advance(15 * MINUTE_MS - 1);
    expect(rig.interlock.isVerified()).toBe(true);
    rig.advance(1);
    expect(rig.interlock.isVerified()).toBe(false);
    expect(rig.statuses.at(-1)).toEqual({ registered: 1, verified: false, expiresAt: null, reason: null, automationArmedUntil: null });
    expect(() => rig.gate.assertLive('approvals.approve')).toThrow(/approvals.approve refused/);
  });

  it('opens a 5-minute session in live mode and honours the configured lengths', async () => {
    rig = createInterlockRig();
    expect(DEFAULT_SESSION_DURATIONS).toEqual({ paper: 15, live: 5 });
    const authenticator = await rig.register();
    rig.state.mode = 'LIVE';
    expect((await rig.unlock(authenticator)).expiresAt).toBe((rig.clock.ms + 5 * MINUTE_MS) * 1000);
    saveSessionDurations(rig.settings, { paper: 30, live: 2 }, 0);
    expect((await rig.unlock(authenticator)).expiresAt).toBe((rig.clock.ms + 2 * MINUTE_MS) * 1000);
    rig.state.mode = 'PAPER';
    expect((await rig.unlock(authenticator)).expiresAt).toBe((rig.clock.ms + 30 * MINUTE_MS) * 1000);
    expect(() => saveSessionDurations(rig.settings, { paper: 0, live: 600 }, 0)).toThrow(/paper: the paper session must last at least 1 minute; live: the live session may last at most 480 minutes/);
  });

  it('requires verification again on a switch to live, and says why', async () => {
    rig = createInterlockRig();
    const authenticator = await rig.register();
    await rig.unlock(authenticator);
    rig.interlock.requireReverification('the terminal switched to LIVE');
    expect(rig.interlock.status()).toEqual({ registered: 1, verified: false, expiresAt: null, reason: 'the terminal switched to LIVE', automationArmedUntil: null });
    expect(rig.statuses.at(-1)?.verified).toBe(false);
    expect(() => rig.gate.assertLive('orders.submit')).toThrow('orders.submit refused: the interlock session ended because the terminal switched to LIVE; unlock with your authenticator to send orders');
    rig.advance(1_000);
    expect((await rig.unlock(authenticator)).verified).toBe(true);
    expect(rig.interlock.verifiedSince()).toBe(rig.clock.ms * 1000);
    expect(rig.interlock.status().reason).toBeNull();
  });

  it('after a HALT lets the session send orders but allows a resume only with a check younger than the halt', async () => {
    rig = createInterlockRig();
    const authenticator = await rig.register();
    expect(() => rig.gate.assertMayResume('risk.resume')).toThrow(/no interlock session is live/);
    await rig.unlock(authenticator);
    expect(() => rig.gate.assertMayResume('risk.resume')).not.toThrow();
    rig.advance(1_000);
    rig.interlock.recordHalt();
    expect(rig.interlock.status()).toMatchObject({ verified: true, reason: 'resuming after the HALT needs a check made after it' });
    expect(() => rig.gate.assertLive('orders.submit')).not.toThrow();
    expect(() => rig.gate.assertMayResume('risk.resume')).toThrow(/risk.resume refused: resuming after the HALT needs a check made after it/);
    rig.advance(1_000);
    await rig.unlock(authenticator);
    expect(() => rig.gate.assertMayResume('risk.resume')).not.toThrow();
    expect(rig.interlock.status().reason).toBeNull();
  });
});

describe('authenticator management', () => {
  it('lets anyone register the first authenticator but a second one only while unlocked', async () => {
    rig = createInterlockRig();
    const first = await rig.register();
    await expect(rig.interlock.registrationOptions()).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/unlock with a registered authenticator first/) });
    await rig.unlock(first);
    await rig.register(new SoftAuthenticator(ORIGIN), 'YubiKey');
    expect(rig.interlock.listCredentials().map((c) => c.label)).toEqual(['Laptop', 'YubiKey']);
    await expect(rig.register(new SoftAuthenticator(ORIGIN), ' '.repeat(3))).rejects.toThrow(/name is empty/);
  });

  it('removes an authenticator only within 60 s of a check, never the last one, and records the removal', async () => {
    rig = createInterlockRig();
    const laptop = await rig.register();
    await rig.unlock(laptop);
    const key = await rig.register(new SoftAuthenticator(ORIGIN), 'YubiKey');
    rig.advance(FRESH_CHECK_MICROS / 1000 + 1);
    expect(() => rig.interlock.removeCredential(key.credentialId)).toThrow(/needs a fresh check/);
    await rig.unlock(laptop);
    expect(() => rig.interlock.removeCredential('nope')).toThrow(/no registered authenticator has id nope/);
    expect(rig.interlock.removeCredential(key.credentialId).map((c) => c.label)).toEqual(['Laptop']);
    expect(rig.events.events.at(-1)).toEqual({ type: 'WEBAUTHN_CREDENTIAL_REMOVED', details: { credentialId: key.credentialId } });
    expect(() => rig.interlock.removeCredential(laptop.credentialId)).toThrow(/last authenticator cannot be removed/);
    expect(rig.interlock.status()).toMatchObject({ registered: 1, verified: true });
  });

  it('ends the session when the authenticator that opened it is removed', async () => {
    rig = createInterlockRig();
    const laptop = await rig.register();
    await rig.unlock(laptop);
    const key = await rig.register(new SoftAuthenticator(ORIGIN), 'YubiKey');
    await rig.unlock(key);
    rig.interlock.removeCredential(key.credentialId);
    expect(rig.interlock.status()).toMatchObject({ verified: false, reason: 'the authenticator that unlocked this session was removed' });
  });
});
