/**
 * The kinds of fact Floor records in the signed chain, one table with the reason for each. A chain
 * entry's `type` is one of these keys; its `payload` is the fact as canonical JSON (RFC 8785), with
 * the project's units (prices and money integer micro-dollars, quantities whole shares, timestamps
 * Unix epoch µs).
 */
export const CHAIN_ENTRY_TYPES = {
  /** An order as it entered the order path (OrderInitialized): what was asked, by which source, before any check. */
  'order.intent': 'order intent',
  /** The RiskEngine's verdict on an order: denied with its structured reason, reduced to fit, or passed (and staged). */
  'risk.decision': 'risk decision',
  /** A trader's approval or rejection of a staged order, or the auto-execute rule that approved it. */
  'order.approval': 'order approval',
  /** What the venue said about an order: submitted, accepted, rejected, filled, updated, canceled, expired. */
  'venue.event': 'venue event',
  /** A switch between paper and live trading, or of the TradingState (ACTIVE, REDUCING, HALTED) and why. */
  'mode.switch': 'mode switch',
  /** A security-relevant fact: interlock verified or refused, API key registered, a refused signed request (CRITICAL_SECURITY_BREACH). */
  'security.event': 'security event',
} as const;

/** One of CHAIN_ENTRY_TYPES' keys. */
export type ChainEntryType = keyof typeof CHAIN_ENTRY_TYPES;

/** True when `type` is a ChainEntryType. */
export function isChainEntryType(type: unknown): type is ChainEntryType {
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(CHAIN_ENTRY_TYPES, type);
}
