/**
 * Sizing: how many shares an order gets from the trader's risk profile. Pure functions, integer
 * micro-dollars, whole shares. `sizeOrder` is the entry point the execution engine calls.
 */
export { sizeOrder } from './size-order';
export { sizeFixed } from './fixed-sizer';
export { sizeByRisk } from './risk-sizer';
export { sizeByKelly, kellyFraction } from './kelly-sizer';
export { riskBudget, stopProtects } from './risk-budget';
export { applyBpsFloor, BPS_PER_UNIT } from './basis-points';
export { percentFromBps, shares } from './format';
export type { SizingInput, SizingResult } from './sizing-types';
