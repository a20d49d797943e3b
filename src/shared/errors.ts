/**
 * The sentence of anything thrown: an Error's message, otherwise its string form. For logs, alerts
 * and the reasons Floor shows a trader; never throws.
 */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
