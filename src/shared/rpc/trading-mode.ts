import { z } from 'zod';
import { authenticationResponseSchema } from './interlock';
import { orderSchema } from './schemas';

/**
 * Zod schemas of the paper / live switch (methods `mode.*` in contract.ts, issue 9).
 */

/**
 * One reason the switch to live is refused now, with a sentence saying what to do. Codes:
 * KEYS_IN_FILE, VENUE_NOT_IB, NO_GATEWAY, MODE_DISAGREEMENT, ACCOUNT_MISMATCH, PAPER_ORDERS_WORKING
 * (see src/main/app/live-switch-guards.ts); the fresh WebAuthn check is refused with FORBIDDEN.
 */
export const liveSwitchProblemSchema = z.object({ code: z.string(), message: z.string() });
export type LiveSwitchProblem = z.infer<typeof liveSwitchProblemSchema>;

/** What `mode.liveCheck` answers: the gateway's live account (null when it names none) and every problem. */
export const liveCheckSchema = z.object({
  account: z.string().nullable(),
  problems: z.array(liveSwitchProblemSchema),
  /** Paper orders working or staged (they must be canceled before going live). */
  paperOrders: z.array(orderSchema),
});
export type LiveCheck = z.infer<typeof liveCheckSchema>;

/** An IB account id as typed: 1..32 letters and digits (IB's are like U1234567 or DU1234567). */
export const accountIdSchema = z
  .string({ error: 'type the live account id' })
  .trim()
  .min(1, 'type the live account id (as IB shows it, e.g. U1234567)')
  .max(32, 'an IB account id is at most 32 characters')
  .regex(/^[A-Za-z0-9]+$/, 'an IB account id has letters and digits only');

/**
 * To LIVE: the account id the trader typed and a fresh WebAuthn assertion (options from
 * `interlock.authentication.options`). To PAPER: nothing (always allowed).
 */
export const modeSwitchRequestSchema = z.discriminatedUnion('to', [
  z.object({ to: z.literal('LIVE'), accountId: accountIdSchema, response: authenticationResponseSchema }).strict(),
  z.object({ to: z.literal('PAPER') }).strict(),
]);
export type ModeSwitchRequest = z.infer<typeof modeSwitchRequestSchema>;
