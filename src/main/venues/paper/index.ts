/** The paper venue: a simulated exchange matching our orders against a replayed real book (public surface). */
export { PaperVenue, type PaperVenueOptions, type PaperRestoreEntry } from './paper-venue';
export { PaperExchange, type WorkingOrderView, type WorkingOrderState, type RestoredOrder } from './paper-exchange';
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
export { SUPPORTED_TIME_IN_FORCE, validateOrder, tickAt } from './order-validation';
