import type { SizingMethod } from '../../../shared';

const SIZING_LABELS: Record<SizingMethod, string> = { FIXED: 'Fixed', RISK: 'Risk-based', KELLY: 'Kelly' };

/** How an order's quantity was found, as the ticket names it: "Fixed", "Risk-based", "Kelly". */
export function formatSizing(sizing: SizingMethod): string {
  return SIZING_LABELS[sizing];
}
