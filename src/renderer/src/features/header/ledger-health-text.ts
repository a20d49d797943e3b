import type { LedgerHealth } from '../../../../shared';

/** Thousands-separated count without toLocaleString (see BookLadder: it dominated draw time). */
function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "14:03:07" local wall-clock time from Unix ms. */
function clock(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/**
 * The ledger badge's short text: "Ledger ✓ 1,234" when the last verification passed (entries now),
 * "LEDGER BROKEN @ 57" naming the first bad seq otherwise, "Ledger …" before the first answer.
 */
export function ledgerBadgeText(health: LedgerHealth | null): string {
  if (health === null) return 'Ledger …';
  if (health.status === 'BROKEN') return `LEDGER BROKEN @ ${health.failure?.seq ?? '?'}`;
  return `Ledger ✓ ${count(health.entries)}`;
}

/**
 * The badge's tooltip: what was verified, when, in how long, by which key, and what to do on a
 * failure (the reason verifyChain gave, and `floor ledger verify` to re-check from a shell).
 */
export function ledgerBadgeTitle(health: LedgerHealth | null): string {
  if (health === null) return 'Signed ledger: waiting for the host';
  const verified =
    `${count(health.verifiedEntries)} entries verified at ${clock(health.verifiedAt)} in ${health.verifyMs.toFixed(1)} ms; ` +
    `${count(health.entries)} now; terminal key ${health.keyFingerprint}; commits ${health.durability === 'FULL' ? 'fsynced each (synchronous=FULL, live)' : 'crash-safe without an fsync each (synchronous=NORMAL, paper)'}.`;
  if (health.status === 'VERIFIED') return `Signed ledger intact: ${verified} Click to verify again.`;
  return (
    `Signed ledger BROKEN at seq ${health.failure?.seq ?? '?'} (${health.failure?.kind ?? 'unknown'}): ${health.failure?.reason ?? ''} ` +
    `${verified} The database was changed outside Floor; run "floor ledger verify" and keep a copy of the file. Click to verify again.`
  );
}
