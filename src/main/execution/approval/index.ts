/**
 * Approval: orders from a source the risk profile marks MANUAL wait as STAGED until the trader
 * approves (risk is checked again, then the order is sent) or rejects them; a staged order older
 * than the profile's stagedExpirySeconds expires. The engine records the events; this folder holds
 * the queue's ordering, the expiry rule and the sweep timer.
 */
export { approvalQueue, compareApprovalPriority } from './approval-order';
export { isStagedOrderExpired, stagedExpiresAt } from './staged-expiry';
export { StagedExpiryTimer, STAGED_EXPIRY_SWEEP_MS, type StagedOrderSweeper } from './expiry-timer';
export { OrderNotStagedError } from './errors';
