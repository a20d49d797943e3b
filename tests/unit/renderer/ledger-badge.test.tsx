import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { LedgerHealth } from '../../../src/shared';
import { LedgerBadge } from '../../../src/renderer/src/features/header/LedgerBadge';
import { ledgerBadgeText, ledgerBadgeTitle } from '../../../src/renderer/src/features/header/ledger-health-text';
import { RpcClient } from '../../../src/renderer/src/rpc';
import { initialTerminalState, TerminalContext, TerminalStore, TradeTape, UiBus } from '../../../src/renderer/src/state';

const verified: LedgerHealth = {
  status: 'VERIFIED',
  entries: 12_345,
  headHash: 'a'.repeat(64),
  verifiedEntries: 12_000,
  verifiedAt: Date.UTC(2026, 11, 2, 14, 3, 7),
  verifyMs: 96.25,
  keyFingerprint: '0123456789abcdef',
  durability: 'NORMAL',
  failure: null,
};
const broken: LedgerHealth = {
  ...verified,
  status: 'BROKEN',
  verifiedEntries: 56,
  failure: { seq: 57, kind: 'tampered-entry', reason: 'seq 57: ts, type or payload no longer hash to its hash' },
};

function render(health: LedgerHealth | null): string {
  const client = new RpcClient({
    url: 'ws://127.0.0.1:1/rpc',
    transport: () => {
      throw new Error('never started');
    },
  });
  const services = { client, store: new TerminalStore(initialTerminalState), tape: new TradeTape(), ui: new UiBus() };
  return renderToStaticMarkup(
    <TerminalContext.Provider value={services}>
      <LedgerBadge health={health} />
    </TerminalContext.Provider>,
  );
}

describe('ledger health badge', () => {
  it('shows a verified ledger with its entry count now, and the key and verification in the tooltip', () => {
    expect(ledgerBadgeText(verified)).toBe('Ledger ✓ 12,345');
    const title = ledgerBadgeTitle(verified);
    expect(title).toContain('12,000 entries verified');
    expect(title).toContain('in 96.3 ms');
    expect(title).toContain('terminal key 0123456789abcdef');
    const html = render(verified);
    expect(html).toContain('data-state="verified"');
    expect(html).not.toContain('role="alert"');
  });

  it('shows a broken ledger in red as an alert naming the first bad seq, the kind and what to do', () => {
    expect(ledgerBadgeText(broken)).toBe('LEDGER BROKEN @ 57');
    const title = ledgerBadgeTitle(broken);
    expect(title).toContain('BROKEN at seq 57 (tampered-entry)');
    expect(title).toContain('floor ledger verify');
    const html = render(broken);
    expect(html).toContain('data-state="broken"');
    expect(html).toContain('role="alert"');
    expect(html).toContain('LEDGER BROKEN @ 57');
  });

  it('says it is waiting before the host answered', () => {
    expect(render(null)).toContain('data-state="unknown"');
    expect(ledgerBadgeText(null)).toBe('Ledger …');
  });
});
