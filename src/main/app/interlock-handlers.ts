import type { UnixMicros } from '../../shared';
import { RpcError, type RpcHandlers } from '../host';
import { InterlockError } from '../security/webauthn';
import type { Interlock } from '../security/interlock';

/** The interlock's RPC methods (src/shared/rpc/contract.ts `interlock.*`). */
export type InterlockHandlers = Pick<
  RpcHandlers,
  | 'interlock.status'
  | 'interlock.registration.options'
  | 'interlock.registration.verify'
  | 'interlock.authentication.options'
  | 'interlock.authentication.verify'
  | 'interlock.credentials.list'
  | 'interlock.credentials.remove'
  | 'interlock.automation.arm'
  | 'interlock.automation.disarm'
>;

/**
 * Maps the interlock's refusals to RPC errors: InterlockError keeps its code (FORBIDDEN, NOT_FOUND,
 * CONFLICT) and sentence; a TypeError (a bad label) becomes BAD_REQUEST. Anything else stays an
 * internal error, logged by the dispatcher.
 */
export function asInterlockRpcError(error: unknown): unknown {
  if (error instanceof InterlockError) return new RpcError(error.code, error.message);
  if (error instanceof TypeError) return new RpcError('BAD_REQUEST', error.message);
  return error;
}

async function mapped<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asInterlockRpcError(error);
  }
}

/**
 * Handlers of the interlock methods over `interlock()`; the accessor exists because the relying
 * party needs the host's origin (its port), known only once the host that serves these handlers is bound.
 * @param automationArmUntil when an arming made now ends, Unix µs (automationArmUntil in automation-span.ts).
 */
export function createInterlockHandlers(interlock: () => Interlock, automationArmUntil: () => UnixMicros): InterlockHandlers {
  return {
    'interlock.status': () => interlock().status(),
    'interlock.registration.options': () => mapped(() => interlock().registrationOptions()),
    'interlock.registration.verify': ({ response, label }) =>
      mapped(async () => {
        const credential = await interlock().verifyRegistration(response, label);
        return { credential, status: interlock().status() };
      }),
    'interlock.authentication.options': () => mapped(() => interlock().authenticationOptions()),
    'interlock.authentication.verify': ({ response }) => mapped(() => interlock().verifyAuthentication(response)),
    'interlock.automation.arm': ({ response }) => mapped(() => interlock().armAutomation(response, automationArmUntil())),
    'interlock.automation.disarm': () => interlock().disarmAutomation('disarmed by the trader'),
    'interlock.credentials.list': () => ({ credentials: interlock().listCredentials() }),
    'interlock.credentials.remove': ({ credentialId }) =>
      mapped(() => ({ credentials: interlock().removeCredential(credentialId), status: interlock().status() })),
  };
}
