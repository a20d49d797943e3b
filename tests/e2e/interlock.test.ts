import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../src/main/host';
import { postSigned, testKey } from '../unit/security/api-auth/signed-client';
import { launchChromium, type TestBrowser } from '../support/chromium';
import { addVirtualAuthenticator } from '../support/interlock';
import { GOOG_EXCERPT, ServeScope } from '../support/serve-process';
import { openTerminal, orderRow, submitTicket, waitForLiveTerminal } from '../support/terminal-page';

// The WebAuthn interlock end to end (issue 5 point 1): Debian's Chromium with a CDP virtual
// authenticator against `floor serve`, verified by the host's @simplewebauthn/server relying party.
// The interlock session belongs to the terminal (one trader), so each test runs its own serve on a
// fresh data folder: the "without verification" checks see a terminal nobody has registered on.

let browser: TestBrowser | undefined;
const serves = new ServeScope();
const freshServe = () => serves.start({ replay: GOOG_EXCERPT, speed: 5 });

beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);

afterEach(() => serves.dispose(), 30_000);

afterAll(async () => {
  await browser?.close();
});

/** Sends one RPC over a WebSocket the page opens itself (same origin, so its session cookie rides along), bypassing the UI. */
function craftedRpc(page: Page, method: string, params: unknown): Promise<{ ok: boolean; error?: { code: string; message: string } }> {
  return page.evaluate(
    ({ method, params }) =>
      new Promise((resolve, reject) => {
        const socket = new WebSocket(`ws://${location.host}/ws`);
        const timer = setTimeout(() => reject(new Error('no answer in 5 s')), 5_000);
        socket.onopen = () => socket.send(JSON.stringify({ id: 4242, method, params }));
        socket.onmessage = (event) => {
          const frame = JSON.parse(String(event.data)) as { kind: string; id?: number; ok: boolean; error?: { code: string; message: string } };
          if (frame.kind !== 'response' || frame.id !== 4242) return;
          clearTimeout(timer);
          socket.close();
          resolve({ ok: frame.ok, error: frame.error });
        };
        socket.onerror = () => reject(new Error('websocket failed'));
      }),
    { method, params },
  );
}

const TICKET = { instrumentId: 'GOOG', side: 'BUY', orderType: 'MARKET', quantity: 5, timeInForce: 'DAY' };

describe('WebAuthn interlock', () => {
  it('keeps Execute disabled and refuses a crafted orders.submit with FORBIDDEN until the trader verifies', async () => {
    const serve = await freshServe();
    const { page, problems } = await openTerminal(browser!, serve.launchUrl);
    await waitForLiveTerminal(page);
    await page.getByTestId('interlock-first-run').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('ticket-submit').isDisabled(), 'Execute before verification').toBe(true);
    const refused = await craftedRpc(page, 'orders.submit', TICKET);
    expect(refused.ok).toBe(false);
    expect(refused.error?.code).toBe('FORBIDDEN');
    expect(refused.error?.message).toMatch(/orders.submit needs the interlock: register an authenticator/);
    const approve = await craftedRpc(page, 'approvals.approve', { clientOrderId: 'nope' });
    expect(approve.error?.code).toBe('FORBIDDEN');
    const registerKey = await craftedRpc(page, 'apikeys.register', { label: 'crafted', publicKey: testKey().publicKeyBase64 });
    expect(registerKey.error?.code, 'registering an API key needs the interlock').toBe('FORBIDDEN');
    expect(await page.getByTestId('order-row').count(), 'nothing reached the blotter').toBe(0);
    expect(problems.errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('registers an authenticator on first run, enables Execute, sends an order, and registers then revokes an API key', async () => {
    const serve = await freshServe();
    const { page, problems } = await openTerminal(browser!, serve.launchUrl);
    await waitForLiveTerminal(page);
    const authenticator = await addVirtualAuthenticator(page);
    await page.getByTestId('interlock-first-run').waitFor({ timeout: 10_000 });
    await page.getByTestId('interlock-label').fill('Virtual platform authenticator');
    await page.getByTestId('interlock-register').click();
    await page.locator('[data-testid="interlock-panel"][data-verified="true"]').waitFor({ timeout: 10_000 });
    await expect.poll(() => page.getByTestId('interlock-first-run').count()).toBe(0);
    await expect.poll(() => page.getByTestId('interlock-remaining').textContent()).toMatch(/^1[45]:\d\d left$/);
    const { credentials } = (await authenticator.cdp.send('WebAuthn.getCredentials', { authenticatorId: authenticator.authenticatorId })) as {
      credentials: { isResidentCredential: boolean; signCount: number }[];
    };
    expect(credentials).toHaveLength(1);
    expect(credentials[0]?.signCount, 'registered, then used once to unlock').toBeGreaterThanOrEqual(1);

    expect(await page.getByTestId('ticket-submit').isEnabled(), 'Execute once verified').toBe(true);
    await page.getByTestId('ticket-side-buy').click();
    await page.getByTestId('ticket-quantity').fill('5');
    await page.getByTestId('ticket-type').selectOption('MARKET');
    const orderId = await submitTicket(page);
    await orderRow(page, orderId, 'FILLED').waitFor({ timeout: 10_000 });

    // Settings > API keys, unlocked: register a key; requests signed with it are taken until it is revoked.
    const key = testKey();
    const apiOrder = { ...TICKET, orderType: 'LIMIT', limitPrice: 500_000_000, quantity: 1, signal: { stop: 490_000_000 } };
    await page.getByTestId('settings-open').click();
    await page.getByTestId('api-key-label').fill('e2e bot');
    await page.getByTestId('api-key-public-key').fill(key.publicKeyBase64);
    await page.getByTestId('api-key-register').click();
    await page.locator(`[data-testid="api-key"][data-key-id="${key.keyId}"][data-revoked="false"]`).waitFor({ timeout: 10_000 });
    expect([200, 202], 'a request signed with the registered key').toContain((await postSigned(serve.port, API_ROUTES.orders, apiOrder, key)).status);
    await page.getByTestId('api-key-revoke').click();
    await page.getByTestId('api-key-revoke-confirm').click();
    await page.locator(`[data-testid="api-key"][data-key-id="${key.keyId}"][data-revoked="true"]`).waitFor({ timeout: 10_000 });
    expect((await postSigned(serve.port, API_ROUTES.orders, apiOrder, key)).status, 'signed with the revoked key').toBe(403);
    await page.getByTestId('settings-close').click();

    // The authenticators list shows the one registered; the last one cannot be removed.
    await page.getByTestId('interlock-manage').click();
    await expect.poll(() => page.getByTestId('interlock-credential').count()).toBe(1);
    expect(await page.getByTestId('interlock-remove').isDisabled()).toBe(true);
    expect(problems.errors).toEqual([]);
    await page.close();
  }, 60_000);
});
