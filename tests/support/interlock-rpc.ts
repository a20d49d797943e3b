import { SoftAuthenticator } from './soft-authenticator';

/** One RPC call returning the method's result (throwing on an error frame). */
export type RpcCall = (method: string, params: unknown) => Promise<unknown>;

/**
 * Passes the interlock over raw RPC for headless tests and benchmarks that send orders without a
 * browser: registers a software ES256 authenticator (first run) and unlocks with it, so
 * `orders.submit` is accepted for the session's length (15 minutes in paper).
 * @param origin the terminal's origin, http://localhost:<port> (the relying party checks it).
 * @returns the authenticator, to unlock again later (`unlockOverRpc`).
 */
export async function registerAndUnlockOverRpc(call: RpcCall, origin: string): Promise<SoftAuthenticator> {
  const authenticator = new SoftAuthenticator(origin);
  const options = (await call('interlock.registration.options', {})) as { challenge: string };
  await call('interlock.registration.verify', { response: authenticator.register(options.challenge), label: 'Test software authenticator' });
  await unlockOverRpc(call, authenticator);
  return authenticator;
}

/** Opens a new interlock session with an already registered software authenticator. */
export async function unlockOverRpc(call: RpcCall, authenticator: SoftAuthenticator): Promise<void> {
  const options = (await call('interlock.authentication.options', {})) as { challenge: string };
  const status = (await call('interlock.authentication.verify', { response: authenticator.assert(options.challenge) })) as { verified: boolean };
  if (!status.verified) throw new Error('the interlock did not open a session');
}
