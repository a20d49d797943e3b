/**
 * Execution: the order path from ticket to venue and back, the order state machine, positions and
 * P&L. Persistence goes through src/main/ledger.
 */
export { ExecutionEngine, type ExecutionEngineOptions, type InstrumentLookup, type LiveAccountValues, type MarkSource } from './engine/execution-engine';
export { OrderStore, type OrderProjection, type RecordOptions } from './engine/order-store';
export { VenueIntake, type UnbookedFill } from './engine/venue-intake';
export { InterlockRequiredError, type OrderAuthority } from './engine/order-authority';
export { InvalidModificationError, ModificationDeniedError, OrderNotModifiableError } from './engine/modification';
export { consoleExecutionLogger, type ExecutionLogger } from './engine/execution-logger';
export { TRADING_STATE_SETTING, TradingStateStore, type TradingStateCause } from './risk/trading-state-store';
export {
  ORDER_TRANSITIONS,
  InvalidOrderTransitionError,
  isPendingStatus,
  transitionFor,
  type TransitionOutcome,
} from './order-state-machine';
export {
  applyOrderEvent,
  createOrder,
  initializedEvent,
  initializeOrder,
  remainingQty,
  InvalidOrderEventError,
  OrderOverfillError,
  type NewOrder,
} from './order-state';
export { CLIENT_ORDER_ID_SETTING, LedgerIdGenerator, type IdGenerator } from './ids';
export { InvalidOrderTicketError, OrderModeMismatchError, OrderNotCancelableError, UnknownOrderError } from './errors';
export { Portfolio } from './portfolio/portfolio';
export {
  applyFillToPosition,
  computeAccountView,
  flatPosition,
  marketValue,
  toPositionView,
  unrealizedPnl,
  type PositionChange,
  type PositionFill,
} from './portfolio/position-math';
export { ACCOUNT_CHECK, capitalFor, checkOrder, entryPrice, planOrder, riskInput, SIZING_CHECK, type MarketSnapshot, type OrderPlan, type PlanVerdict, type RiskOutcome } from './order-plan';
export {
  InvalidRiskProfileError,
  RISK_PROFILE_SETTING,
  RiskProfileStore,
  type RiskProfileSource,
} from './risk-profile-store';
export { LIVE_SESSION_START_EQUITY_SETTING, SESSION_START_EQUITY_SETTING, SessionPnl } from './session-pnl';
export {
  approvalQueue,
  compareApprovalPriority,
  isStagedOrderExpired,
  OrderNotStagedError,
  stagedExpiresAt,
  StagedExpiryTimer,
  STAGED_EXPIRY_SWEEP_MS,
  type StagedOrderSweeper,
} from './approval';
