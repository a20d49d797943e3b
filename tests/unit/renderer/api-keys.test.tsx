import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ReactNode } from 'react';
import type { ApiKey } from '../../../src/shared';
import { checkApiKeyForm } from '../../../src/renderer/src/features/settings';
import { ApiKeyList, ApiKeyManager, ApiKeys } from '../../../src/renderer/src/features/settings/ApiKeys';
import { RpcClient } from '../../../src/renderer/src/rpc';
import { initialTerminalState, TerminalContext, TerminalStore, TradeTape, UiBus } from '../../../src/renderer/src/state';

const PUBLIC_KEY = Buffer.alloc(32, 9).toString('base64');

/** Renders `node` connected to a host, outside an interlock provider (effects do not run server-side). */
function render(node: ReactNode): string {
  const client = new RpcClient({
    url: 'ws://127.0.0.1:1/rpc',
    transport: () => {
      throw new Error('never started');
    },
  });
  const services = { client, store: new TerminalStore({ ...initialTerminalState, connection: 'connected' }), tape: new TradeTape(), ui: new UiBus() };
  return renderToStaticMarkup(<TerminalContext.Provider value={services}>{node}</TerminalContext.Provider>);
}

const registerButton = (html: string) => /<button[^>]*data-testid="api-key-register"[^>]*>/.exec(html)?.[0] ?? '';

describe('Settings > API keys', () => {
  it('keeps Register disabled while the interlock is locked, and says why', () => {
    const html = render(<ApiKeyManager unlocked={false} />);
    expect(registerButton(html)).toMatch(/disabled=""/);
    expect(registerButton(html)).toMatch(/title="Unlock the interlock first: a registered key can send orders"/);
    expect(html).toContain('data-testid="api-keys-locked"');
    expect(html).toContain('data-testid="api-key-public-key"');
    expect(html).toContain('data-testid="api-key-label"');
    expect(html).toContain('floor apikey create --label my-bot');
    expect(html).toContain('Loading the API keys…');
  });

  it('enables Register while an interlock session is live', () => {
    const html = render(<ApiKeyManager unlocked />);
    expect(registerButton(html)).not.toMatch(/disabled/);
    expect(html).not.toContain('data-testid="api-keys-locked"');
  });

  it('starts locked when the interlock has reported no live session', () => {
    expect(registerButton(render(<ApiKeys />))).toMatch(/disabled=""/);
  });

  it('lists each key with its id and fingerprint: Revoke for a valid key, "Revoked" for a revoked one', () => {
    const keys: ApiKey[] = [
      { keyId: 'fk_AAAAAAAAAAAAAAAAAAAAAA', label: 'momentum', fingerprint: 'SHA256:abc', registeredAt: 1_760_000_000_000_000, revokedAt: null },
      { keyId: 'fk_BBBBBBBBBBBBBBBBBBBBBB', label: 'old bot', fingerprint: 'SHA256:def', registeredAt: 1_760_000_000_000_000, revokedAt: 1_760_000_600_000_000 },
    ];
    const html = renderToStaticMarkup(<ApiKeyList keys={keys} busy={false} onRevoke={() => undefined} />);
    expect([...html.matchAll(/data-testid="api-key" data-key-id="([^"]+)" data-revoked="([^"]+)"/g)].map((m) => [m[1], m[2]])).toEqual([
      ['fk_AAAAAAAAAAAAAAAAAAAAAA', 'false'],
      ['fk_BBBBBBBBBBBBBBBBBBBBBB', 'true'],
    ]);
    expect(html.match(/data-testid="api-key-revoke"/g)).toHaveLength(1);
    expect(html).toContain('SHA256:abc');
    expect(html).toMatch(/revoked \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(renderToStaticMarkup(<ApiKeyList keys={[]} busy={false} onRevoke={() => undefined} />)).toContain('No API keys registered.');
  });
});

describe('the API key registration form check', () => {
  it('passes a trimmed label and key on as the request', () => {
    expect(checkApiKeyForm('  my-bot ', ` ${PUBLIC_KEY}\n`)).toEqual({ ok: true, request: { label: 'my-bot', publicKey: PUBLIC_KEY } });
  });

  it("names each field's problem in the host's words", () => {
    expect(checkApiKeyForm('', 'abc')).toEqual({
      ok: false,
      errors: {
        label: 'the key label is empty: name the program that will sign with this key',
        publicKey: 'the public key decodes to 2 bytes; an Ed25519 public key has 32: paste the public key `floor apikey create` printed (44 characters of standard base64)',
      },
    });
    expect(checkApiKeyForm('bot', 'abcde')).toMatchObject({ ok: false, errors: { publicKey: expect.stringMatching(/^the public key is not standard base64/) } });
  });
});
