/** Basis points as a percentage for messages: 250 -> "2.5%", 10_000 -> "100%". */
export function percentFromBps(bps: number): string {
  return `${Number((bps / 100).toFixed(2))}%`;
}

/** Shares with thousands separators: 12345 -> "12,345 shares" (1 -> "1 share"). */
export function shares(quantity: number): string {
  return `${quantity.toLocaleString('en-US')} ${Math.abs(quantity) === 1 ? 'share' : 'shares'}`;
}
