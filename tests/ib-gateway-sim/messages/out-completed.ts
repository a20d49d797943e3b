import type { Field } from '../framing';
import { MSG, SV, UNSET_INT } from '../protocol';
import type { SimOrder } from '../sim-order';
import { formatGatewayTime } from '../time-format';

/**
 * completedOrder (reqCompletedOrders, server version >= 150) for a plain stock order: IB's
 * EOrderDecoder order for completed orders, which differs from openOrder (no orderId, clientId,
 * auctionStrategy, blockOrder, parentId, basisPoints, optOutSmartRouting or what-if block; the
 * completion fields at the end) and reads every message-version-gated field. Prices dollars.
 */
export function completedOrder(order: SimOrder, serverVersion: number): Field[] {
  const sv = serverVersion;
  const c = order.contract;
  const f: Field[] = [MSG.COMPLETED_ORDER];
  f.push(c.conId, c.symbol, c.secType, c.lastTradeDateOrContractMonth, c.strike, c.right, c.multiplier, c.exchange, c.currency, c.localSymbol, c.tradingClass);
  f.push(order.action, order.totalQuantity, order.orderType, order.lmtPrice, order.auxPrice, order.tif || 'DAY', '', order.account, 'O', 0, order.orderRef);
  f.push(order.permId, 0 /* outsideRth */, 0 /* hidden */, 0 /* discretionaryAmt */, '' /* goodAfterTime */);
  f.push('', '', ''); // faGroup, faMethod, faPercentage
  if (sv < SV.FA_PROFILE_DESUPPORT) f.push(''); // faProfile (IB reads it below 177; @stoqey/ib 1.6.10 never does here)
  f.push(''); // modelCode (completedOrder exists from 150, above MODELS_SUPPORT 103)
  f.push('', '', '', ''); // goodTillDate, rule80A, percentOffset, settlingFirm
  f.push(0, '', -1); // shortSaleSlot, designatedLocation, exemptCode
  f.push('', '', ''); // startingPrice, stockRefPrice, delta
  f.push('', ''); // stockRangeLower, stockRangeUpper
  f.push(''); // displaySize
  f.push(0, 0, '', 0); // sweepToFill, allOrNone, minQty, ocaType
  f.push(0); // triggerMethod
  f.push('', 0, '', '', 0, 0); // volatility, volatilityType, deltaNeutralOrderType, deltaNeutralAuxPrice, continuousUpdate, referencePriceType
  f.push('', ''); // trailStopPrice, trailingPercent
  f.push('', 0, 0); // comboLegsDescription, comboLegs, orderComboLegs
  f.push(0); // smartComboRoutingParams
  f.push('', '', ''); // scale
  f.push(''); // hedgeType
  f.push('', ''); // clearingAccount, clearingIntent
  f.push(0, 0, ''); // notHeld, deltaNeutralContract, algoStrategy
  f.push(0); // solicited
  f.push(order.status);
  f.push(0, 0); // randomizeSize, randomizePrice
  if (sv >= SV.PEGGED_TO_BENCHMARK) f.push(0); // conditions
  f.push('', ''); // trailStopPrice, lmtPriceOffset
  if (sv >= SV.CASH_QTY) f.push('');
  if (sv >= SV.AUTO_PRICE_FOR_HEDGE) f.push(0);
  if (sv >= SV.ORDER_CONTAINER) f.push(0);
  f.push('' /* autoCancelDate */, order.filled, 0 /* refFuturesConId */, 0 /* autoCancelParent */, '' /* shareholder */);
  f.push(0 /* imbalanceOnly */, 0 /* routeMarketableToBbo */, 0 /* parentPermId */);
  f.push(order.completedAtMs === undefined ? '' : formatGatewayTime(order.completedAtMs), order.status);
  if (sv >= SV.PEGBEST_PEGMID_OFFSETS) f.push(UNSET_INT, UNSET_INT, '', '', '');
  if (sv >= SV.CUSTOMER_ACCOUNT) f.push('');
  if (sv >= SV.PROFESSIONAL_CUSTOMER) f.push(0);
  return f;
}

/** completedOrdersEnd: `102` (no version field). */
export function completedOrdersEnd(): Field[] {
  return [MSG.COMPLETED_ORDERS_END];
}
