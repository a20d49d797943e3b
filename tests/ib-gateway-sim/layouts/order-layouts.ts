import { MSG, SV } from '../protocol';
import { contractFields, f, gated, nonEmpty, type DecodedRecord, type LayoutRule, type MessageLayout } from './rules';

/**
 * openOrder and completedOrder as IB's own client reads them (orderdecoder.py's OrderDecoder and
 * decoder.py's processOpenOrder / processCompletedOrderMsg, current TWS API release). The two share
 * most blocks but not all: completedOrder has no orderId, clientId, sharesAllocation,
 * auctionStrategy, blockOrder, eTradeOnly, firmQuoteOnly, nbboPriceCap, parentId, basisPoints,
 * optOutSmartRouting or what-if block, reads fewer delta-neutral fields, and ends with the
 * completion fields. Where @stoqey/ib 1.6.10 differs (see the test that compares the two):
 * - faProfile: IB reads it below server version 177 in both; @stoqey/ib gates it on the message
 *   version, which completedOrder sets to "unlimited", so it never reads it there (150..176 wrong);
 * - modelCode: IB reads it from server version 103 in both; @stoqey/ib gates it on the message
 *   version, 34 below server version 145 for openOrder, so it skips it there (103..144 wrong).
 */

/** IB's isPegBenchOrder. */
const PEG_BENCH_TYPES: readonly unknown[] = ['PEG BENCH', 'PEGBENCH'];

/** A numeric field read earlier is set and positive (IB: scalePriceIncrement != UNSET_DOUBLE and > 0). */
const positive =
  (name: string) =>
  (v: DecodedRecord): boolean =>
    typeof v[name] === 'number' && (v[name] as number) > 0;

const tagValue: LayoutRule[] = [f('tag', 'str'), f('value', 'str')];

function orderHead(kind: 'open' | 'completed'): LayoutRule[] {
  return [
    f('action', 'str'),
    f('totalQuantity', 'decimal'),
    f('orderType', 'str'),
    f('lmtPrice', 'float', { unset: true }),
    f('auxPrice', 'float', { unset: true }),
    f('tif', 'str'),
    f('ocaGroup', 'str'),
    f('account', 'str'),
    f('openClose', 'str'),
    f('origin', 'int'),
    f('orderRef', 'str'),
    ...(kind === 'open' ? [f('clientId', 'int')] : []),
    f('permId', 'int'),
    f('outsideRth', 'bool'),
    f('hidden', 'bool'),
    f('discretionaryAmt', 'float'),
    f('goodAfterTime', 'str'),
    ...(kind === 'open' ? [f('sharesAllocation', 'str')] : []),
    f('faGroup', 'str'),
    f('faMethod', 'str'),
    f('faPercentage', 'str'),
    f('faProfile', 'str', { until: SV.FA_PROFILE_DESUPPORT }),
    f('modelCode', 'str', { from: SV.MODELS_SUPPORT }),
    f('goodTillDate', 'str'),
    f('rule80A', 'str'),
    f('percentOffset', 'float', { unset: true }),
    f('settlingFirm', 'str'),
    f('shortSaleSlot', 'int'),
    f('designatedLocation', 'str'),
    f('exemptCode', 'int', { minVersion: 23 }),
    ...(kind === 'open' ? [f('auctionStrategy', 'int')] : []),
    f('startingPrice', 'float', { unset: true }),
    f('stockRefPrice', 'float', { unset: true }),
    f('delta', 'float', { unset: true }),
    f('stockRangeLower', 'float', { unset: true }),
    f('stockRangeUpper', 'float', { unset: true }),
    f('displaySize', 'int', { unset: true }),
    ...(kind === 'open' ? [f('blockOrder', 'bool')] : []),
    f('sweepToFill', 'bool'),
    f('allOrNone', 'bool'),
    f('minQty', 'int', { unset: true }),
    f('ocaType', 'int'),
    ...(kind === 'open' ? [f('eTradeOnly', 'bool'), f('firmQuoteOnly', 'bool'), f('nbboPriceCap', 'float', { unset: true }), f('parentId', 'int')] : []),
    f('triggerMethod', 'int'),
  ];
}

