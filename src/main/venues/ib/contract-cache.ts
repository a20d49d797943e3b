import { EventName, type Contract, type ContractDetails } from '@stoqey/ib';
import type { InstrumentId } from '../../../shared';
import type { IbSession } from './ib-session';
import { stockContract } from './ib-order-mapping';
import { RequestIdSequence } from './order-ids';

/** A contract IB could not resolve (error 200, or no details before contractDetailsEnd). */
export class ContractNotFoundError extends Error {
  override readonly name = 'ContractNotFoundError';
}

/**
 * IB contracts of Floor's instruments, resolved once through reqContractDetails (conId, primary
 * exchange) and kept for the life of the terminal: a conId never changes for a listed stock, so
 * reconnects do not ask again. Concurrent asks for one instrument share one request.
 */
export class ContractCache {
  private readonly resolved = new Map<InstrumentId, Contract>();
  private readonly inFlight = new Map<InstrumentId, Promise<Contract>>();

  constructor(private readonly requestIds: RequestIdSequence) {}

  /** The resolved contract, or undefined before resolution. */
  get(instrumentId: InstrumentId): Contract | undefined {
    return this.resolved.get(instrumentId);
  }

  /**
   * Resolves `instrumentId` on `session` (a cached contract resolves at once).
   * @param timeoutMs how long to wait for the gateway's answer.
   * @rejects ContractNotFoundError when IB has no such stock (200), answers with nothing, or does not answer in time.
   */
  resolve(session: IbSession, instrumentId: InstrumentId, timeoutMs: number): Promise<Contract> {
    const cached = this.resolved.get(instrumentId);
    if (cached !== undefined) return Promise.resolve(cached);
    const running = this.inFlight.get(instrumentId);
    if (running !== undefined) return running;
    const reqId = this.requestIds.next();
    const request = new Promise<Contract>((resolve, reject) => {
      let found: Contract | undefined;
      let settled = false;
      const finish = (error?: Error): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.inFlight.delete(instrumentId);
        if (error !== undefined) reject(error);
        else if (found === undefined) reject(new ContractNotFoundError(`IB has no contract for ${instrumentId} (US stock, SMART, USD)`));
        else {
          this.resolved.set(instrumentId, found);
          resolve(found);
        }
      };
      const timer = setTimeout(() => finish(new ContractNotFoundError(`IB did not answer the contract request for ${instrumentId} within ${timeoutMs} ms`)), timeoutMs);
      session.on(EventName.contractDetails, ((id: number, details: ContractDetails) => {
        const conId = details.contract?.conId;
        if (id === reqId && found === undefined && conId !== undefined) found = stockContract(instrumentId, { conId, primaryExch: details.contract.primaryExch });
      }) as never);
      session.on(EventName.contractDetailsEnd, ((id: number) => {
        if (id === reqId) finish();
      }) as never);
      session.onCode((code) => {
        if (code.id === reqId && code.info.action === 'REQUEST_FAILED') finish(new ContractNotFoundError(`IB could not resolve ${instrumentId}: ${code.message} (IB ${code.info.code})`));
      });
      session.onClosed(() => finish(new ContractNotFoundError(`the gateway session closed before ${instrumentId} was resolved`)));
      session.send((api) => api.reqContractDetails(reqId, stockContract(instrumentId)));
    });
    this.inFlight.set(instrumentId, request);
    return request;
  }
}
