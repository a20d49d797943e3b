/** Basis points as a percentage without the sign, exactly: 100 -> "1", 125 -> "1.25", 5 -> "0.05", -50 -> "-0.5" (1 bp = 0.01%). */
export function formatBpsAsPercent(bps: number): string {
  const negative = bps < 0;
  const abs = Math.abs(bps);
  const whole = Math.trunc(abs / 100);
  const fraction = (abs % 100).toString().padStart(2, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`;
}