function volatilityBlock(kind: 'open' | 'completed'): LayoutRule[] {
  const dn = nonEmpty('deltaNeutralOrderType');
  return [
    f('volatility', 'float', { unset: true }),
    f('volatilityType', 'int'),
    f('deltaNeutralOrderType', 'str'),
    f('deltaNeutralAuxPrice', 'float', { unset: true }),
    ...gated({ minVersion: 27, when: dn }, [
      f('deltaNeutralConId', 'int'),
      ...(kind === 'open' ? [f('deltaNeutralSettlingFirm', 'str'), f('deltaNeutralClearingAccount', 'str'), f('deltaNeutralClearingIntent', 'str')] : []),
    ]),
    ...gated({ minVersion: 31, when: dn }, [
      ...(kind === 'open' ? [f('deltaNeutralOpenClose', 'str')] : []),
      f('deltaNeutralShortSale', 'bool'),
      f('deltaNeutralShortSaleSlot', 'int'),
      f('deltaNeutralDesignatedLocation', 'str'),
    ]),
    f('continuousUpdate', 'bool'),
    f('referencePriceType', 'int'),
    f('trailStopPrice', 'float', { unset: true }),
    f('trailingPercent', 'float', { unset: true, minVersion: 30 }),
  ];
}

const comboAndScaleBlock: LayoutRule[] = [
  f('comboLegsDescrip', 'str'),
  ...gated({ minVersion: 29 }, [
    f('comboLegsCount', 'int'),
    {
      name: 'comboLegs',
      count: 'comboLegsCount',
      fields: [f('conId', 'int'), f('ratio', 'int'), f('action', 'str'), f('exchange', 'str'), f('openClose', 'int'), f('shortSaleSlot', 'int'), f('designatedLocation', 'str'), f('exemptCode', 'int')],
    },
    f('orderComboLegsCount', 'int'),
    { name: 'orderComboLegs', count: 'orderComboLegsCount', fields: [f('price', 'float', { unset: true })] },
  ]),
  ...gated({ minVersion: 26 }, [f('smartComboRoutingParamsCount', 'int'), { name: 'smartComboRoutingParams', count: 'smartComboRoutingParamsCount', fields: tagValue }]),
  f('scaleInitLevelSize', 'int', { unset: true, minVersion: 20 }),
  f('scaleSubsLevelSize', 'int', { unset: true, minVersion: 20 }),
  f('scalePriceIncrement', 'float', { unset: true }),
  ...gated({ minVersion: 28, when: positive('scalePriceIncrement') }, [
    f('scalePriceAdjustValue', 'float', { unset: true }),
    f('scalePriceAdjustInterval', 'int', { unset: true }),
    f('scaleProfitOffset', 'float', { unset: true }),
    f('scaleAutoReset', 'bool'),
    f('scaleInitPosition', 'int', { unset: true }),
    f('scaleInitFillQty', 'int', { unset: true }),
    f('scaleRandomPercent', 'bool'),
  ]),
  f('hedgeType', 'str', { minVersion: 24 }),
  f('hedgeParam', 'str', { minVersion: 24, when: nonEmpty('hedgeType') }),
];

