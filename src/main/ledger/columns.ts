import { z } from 'zod';
import {
  ORDER_SIDES,
  ORDER_SOURCES,
  ORDER_STATUSES,
  ORDER_TYPES,
  TIME_IN_FORCES,
  TRADING_MODES,
  instrumentIdSchema,
} from '../../shared';

/** zod column types shared by the repositories' row schemas. */
export const intColumn = z.number().int().refine(Number.isSafeInteger, 'must be a safe integer');
export const nonNegativeIntColumn = intColumn.refine((n) => n >= 0, 'must be >= 0');
export const positiveIntColumn = intColumn.refine((n) => n > 0, 'must be > 0');
export const sideColumn = z.enum(ORDER_SIDES);
export const orderTypeColumn = z.enum(ORDER_TYPES);
export const timeInForceColumn = z.enum(TIME_IN_FORCES);
export const orderStatusColumn = z.enum(ORDER_STATUSES);
export const orderSourceColumn = z.enum(ORDER_SOURCES);
export const tradingModeColumn = z.enum(TRADING_MODES);
export const liquiditySideColumn = z.enum(['MAKER', 'TAKER']);
/** A ticker as Floor names instruments (shared instrumentIdSchema). */
export const instrumentIdColumn = instrumentIdSchema;
