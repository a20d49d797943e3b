import { afterEach, describe, expect, it } from 'vitest';
import { CHALLENGE_TTL_MS, InterlockError, RelyingParty } from '../../../../src/main/security/webauthn';
import { createRig, ORIGIN } from './rig';
import { FLAGS, SoftAuthenticator } from '../../../support/soft-authenticator';

let rig: ReturnType<typeof createRig>;
afterEach(() => rig.close());

async function registered(authenticator = new SoftAuthenticator(ORIGIN)) {
  const options = await rig.rp.registrationOptions();
  await rig.rp.verifyRegistration(authenticator.register(options.challenge), 'Laptop');
  return authenticator;
}

describe('WebAuthn registration', () => {
  it('asks for a user-verifying authenticator of any attachment, resident key preferred, no attestation', async () => {
    rig = createRig();
    const options = await rig.rp.registrationOptions();
    expect(options.rp).toEqual({ name: 'Floor', id: 'localhost' });
    expect(options.authenticatorSelection).toEqual({ residentKey: 'preferred', requireResidentKey: false, userVerification: 'required' });
    expect(options.authenticatorSelection?.authenticatorAttachment).toBeUndefined();
    expect(options.hints).toEqual(['client-device', 'security-key']);
    expect(options.attestation).toBe('none');
    expect(options.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(options.pubKeyCredParams.map((p) => p.alg)).toEqual([-8, -7, -257]);
  });

  it('stores a verified credential with its public key, counter, transports and label', async () => {
    rig = createRig();
    const authenticator = await registered();
    const [stored] = rig.credentials.list();
    expect(stored).toMatchObject({ id: authenticator.credentialId, counter: 0, transports: ['internal'], label: 'Laptop', lastUsedAt: null, createdAt: rig.clock.ms * 1000 });
    expect(stored?.publicKey.length).toBeGreaterThan(60);
    expect(rig.events.events).toEqual([{ type: 'WEBAUTHN_CREDENTIAL_ADDED', details: { credentialId: authenticator.credentialId, label: 'Laptop', aaguid: '00000000-0000-0000-0000-000000000000' } }]);
  });

  it('excludes registered credentials so the same authenticator is not added twice, and allows a second one', async () => {
    rig = createRig();
    const first = await registered();
    const options = await rig.rp.registrationOptions();
    expect(options.excludeCredentials).toEqual([{ id: first.credentialId, type: 'public-key', transports: ['internal'] }]);
    await expect(rig.rp.verifyRegistration(first.register(options.challenge), 'Again')).rejects.toMatchObject({ code: 'CONFLICT' });
    await registered(new SoftAuthenticator(ORIGIN));
    expect(rig.credentials.count()).toBe(2);
  });

  it('refuses a registration made on another origin (another port) or for another rpID', async () => {
    rig = createRig();
    const authenticator = new SoftAuthenticator(ORIGIN);
    let options = await rig.rp.registrationOptions();
    await expect(rig.rp.verifyRegistration(authenticator.register(options.challenge, { origin: 'http://localhost:9999' }), 'x')).rejects.toThrow(/origin/);
    options = await rig.rp.registrationOptions();
    await expect(rig.rp.verifyRegistration(authenticator.register(options.challenge, { rpId: 'evil.example' }), 'x')).rejects.toThrow(/RP ID/i);
    expect(rig.credentials.count()).toBe(0);
  });

  it('refuses a registration in which the user was not verified (presence only)', async () => {
    rig = createRig();
    const options = await rig.rp.registrationOptions();
    const response = new SoftAuthenticator(ORIGIN).register(options.challenge, { flags: FLAGS.UP | FLAGS.AT });
    await expect(rig.rp.verifyRegistration(response, 'x')).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/verif/i) });
  });

  it('accepts each challenge once: a replayed registration response is refused', async () => {
    rig = createRig();
    const authenticator = new SoftAuthenticator(ORIGIN);
    const options = await rig.rp.registrationOptions();
    const response = authenticator.register(options.challenge);
    await rig.rp.verifyRegistration(response, 'Laptop');
    rig.db.prepare('DELETE FROM webauthn_credentials').run();
    await expect(rig.rp.verifyRegistration(response, 'Laptop')).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/challenge/i) });
  });

  it('refuses a challenge answered after it expired, and one the terminal never issued', async () => {
    rig = createRig();
    const authenticator = new SoftAuthenticator(ORIGIN);
    const options = await rig.rp.registrationOptions();
    rig.clock.ms += CHALLENGE_TTL_MS;
    await expect(rig.rp.verifyRegistration(authenticator.register(options.challenge), 'x')).rejects.toThrow(/challenge/i);
    await expect(rig.rp.verifyRegistration(authenticator.register('A'.repeat(43)), 'x')).rejects.toThrow(/challenge/i);
  });

  it('refuses an origin without the port, so the relying party cannot be built for the wrong origin', () => {
    rig = createRig();
    expect(() => new RelyingParty({ origin: 'http://localhost', credentials: rig.credentials, userId: new Uint8Array(32), events: rig.events, clock: { now: () => 0 } })).toThrow(/localhost:<port>/);
  });
});