function algoBlock(kind: 'open' | 'completed'): LayoutRule[] {
  return [
    ...(kind === 'open' ? [f('optOutSmartRouting', 'bool', { minVersion: 25 })] : []),
    f('clearingAccount', 'str'),
    f('clearingIntent', 'str'),
    f('notHeld', 'bool', { minVersion: 22 }),
    f('deltaNeutralContractPresent', 'bool', { minVersion: 20 }),
    ...gated({ minVersion: 20, when: (v) => v.deltaNeutralContractPresent === true }, [f('deltaNeutralContract.conId', 'int'), f('deltaNeutralContract.delta', 'float'), f('deltaNeutralContract.price', 'float')]),
    f('algoStrategy', 'str', { minVersion: 21 }),
    ...gated({ minVersion: 21, when: nonEmpty('algoStrategy') }, [f('algoParamsCount', 'int'), { name: 'algoParams', count: 'algoParamsCount', fields: tagValue }]),
    f('solicited', 'bool', { minVersion: 33 }),
  ];
}

const whatIfBlock: LayoutRule[] = [
  f('whatIf', 'bool'),
  f('status', 'str'),
  ...gated({ from: SV.WHAT_IF_EXT_FIELDS }, [
    f('initMarginBefore', 'str'),
    f('maintMarginBefore', 'str'),
    f('equityWithLoanBefore', 'str'),
    f('initMarginChange', 'str'),
    f('maintMarginChange', 'str'),
    f('equityWithLoanChange', 'str'),
  ]),
  f('initMarginAfter', 'str'),
  f('maintMarginAfter', 'str'),
  f('equityWithLoanAfter', 'str'),
  f('commission', 'float', { unset: true }),
  f('minCommission', 'float', { unset: true }),
  f('maxCommission', 'float', { unset: true }),
  f('commissionCurrency', 'str'),
  // From 195 (above @stoqey/ib's 193) IB adds the full order preview fields here; not modelled.
  f('warningText', 'str'),
];

const pegBenchAndConditions: LayoutRule[] = [
  f('randomizeSize', 'bool', { minVersion: 34 }),
  f('randomizePrice', 'bool', { minVersion: 34 }),
  ...gated({ from: SV.PEGGED_TO_BENCHMARK, when: (v) => PEG_BENCH_TYPES.includes(v.orderType) }, [
    f('referenceContractId', 'int'),
    f('isPeggedChangeAmountDecrease', 'bool'),
    f('peggedChangeAmount', 'float'),
    f('referenceChangeAmount', 'float'),
    f('referenceExchangeId', 'str'),
  ]),
  f('conditionsCount', 'int', { from: SV.PEGGED_TO_BENCHMARK }),
  // Each condition has its own layout by type (order_condition.py); the simulator sends none.
  { name: 'conditions', unmodelled: 'order conditions (order_condition.py layouts by type)', from: SV.PEGGED_TO_BENCHMARK, when: positive('conditionsCount') },
];

const pegBestMid: LayoutRule[] = gated({ from: SV.PEGBEST_PEGMID_OFFSETS }, [
  f('minTradeQty', 'int', { unset: true }),
  f('minCompeteSize', 'int', { unset: true }),
  f('competeAgainstBestOffset', 'float', { unset: true }),
  f('midOffsetAtWhole', 'float', { unset: true }),
  f('midOffsetAtHalf', 'float', { unset: true }),
]);

