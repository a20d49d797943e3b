import type { Field } from '../framing';
import { MSG, SV, UNSET_INT } from '../protocol';
import { avgFillPrice, remaining, type SimOrder } from '../sim-order';

/**
 * orderStatus: `3, [version 6 below 131], orderId, status, filled, remaining, avgFillPrice, permId,
 * parentId, lastFillPrice, clientId, whyHeld, [mktCapPrice from 131]`. Prices dollars, sizes shares.
 */
export function orderStatus(order: SimOrder, serverVersion: number): Field[] {
  const fields: Field[] = [MSG.ORDER_STATUS];
  if (serverVersion < SV.MARKET_CAP_PRICE) fields.push(6);
  fields.push(order.orderId, order.status, order.filled, remaining(order), avgFillPrice(order), order.permId, 0, order.lastFillPrice, order.clientId, '');
  if (serverVersion >= SV.MARKET_CAP_PRICE) fields.push(0);
  return fields;
}

/**
 * The openOrder version TWS writes below server version 145 (ORDER_CONTAINER); from 145 on the
 * message has no version field and the client uses the server version in its place.
 */
export const OPEN_ORDER_LEGACY_VERSION = 34;

/**
 * openOrder for a plain stock order (no combos, algos, conditions, scale, hedge or delta-neutral
 * legs), field for field as IB's own OrderDecoder reads it (layouts/order-layouts.ts is the same
 * layout as data). Below server version 145 the message carries version 34, and every field gated
 * on the message version is one that 34 includes, so only server-version gates appear here.
 * 133 fields at server version 193. Prices dollars, sizes shares; "" = unset.
 */
export function openOrder(order: SimOrder, serverVersion: number): Field[] {
  const sv = serverVersion;
  const c = order.contract;
  const f: Field[] = [MSG.OPEN_ORDER];
  if (sv < SV.ORDER_CONTAINER) f.push(OPEN_ORDER_LEGACY_VERSION);
  f.push(order.orderId);
  // contract
  f.push(c.conId, c.symbol, c.secType, c.lastTradeDateOrContractMonth, c.strike, c.right, c.multiplier, c.exchange, c.currency, c.localSymbol, c.tradingClass);
  // order basics
  f.push(order.action, order.totalQuantity, order.orderType, order.lmtPrice, order.auxPrice, order.tif || 'DAY', '', order.account, 'O', 0, order.orderRef);
  f.push(order.clientId, order.permId, 0 /* outsideRth */, 0 /* hidden */, 0 /* discretionaryAmt */, '' /* goodAfterTime */, '' /* sharesAllocation */);
  f.push('', '', ''); // faGroup, faMethod, faPercentage
  // Both gated on the server version, not the message version (IB's OrderDecoder; @stoqey/ib 1.6.10 gets this wrong below 145).
  if (sv < SV.FA_PROFILE_DESUPPORT) f.push(''); // faProfile
  if (sv >= SV.MODELS_SUPPORT) f.push(''); // modelCode
  f.push('' /* goodTillDate */, '' /* rule80A */, '' /* percentOffset */, '' /* settlingFirm */);
  f.push(0 /* shortSaleSlot */, '' /* designatedLocation */, -1 /* exemptCode */, 0 /* auctionStrategy */);
  f.push('', '', ''); // startingPrice, stockRefPrice, delta
  f.push('', ''); // stockRangeLower, stockRangeUpper
  f.push(''); // displaySize
  f.push(0, 0, 0); // blockOrder, sweepToFill, allOrNone
  f.push(''); // minQty
  f.push(0, 0, 0); // ocaType, eTradeOnly, firmQuoteOnly
  f.push(''); // nbboPriceCap
  f.push(0, 0); // parentId, triggerMethod
  // volatility params; an empty deltaNeutralOrderType means no delta-neutral block follows
  f.push('' /* volatility */, 0 /* volatilityType */, '' /* deltaNeutralOrderType */, '' /* deltaNeutralAuxPrice */);
  f.push(0 /* continuousUpdate */, 0 /* referencePriceType */);
  f.push('' /* trailStopPrice */, '' /* trailingPercent */);
  f.push('' /* basisPoints */, '' /* basisPointsType */);
  f.push('' /* comboLegsDescription */, 0 /* comboLegs */, 0 /* orderComboLegs */);
  f.push(0); // smartComboRoutingParams count
  f.push('', '', ''); // scaleInitLevelSize, scaleSubsLevelSize, scalePriceIncrement (empty: no scale block)
  f.push(''); // hedgeType (empty: no hedgeParam)
  f.push(0); // optOutSmartRouting
  f.push('', ''); // clearingAccount, clearingIntent
  f.push(0); // notHeld
  f.push(0); // deltaNeutralContract present
  f.push(''); // algoStrategy (empty: no params)
  f.push(0); // solicited
  // what-if info and order state
  f.push(0 /* whatIf */, order.status);
  if (sv >= SV.WHAT_IF_EXT_FIELDS) f.push('', '', '', '', '', ''); // margin before / change
  f.push('', '', ''); // initMarginAfter, maintMarginAfter, equityWithLoanAfter
  f.push('', '', '', '' /* commission, minCommission, maxCommission, commissionCurrency */, '' /* warningText */);
  f.push(0, 0); // randomizeSize, randomizePrice
  if (sv >= SV.PEGGED_TO_BENCHMARK) {
    f.push(0); // conditions count (peg-to-benchmark params only for PEG BENCH orders)
    f.push('' /* adjustedOrderType */, '' /* triggerPrice */, '' /* trailStopPrice */, '' /* lmtPriceOffset */);
    f.push('' /* adjustedStopPrice */, '' /* adjustedStopLimitPrice */, '' /* adjustedTrailingAmount */, 0 /* adjustableTrailingUnit */);
  }
  if (sv >= SV.SOFT_DOLLAR_TIER) f.push('', '', '');
  if (sv >= SV.CASH_QTY) f.push('');
  if (sv >= SV.AUTO_PRICE_FOR_HEDGE) f.push(0);
  if (sv >= SV.ORDER_CONTAINER) f.push(0);
  if (sv >= SV.D_PEG_ORDERS) f.push(0);
  if (sv >= SV.PRICE_MGMT_ALGO) f.push(0);
  if (sv >= SV.DURATION) f.push(UNSET_INT);
  if (sv >= SV.POST_TO_ATS) f.push(UNSET_INT);
  if (sv >= SV.AUTO_CANCEL_PARENT) f.push(0);
  if (sv >= SV.PEGBEST_PEGMID_OFFSETS) f.push(UNSET_INT, UNSET_INT, '', '', '');
  if (sv >= SV.CUSTOMER_ACCOUNT) f.push('');
  if (sv >= SV.PROFESSIONAL_CUSTOMER) f.push(0);
  if (sv >= SV.BOND_ACCRUED_INTEREST) f.push('');
  if (sv >= SV.INCLUDE_OVERNIGHT) f.push(0);
  if (sv >= SV.CME_TAGGING_FIELDS_IN_OPEN_ORDER) f.push('', UNSET_INT);
  return f;
}
