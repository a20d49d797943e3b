import { RpcError, type RpcHandlers } from '../host';
import { InvalidGatewaySettingsError, type GatewaySettingsStore } from './gateway-settings-store';

/** The gateway settings methods (src/shared/rpc/contract.ts `gateway.settings.*`). */
export type GatewaySettingsHandlers = Pick<RpcHandlers, 'gateway.settings.get' | 'gateway.settings.set'>;

/**
 * Handlers of `gateway.settings.get` and `gateway.settings.set` over the store. Requests arrive
 * validated by the contract's schema and the interlock is the host's business (order-gate.ts gates
 * `gateway.settings.set`); a refusal by the store still answers BAD_REQUEST with its issues.
 */
export function createGatewaySettingsHandlers(store: GatewaySettingsStore): GatewaySettingsHandlers {
  return {
    'gateway.settings.get': () => store.get(),
    'gateway.settings.set': (settings) => {
      try {
        return store.set(settings);
      } catch (error) {
        if (error instanceof InvalidGatewaySettingsError) throw new RpcError('BAD_REQUEST', error.message, error.issues);
        throw error;
      }
    },
  };
}
