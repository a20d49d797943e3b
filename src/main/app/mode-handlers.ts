import type { TerminalStatus } from '../../shared';
import { RpcError, type RpcHandlers } from '../host';
import { asInterlockRpcError } from './interlock-handlers';
import { ModeSwitchRefusedError, type TradingModeController } from './trading-mode';

/** The paper / live methods (src/shared/rpc/contract.ts `mode.*`). */
export type ModeHandlers = Pick<RpcHandlers, 'mode.liveCheck' | 'mode.switch'>;

/**
 * Handlers of `mode.liveCheck` and `mode.switch` over the mode controller. A guard's refusal
 * answers CONFLICT with its sentence; a fresh check that does not verify FORBIDDEN (the interlock's
 * mapping). The switch to live is not behind the host's interlock gate: it carries its own, fresher
 * check; the switch to paper needs none (it only reduces risk).
 * @param status the terminal status after a switch.
 */
export function createModeHandlers(modes: TradingModeController, status: () => TerminalStatus): ModeHandlers {
  return {
    'mode.liveCheck': ({ accountId }) => modes.liveCheck(accountId),
    'mode.switch': async (request) => {
      try {
        if (request.to === 'LIVE') await modes.goLive(request.accountId, request.response);
        else modes.goPaper();
      } catch (error) {
        if (error instanceof ModeSwitchRefusedError) throw new RpcError('CONFLICT', error.message);
        throw asInterlockRpcError(error);
      }
      return status();
    },
  };
}
