import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { TerminalStatus } from '../../../src/shared';
import { KeyStoreBadge } from '../../../src/renderer/src/features/header/KeyStoreBadge';
import { RpcClient } from '../../../src/renderer/src/rpc';
import { initialTerminalState, TerminalContext, TerminalStore, TradeTape, UiBus } from '../../../src/renderer/src/state';
import { terminalStatusFixture } from '../../support/terminal-status';

function render(keyStore: TerminalStatus['keyStore']): string {
  const client = new RpcClient({
    url: 'ws://127.0.0.1:1/rpc',
    transport: () => {
      throw new Error('never started');
    },
  });
  const status = terminalStatusFixture({ keyStore });
  const services = { client, store: new TerminalStore({ ...initialTerminalState, status }), tape: new TradeTape(), ui: new UiBus() };
  return renderToStaticMarkup(
    <TerminalContext.Provider value={services}>
      <KeyStoreBadge />
    </TerminalContext.Provider>,
  );
}

describe('the "Keys: file" header badge', () => {
  it('shows when the signing key is in the key file, with what that protects and what it does not', () => {
    const html = render('FILE');
    expect(html).toContain('>Keys: file<');
    expect(html).toContain('other users of this machine cannot sign as this terminal');
    expect(html).toContain('does not protect against anything that can read your files');
    expect(html).toContain('floor keys migrate');
  });

  it('is absent when the key is in the OS keychain', () => {
    expect(render('KEYCHAIN')).toBe('');
  });
});