describe('WebAuthn authentication', () => {
  it('verifies an assertion with user verification and stores the new counter and time of use', async () => {
    rig = createRig();
    const authenticator = await registered();
    const options = await rig.rp.authenticationOptions();
    expect(options.userVerification).toBe('required');
    expect(options.rpId).toBe('localhost');
    expect(options.allowCredentials?.map((c) => c.id)).toEqual([authenticator.credentialId]);
    rig.clock.ms += 5_000;
    const { credential, verifiedAt } = await rig.rp.verifyAuthentication(authenticator.assert(options.challenge));
    expect(verifiedAt).toBe(rig.clock.ms * 1000);
    expect(credential.counter).toBe(1);
    expect(rig.credentials.get(authenticator.credentialId)).toMatchObject({ counter: 1, lastUsedAt: verifiedAt });
  });

  it('refuses an assertion without user verification', async () => {
    rig = createRig();
    const authenticator = await registered();
    const options = await rig.rp.authenticationOptions();
    await expect(rig.rp.verifyAuthentication(authenticator.assert(options.challenge, { flags: FLAGS.UP }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/verif/i),
    });
  });

  it('refuses an assertion signed by a key other than the registered one', async () => {
    rig = createRig();
    const authenticator = await registered();
    const impostor = new SoftAuthenticator(ORIGIN);
    const options = await rig.rp.authenticationOptions();
    const forged = { ...impostor.assert(options.challenge), id: authenticator.credentialId, rawId: authenticator.credentialId };
    await expect(rig.rp.verifyAuthentication(forged)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(rig.credentials.get(authenticator.credentialId)?.lastUsedAt).toBeNull();
  });

  it('refuses an unregistered authenticator and burns the challenge it answered', async () => {
    rig = createRig();
    const authenticator = await registered();
    const stranger = new SoftAuthenticator(ORIGIN);
    const options = await rig.rp.authenticationOptions();
    await expect(rig.rp.verifyAuthentication(stranger.assert(options.challenge))).rejects.toThrow(/not registered/);
    await expect(rig.rp.verifyAuthentication(authenticator.assert(options.challenge))).rejects.toThrow(/challenge/i);
  });

  it('does not accept a registration challenge for an unlock', async () => {
    rig = createRig();
    const authenticator = await registered();
    const registration = await rig.rp.registrationOptions();
    await expect(rig.rp.verifyAuthentication(authenticator.assert(registration.challenge))).rejects.toThrow(/challenge/i);
  });

  it('refuses a replayed assertion', async () => {
    rig = createRig();
    const authenticator = await registered();
    const options = await rig.rp.authenticationOptions();
    const assertion = authenticator.assert(options.challenge);
    await rig.rp.verifyAuthentication(assertion);
    await expect(rig.rp.verifyAuthentication(assertion)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses a counter that went backwards, records a security event and keeps the stored counter', async () => {
    rig = createRig();
    const authenticator = await registered();
    for (let i = 0; i < 5; i++) await rig.rp.verifyAuthentication(authenticator.assert((await rig.rp.authenticationOptions()).challenge));
    expect(rig.credentials.get(authenticator.credentialId)?.counter).toBe(5);
    const clone = authenticator.assert((await rig.rp.authenticationOptions()).challenge, { counter: 3 });
    const refusal = rig.rp.verifyAuthentication(clone);
    await expect(refusal).rejects.toBeInstanceOf(InterlockError);
    await expect(refusal).rejects.toThrow(/counter 3, not above the stored 5; it may have been cloned/);
    expect(rig.events.events.at(-1)).toEqual({
      type: 'WEBAUTHN_COUNTER_REGRESSION',
      details: { credentialId: authenticator.credentialId, label: 'Laptop', storedCounter: 5, presentedCounter: 3 },
    });
    expect(rig.credentials.get(authenticator.credentialId)?.counter).toBe(5);
  });

  it('treats a repeated non-zero counter as a regression but accepts an authenticator that keeps no counter (always 0)', async () => {
    rig = createRig();
    const counting = await registered();
    await rig.rp.verifyAuthentication(counting.assert((await rig.rp.authenticationOptions()).challenge, { counter: 7 }));
    await expect(rig.rp.verifyAuthentication(counting.assert((await rig.rp.authenticationOptions()).challenge, { counter: 7 }))).rejects.toThrow(/cloned/);
    const counterless = await registered(new SoftAuthenticator(ORIGIN));
    for (let i = 0; i < 2; i++) await rig.rp.verifyAuthentication(counterless.assert((await rig.rp.authenticationOptions()).challenge, { counter: 0 }));
    expect(rig.events.events.filter((e) => e.type === 'WEBAUTHN_COUNTER_REGRESSION')).toHaveLength(1);
  });
});
