/**
 * Pre-trade risk: the RiskEngine and its checks (one file per rule under checks/), the PDT day-trade
 * counter, the trading calendar and the correlation math. The order path calls createRiskEngine.
 */
export { RiskEngine, createRiskEngine, type CreateRiskEngineOptions, type RiskEngineOptions, type RiskLogger } from './risk-engine';
export type { RiskAdjustment, RiskCheck, RiskContext, RiskDecision, RiskInput, RiskNote, RiskVerdict } from './risk-types';
export { TradingStateStore, TRADING_STATE_SETTING, type TradingStateCause } from './trading-state-store';
export { knownInstrumentCheck } from './checks/known-instrument-check';
export { tickGridCheck } from './checks/tick-grid-check';
export { WorkingOrders, type WorkingOrdersView } from './working-orders';
export { tradingStateCheck } from './checks/trading-state-check';
export { DuplicateSignalCheck, type KnownSignal } from './checks/duplicate-signal-check';
export { OrderRateCheck } from './checks/order-rate-check';
export { priceCollarCheck } from './checks/price-collar-check';
export { dailyLossCheck } from './checks/daily-loss-check';
export { PdtCheck, PDT_MIN_EQUITY, PDT_MAX_DAY_TRADES, PDT_WINDOW_BUSINESS_DAYS } from './checks/pdt-check';
export { maxOpenPositionsCheck } from './checks/max-open-positions-check';
export { maxOrderQuantityCheck } from './checks/max-order-quantity-check';
export { maxNotionalCheck } from './checks/max-notional-check';
export { maxPositionCheck } from './checks/max-position-check';
export { maxRiskCheck } from './checks/max-risk-check';
export { grossExposureCheck } from './checks/gross-exposure-check';
export { CorrelationCheck } from './checks/correlation-check';
export { DayTradeCounter, type DayTrade } from './day-trades';
export { returnCorrelation, MIN_CORRELATION_OBSERVATIONS, type ReturnCorrelation } from './correlation';
export { isTradingDay, nyseHolidays, windowStart, NewYorkSessionDates } from './trading-calendar';
