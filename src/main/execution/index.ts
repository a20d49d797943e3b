/**
 * Execution: the order path from ticket to venue and back, the order state machine, positions and
 * P&L. Persistence goes through src/main/ledger.
 */
export {
  ExecutionEngine,
  TRADING_STATE_SETTING,
  type ExecutionEngineOptions,
  type ExecutionLogger,
  type InstrumentLookup,
  type MarkSource,
} from './execution-engine';
export {
  ORDER_TRANSITIONS,
  InvalidOrderTransitionError,
  isPendingStatus,
  transitionFor,
  type TransitionOutcome,
} from './order-state-machine';
export {
  applyOrderEvent,
  initializeOrder,
  remainingQty,
  toOrderView,
  InvalidOrderEventError,
  OrderOverfillError,
  type OrderState,
} from './order-state';
export {
  defaultPreTradeChecks,
  knownInstrumentCheck,
  runPreTradeChecks,
  tickGridCheck,
  type PreTradeCheck,
  type PreTradeContext,
  type PreTradeDecision,
} from './pre-trade-checks';
export { CLIENT_ORDER_ID_SETTING, LedgerIdGenerator, systemClock, type Clock, type IdGenerator } from './ids';
export { InvalidOrderTicketError, OrderNotCancelableError, UnknownOrderError } from './errors';
export { Portfolio, type PortfolioChange } from './portfolio/portfolio';
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
export { venueEventToOrderEvent } from './venue-events';
export {
  capitalFor,
  checkOrder,
  entryPrice,
  planOrder,
  SIZING_CHECK,
  type MarketSnapshot,
  type OrderPlan,
  type OrderRiskGate,
  type PlanVerdict,
  type UnsizedOrder,
} from './order-plan';
export {
  InvalidRiskProfileError,
  RISK_PROFILE_SETTING,
  RiskProfileStore,
  type RiskProfileSource,
} from './risk-profile-store';
export { SESSION_START_EQUITY_SETTING, SessionPnl } from './session-pnl';
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
