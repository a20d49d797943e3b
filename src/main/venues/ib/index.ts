/**
 * Interactive Brokers through a local IB Gateway or TWS (@stoqey/ib's low-level IBApi): the venue
 * (orders, reconciliation), its connection (heartbeat, reconnect, standby failover, paper/live
 * agreement), the market-data feed and IB's account summary on the same socket.
 */
export { IbVenue, type IbVenueOptions, type WhileDisconnected } from './ib-venue';
export { IbConnection, type IbConnectionOptions, type IbConnectionPhase, type IbConnectionStatus, type GatewayRole } from './ib-connection';
export { IbMarketFeed, LiveFeedControlError, type IbMarketFeedOptions } from './ib-market-feed';
export { IbAccountSummary, type IbAccountSummaryOptions } from './account-summary';
export { realIbTimers, type IbTimers } from './timers';
export { checkModeAgreement, DEFAULT_GATEWAY_PORTS, type GatewayPorts, type TradingMode } from './mode-agreement';
export { assertGatewayHostAllowed, GatewayHostRefusedError } from './gateway-host';
export { classifyIbCode, IB_CODE_TABLE_VERSION, type IbCodeInfo, type IbCodeAction } from './ib-codes';