/** openOrder (5): a version field below 145, from 145 the server version stands in for it. */
export const OPEN_ORDER: MessageLayout = {
  id: MSG.OPEN_ORDER,
  name: 'openOrder',
  version: { fieldBelow: SV.ORDER_CONTAINER, otherwise: 'server' },
  fields: [
    f('orderId', 'int'),
    ...contractFields({ multiplierMinVersion: 32, tradingClassMinVersion: 32 }),
    ...orderHead('open'),
    ...volatilityBlock('open'),
    f('basisPoints', 'float', { unset: true }),
    f('basisPointsType', 'int', { unset: true }),
    ...comboAndScaleBlock,
    ...algoBlock('open'),
    ...whatIfBlock,
    ...pegBenchAndConditions,
    ...gated({ from: SV.PEGGED_TO_BENCHMARK }, [
      f('adjustedOrderType', 'str'),
      f('triggerPrice', 'float'),
      f('adjustedTrailStopPrice', 'float'),
      f('lmtPriceOffset', 'float'),
      f('adjustedStopPrice', 'float'),
      f('adjustedStopLimitPrice', 'float'),
      f('adjustedTrailingAmount', 'float'),
      f('adjustableTrailingUnit', 'int'),
    ]),
    ...gated({ from: SV.SOFT_DOLLAR_TIER }, [f('softDollarTier.name', 'str'), f('softDollarTier.value', 'str'), f('softDollarTier.displayName', 'str')]),
    f('cashQty', 'float', { from: SV.CASH_QTY }),
    f('dontUseAutoPriceForHedge', 'bool', { from: SV.AUTO_PRICE_FOR_HEDGE }),
    f('isOmsContainer', 'bool', { from: SV.ORDER_CONTAINER }),
    f('discretionaryUpToLimitPrice', 'bool', { from: SV.D_PEG_ORDERS }),
    f('usePriceMgmtAlgo', 'bool', { from: SV.PRICE_MGMT_ALGO }),
    f('duration', 'int', { from: SV.DURATION, unset: true }),
    f('postToAts', 'int', { from: SV.POST_TO_ATS, unset: true }),
    f('autoCancelParent', 'bool', { from: SV.AUTO_CANCEL_PARENT }),
    ...pegBestMid,
    f('customerAccount', 'str', { from: SV.CUSTOMER_ACCOUNT }),
    f('professionalCustomer', 'bool', { from: SV.PROFESSIONAL_CUSTOMER }),
    f('bondAccruedInterest', 'str', { from: SV.BOND_ACCRUED_INTEREST }),
    f('includeOvernight', 'bool', { from: SV.INCLUDE_OVERNIGHT }),
    f('extOperator', 'str', { from: SV.CME_TAGGING_FIELDS_IN_OPEN_ORDER }),
    f('manualOrderIndicator', 'int', { from: SV.CME_TAGGING_FIELDS_IN_OPEN_ORDER, unset: true }),
    f('submitter', 'str', { from: SV.SUBMITTER }),
    f('imbalanceOnly', 'bool', { from: SV.IMBALANCE_ONLY }),
  ],
};

/** completedOrder (101, reqCompletedOrders from server version 150): no version field; IB decodes it with an unlimited message version. */
export const COMPLETED_ORDER: MessageLayout = {
  id: MSG.COMPLETED_ORDER,
  name: 'completedOrder',
  fields: [
    ...contractFields({ multiplierMinVersion: 32, tradingClassMinVersion: 32 }),
    ...orderHead('completed'),
    ...volatilityBlock('completed'),
    ...comboAndScaleBlock,
    ...algoBlock('completed'),
    f('status', 'str'),
    ...pegBenchAndConditions,
    f('trailStopPrice2', 'float'),
    f('lmtPriceOffset', 'float'),
    f('cashQty', 'float', { from: SV.CASH_QTY }),
    f('dontUseAutoPriceForHedge', 'bool', { from: SV.AUTO_PRICE_FOR_HEDGE }),
    f('isOmsContainer', 'bool', { from: SV.ORDER_CONTAINER }),
    f('autoCancelDate', 'str'),
    f('filledQuantity', 'decimal'),
    f('refFuturesConId', 'int'),
    f('autoCancelParent', 'bool'),
    f('shareholder', 'str'),
    f('imbalanceOnly', 'bool'),
    f('routeMarketableToBbo', 'bool'),
    f('parentPermId', 'int'),
    f('completedTime', 'str'),
    f('completedStatus', 'str'),
    ...pegBestMid,
    f('customerAccount', 'str', { from: SV.CUSTOMER_ACCOUNT }),
    f('professionalCustomer', 'bool', { from: SV.PROFESSIONAL_CUSTOMER }),
    f('submitter', 'str', { from: SV.SUBMITTER }),
  ],
};
