import type { GatewaySettings } from '../../shared';
import { RpcError, type RpcHandlers } from '../host';
import { InvalidGatewaySettingsError, type GatewaySettingsStore } from './gateway-settings-store';
import { SettingsChangeRefusedError } from './trading-cores';

/** The gateway settings methods (src/shared/rpc/contract.ts `gateway.settings.*`). */
export type GatewaySettingsHandlers = Pick<RpcHandlers, 'gateway.settings.get' | 'gateway.settings.set'>;

/**
 * Handlers of `gateway.settings.get` and `gateway.settings.set` over the store. Requests arrive
 * validated by the contract's schema and the interlock is the host's business (order-gate.ts gates
 * `gateway.settings.set`); a refusal by the store still answers BAD_REQUEST with its issues.
 * @param apply saves valid settings and applies them at once (TradingCores.apply: reconnects or
 *   changes the venue); its refusal answers CONFLICT with the sentence.
 */
export function createGatewaySettingsHandlers(store: GatewaySettingsStore, apply: (settings: GatewaySettings) => Promise<GatewaySettings>): GatewaySettingsHandlers {
  return {
    'gateway.settings.get': () => store.get(),
    'gateway.settings.set': async (settings) => {
      try {
        return await apply(store.parse(settings));
      } catch (error) {
        if (error instanceof InvalidGatewaySettingsError) throw new RpcError('BAD_REQUEST', error.message, error.issues);
        if (error instanceof SettingsChangeRefusedError) throw new RpcError('CONFLICT', error.message);
        throw error;
      }
    },
  };
}
