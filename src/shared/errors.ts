/**
 * The sentence of anything thrown: an Error's message, otherwise its string form. For logs, alerts
 * and the reasons Floor shows a trader; never throws.
 */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The stack of anything thrown when it has one (for logs), otherwise its sentence (messageOf). */
export function stackOf(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Anything thrown as an Error: the Error itself, otherwise an Error with its string form. */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
