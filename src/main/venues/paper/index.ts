/** The paper venue: a simulated exchange matching our orders against a replayed real book (public surface). */
export { PaperVenue, type PaperVenueOptions } from './paper-venue';
export { PaperExchange, type PaperExchangeOptions } from './paper-exchange';
export { exchangeOrderOf, type ExchangeOrder, type RestoredOrder, type WorkingOrderState, type WorkingOrderView } from './exchange-order';
export {
  FixedCommissionModel,
  TieredCommissionModel,
  OrderCommission,
  createCommissionModel,
  COMMISSION_SCHEDULE_NAMES,
  type CommissionModel,
  type CommissionScheduleName,
  type CommissionExecution,
  type TieredCommissionOptions,
} from './commission';
export { IBKR_US_STOCK_SCHEDULE } from './commission-schedule';
export { PAPER_REASON_CODES, type PaperReasonCode } from './reasons';
export { SUPPORTED_TIME_IN_FORCE, validateModification, validateOrder, tickAt } from './order-validation';
