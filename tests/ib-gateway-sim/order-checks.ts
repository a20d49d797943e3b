import type { InstrumentId, Order, OrderType, TimeInForce } from '../../src/shared';
import { dollarsToMicros } from '../../src/shared';
import type { PlaceOrder } from './messages/in-requests';
import { CODE } from './protocol';
import type { SimOrder } from './sim-order';

/** A rejection (error code and text, e.g. 201): one the simulator's checks make, or one armed by the control API (fault injection). */
export interface InjectedReject {
  readonly code: number;
  readonly message: string;
  /** JSON text sent as advancedOrderRejectJson (server version >= 166). */
  readonly advancedOrderRejectJson?: string;
}

/** The IB order types the simulator takes, as the paper exchange's OrderType. */
const ORDER_TYPES: Readonly<Record<string, OrderType>> = {
  LMT: 'LIMIT',
  MKT: 'MARKET',
  STP: 'STOP_MARKET',
  'STP LMT': 'STOP_LIMIT',
};
const TIFS: Readonly<Record<string, TimeInForce>> = { '': 'DAY', DAY: 'DAY', GTC: 'GTC', IOC: 'IOC', FOK: 'FOK' };

/** Why the simulator refuses `req` (error 201 with the reason), or undefined when it takes it. */
export function orderProblem(req: PlaceOrder): InjectedReject | undefined {
  const reject = (message: string): InjectedReject => ({ code: CODE.ORDER_REJECTED, message: `Order rejected - reason:${message}` });
  if (req.action !== 'BUY' && req.action !== 'SELL') return reject(`The simulator accepts BUY and SELL only, got ${JSON.stringify(req.action)}.`);
  if (!Number.isSafeInteger(req.totalQuantity) || req.totalQuantity <= 0) return reject(`Quantity must be a positive whole number of shares, got ${req.totalQuantity}.`);
  if (!(req.orderType in ORDER_TYPES)) return reject(`The simulator supports order types ${Object.keys(ORDER_TYPES).join(', ')}; got ${JSON.stringify(req.orderType)}.`);
  if (!(req.tif in TIFS)) return reject(`The simulator supports time in force DAY, GTC, IOC and FOK; got ${JSON.stringify(req.tif)}.`);
  if ((req.orderType === 'LMT' || req.orderType === 'STP LMT') && req.lmtPrice === undefined) return reject('A limit order needs a limit price.');
  if ((req.orderType === 'STP' || req.orderType === 'STP LMT') && req.auxPrice === undefined) return reject('A stop order needs a stop (aux) price.');
  if (!req.transmit) return reject('The simulator does not hold untransmitted orders (transmit=false).');
  return undefined;
}

/** The order the simulated exchange (a PaperVenue) takes for a checked `req` of `order`, `quantity` shares (prices converted to micro-dollars, nearest). */
export function venueOrderFor(order: SimOrder, req: PlaceOrder, instrumentId: InstrumentId, quantity: number): Order {
  return {
    clientOrderId: order.clientOrderId,
    venueOrderId: null,
    venue: null,
    mode: 'PAPER',
    instrumentId,
    side: order.action,
    orderType: ORDER_TYPES[req.orderType]!,
    timeInForce: TIFS[req.tif]!,
    quantity,
    limitPrice: req.orderType === 'LMT' || req.orderType === 'STP LMT' ? dollarsToMicros(req.lmtPrice ?? 0) : null,
    stopPrice: req.orderType === 'STP' || req.orderType === 'STP LMT' ? dollarsToMicros(req.auxPrice ?? 0) : null,
    source: 'API',
    status: 'SUBMITTED',
    statusBeforePending: null,
    filledQty: 0,
    fillNotional: 0,
    avgFillPrice: null,
    commission: 0,
    reason: null,
    sizing: 'FIXED',
    signal: null,
    expiresAt: null,
    createdAt: 0,
    updatedAt: 0,
  };
}
