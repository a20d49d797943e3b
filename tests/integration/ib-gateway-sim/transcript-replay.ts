import type { OrderStatus, OrderType, TimeInForce } from '../../../src/shared';
import { dollarsToMicros } from '../../../src/shared';
import type { Transcript } from '../../../src/main/cli/ib-transcript';
import { parseReqContractDetails, type PlaceOrder } from '../../ib-gateway-sim/messages/in-requests';
import { REQ } from '../../ib-gateway-sim/protocol';
import { transcriptOutcome, type TranscriptOutcome } from '../../ib-gateway-sim/transcript/outcome';
import { TranscriptGateway } from '../../ib-gateway-sim/transcript/replay-gateway';
import { until, venueRig, type VenueRig } from '../ib-venue/venue-rig';

/**
 * Replays a transcript to Floor's adapter (an engine on IbVenue on a TranscriptGateway), doing what
 * the recorded trader did when the replay reaches it, and reports what the adapter reached beside
 * what the transcript says it should.
 */

const ORDER_TYPES: Readonly<Record<string, OrderType>> = { LMT: 'LIMIT', MKT: 'MARKET', STP: 'STOP_MARKET', 'STP LMT': 'STOP_LIMIT' };
const TIFS: Readonly<Record<string, TimeInForce>> = { '': 'DAY', DAY: 'DAY', GTC: 'GTC', IOC: 'IOC', FOK: 'FOK' };

/** What the adapter reached, in the transcript's terms (recorded orderRefs, execIds, shares, micro-dollars). */
export interface ReplayResult {
  readonly expected: TranscriptOutcome;
  readonly orders: ReadonlyMap<string, OrderStatus | undefined>;
  readonly fills: ReadonlyMap<string, { readonly orderRef: string | undefined; readonly shares: number; readonly price: number }>;
  readonly ibPositions: ReadonlyMap<string, number>;
  readonly floorPositions: ReadonlyMap<string, number>;
  readonly mismatches: readonly string[];
  readonly unreadable: readonly string[];
}

function ticketFor(order: PlaceOrder) {
  const orderType = ORDER_TYPES[order.orderType];
  const timeInForce = TIFS[order.tif];
  if (orderType === undefined || timeInForce === undefined) throw new Error(`the transcript places a ${order.orderType} ${order.tif} order, which this replay cannot enter`);
  return {
    instrumentId: order.contract.symbol,
    side: order.action === 'SELL' ? ('SELL' as const) : ('BUY' as const),
    quantity: order.totalQuantity,
    orderType,
    timeInForce,
    ...(order.lmtPrice === undefined ? {} : { limitPrice: dollarsToMicros(order.lmtPrice) }),
    ...(order.auxPrice === undefined || orderType === 'LIMIT' ? {} : { stopPrice: dollarsToMicros(order.auxPrice) }),
  };
}

/** The stocks the recorded client asked contract details for or traded. */
function recordedSymbols(transcript: Transcript): string[] {
  const symbols = new Set<string>();
  for (const e of transcript.events) {
    if (e.type !== 'frame' || e.dir !== 'toGateway') continue;
    if (e.fields[0] === String(REQ.REQ_CONTRACT_DATA)) symbols.add(parseReqContractDetails(e.fields).contract.symbol);
  }
  return symbols.size > 0 ? [...symbols] : ['GOOG'];
}

/** Replays `transcript`; the caller closes the rig (closeRigs). @param timeoutMs for the whole replay. */
export async function replayToAdapter(transcript: Transcript, timeoutMs = 20_000): Promise<ReplayResult> {
  const expected = transcriptOutcome(transcript);
  const gateway = await TranscriptGateway.start(transcript);
  try {
    const r: VenueRig = await venueRig({ port: gateway.port, mark: 580_000_000, symbols: recordedSymbols(transcript) });
    const handled = new Set<string>();
    const byRecordedRef = new Map<string, string>();
    await until(() => {
      const action = gateway.nextTraderAction();
      if (action !== undefined && !handled.has(action.key)) {
        handled.add(action.key);
        if (action.kind === 'place') {
          const ticket = ticketFor(action.order);
          if (ticket.limitPrice !== undefined) r.fixture.marks.set(ticket.instrumentId, ticket.limitPrice);
          byRecordedRef.set(action.order.orderRef, r.engine.submit(ticket, 'TICKET').clientOrderId);
        } else if (action.kind === 'cancel') {
          r.engine.cancel(byRecordedRef.get(action.orderRef) ?? action.orderRef);
        } else {
          r.venue.cancelAll();
        }
      }
      return gateway.done() && [...expected.orders.keys()].every((ref) => r.engine.orders.get(byRecordedRef.get(ref) ?? '')?.status === expected.orders.get(ref));
    }, 'the replay to reach the end of the transcript with the recorded order statuses', timeoutMs).catch((error: unknown) => {
      // Past the end, differing statuses are reported in the result; short of it, say where it stuck.
      if (!gateway.done()) throw new Error(`${(error as Error).message}; next recorded action ${JSON.stringify(gateway.nextTraderAction())}; mismatches ${JSON.stringify(gateway.mismatches)}`);
    });
    const liveToRecorded = new Map([...byRecordedRef].map(([recorded, live]) => [live, recorded]));
    const fills = new Map<string, { orderRef: string | undefined; shares: number; price: number }>();
    for (const f of r.engine.orders.fills()) fills.set(f.tradeId, { orderRef: liveToRecorded.get(f.clientOrderId), shares: f.quantity, price: f.price });
    return {
      expected,
      orders: new Map([...expected.orders.keys()].map((ref) => [ref, r.engine.orders.get(byRecordedRef.get(ref) ?? '')?.status])),
      fills,
      ibPositions: new Map((r.venue.accountSummary.snapshot()?.positions ?? []).map((p) => [p.symbol, p.quantity])),
      floorPositions: new Map(r.engine.portfolio.positions().filter((p) => p.quantity !== 0).map((p) => [p.instrumentId, p.quantity])),
      mismatches: gateway.mismatches,
      unreadable: gateway.unreadable,
    };
  } finally {
    await gateway.close();
  }
}
