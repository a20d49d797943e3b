import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RISK_PROFILE } from '../../src/shared';
import { unlockWithVirtualAuthenticator } from '../support/interlock';
import { serveOnSimulator, type ServedOnSimulator } from '../support/serve-on-simulator';
import { blotterStatuses, openTerminal, submitTicket } from '../support/terminal-page';

// End to end (issue 9 point 5): `floor serve` on the gateway simulator logged in live (U1234567,
// its port in Floor's live port list; tests/ib-gateway-sim over the GOOG 2012-06-21 LOBSTER excerpt
// in ../shared/data), driven in Chromium with a virtual authenticator: the switch to live through
// the header's dialog (typed account id, fresh check), the red frame and the LIVE labels, an order
// through the live gateway, automation armed and disarmed from the header, and back to paper
// keeping the live order working. With FLOOR_SCREENSHOT_DIR set it saves the header in paper and in live.

const shots = process.env.FLOOR_SCREENSHOT_DIR;

async function screenshotHeader(page: Page, name: string): Promise<void> {
  if (shots !== undefined) await page.locator('header.header').screenshot({ path: path.join(shots, `${name}.png`) });
}

describe('paper and live in Chromium (gateway simulator logged in live)', () => {
  let served: ServedOnSimulator | undefined;

  beforeAll(async () => {
    // One arming of automation lasts an hour, whatever time of day the test runs at (the default ends it at the session close).
    served = await serveOnSimulator({ mode: 'live', profile: { ...DEFAULT_RISK_PROFILE, automationArmMinutes: 60 } });
  }, 60_000);

  afterAll(async () => {
    await served?.close();
  }, 30_000);

  it('switches to live, looks live, sends an order through the live gateway, arms automation, and goes back to paper', async () => {
    const stopTicking = served!.tick();
    const { stand, serve, browser } = served!;
    const { page, problems } = await openTerminal(browser, serve.launchUrl);
    await page.locator('[data-testid="header-connection"][data-state="connected"]').waitFor({ timeout: 15_000 });
    await unlockWithVirtualAuthenticator(page);
    // In paper the live gateway is refused, and the screen is not framed.
    await page.locator('[data-testid="gateway-state"][data-phase="REFUSED"]').waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="header-mode"]', { hasText: /^PAPER$/ }).waitFor();
    expect(await page.getByTestId('app').getAttribute('data-mode')).toBe('PAPER');
    await screenshotHeader(page, 'header-paper');

    await page.getByTestId('mode-go-live').click();
    await page.getByTestId('mode-live-ready').waitFor({ timeout: 5_000 });
    expect(await page.getByTestId('mode-live-confirm').isDisabled(), 'nothing typed yet').toBe(true);
    await page.getByTestId('mode-live-account').fill('U1234567');
    if (shots !== undefined) await page.getByTestId('mode-live-dialog').locator('form').screenshot({ path: path.join(shots, 'live-switch-dialog.png') });
    await page.getByTestId('mode-live-confirm').click();
    await page.locator('[data-testid="header-mode"]', { hasText: /^LIVE$/ }).waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('mode-live-dialog').count()).toBe(0);
    expect(await page.getByTestId('header-live-account').textContent()).toBe('U1234567');
    // The red frame: drawn around the whole window, above every panel.
    const frame = await page.getByTestId('app').evaluate((app) => {
      const style = getComputedStyle(app, '::after');
      return { color: style.borderTopColor, width: style.borderTopWidth, position: style.position, inset: [style.top, style.left, style.right, style.bottom] };
    });
    expect(frame).toEqual({ color: 'rgb(248, 81, 73)', width: '4px', position: 'fixed', inset: ['0px', '0px', '0px', '0px'] });
    await page.locator('[data-testid="gateway-state"][data-phase="CONNECTED"]').waitFor({ timeout: 10_000 });

    // An order through the live gateway: the button says LIVE.
    await page.getByTestId('ticket-side-buy').click();
    await page.getByTestId('ticket-quantity').fill('100');
    await expect.poll(async () => ((await page.getByTestId('ticket-price-bid').isEnabled()) ? 1 : 0), { timeout: 10_000 }).toBe(1);
    await page.getByTestId('ticket-price-bid').click();
    // A dollar under the bid: it rests at the gateway (inside the 5% price collar).
    const bid = Number(await page.getByTestId('ticket-limit-price').inputValue());
    await page.getByTestId('ticket-limit-price').fill((bid - 1).toFixed(2));
    expect(await page.getByTestId('ticket-submit').textContent()).toBe(`BUY 100 GOOG LIVE @ ${(bid - 1).toFixed(2)}`);
    await screenshotHeader(page, 'header-live');
    // 10 shares: inside the default risk profile's limits against the live account's net liquidation.
    await page.getByTestId('ticket-quantity').fill('10');
    expect(await page.getByTestId('ticket-submit').textContent()).toBe(`BUY 10 GOOG LIVE @ ${(bid - 1).toFixed(2)}`);
    if (shots !== undefined) await page.screenshot({ path: path.join(shots, 'terminal-live.png') });
    const live = await submitTicket(page);
    // "Pending" in the blotter (SUBMITTED or ACCEPTED); the gateway has it working.
    await expect.poll(async () => (await blotterStatuses(page))[live], { timeout: 10_000 }).toMatch(/^(SUBMITTED|ACCEPTED)$/);
    await expect.poll(() => [...stand.sim.broker.workingOrders()].map((o) => o.orderRef), { timeout: 10_000 }).toContain(live);
    expect(await page.getByTestId('account-cash').count(), 'live: the live account\'s cash is IB\'s').toBe(0);
    const atIb = () => [...stand.sim.broker.workingOrders(), ...stand.sim.broker.completedOrders()].filter((o) => o.orderRef === live).length;
    expect(atIb(), 'the order reached the live gateway once').toBe(1);

    // Automation: one check arms it, the header counts down, Disarm ends it.
    await page.getByTestId('automation-arm-button').click();
    await page.getByTestId('automation-armed').waitFor({ timeout: 10_000 });
    await screenshotHeader(page, 'header-live-automation-armed');
    expect(await page.getByTestId('automation-armed').textContent()).toMatch(/^Automation armed (1:00:00|59:5\d)$/);
    await page.getByTestId('automation-disarm').click();
    await page.getByTestId('automation-arm-button').waitFor({ timeout: 5_000 });

    // Back to paper: Floor asks about the working live order and keeps it working when told to.
    await page.getByTestId('mode-back-to-paper').click();
    await page.getByTestId('mode-paper-dialog').waitFor({ timeout: 5_000 });
    expect(await page.getByTestId('mode-paper-live-orders').textContent()).toContain(live);
    if (shots !== undefined) await page.getByTestId('mode-paper-dialog').locator('.interlock-modal__card').screenshot({ path: path.join(shots, 'back-to-paper-dialog.png') });
    await page.getByTestId('mode-paper-keep-orders').click();
    await page.locator('[data-testid="header-mode"]', { hasText: /^PAPER$/ }).waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('app').getAttribute('data-mode')).toBe('PAPER');
    await expect.poll(() => page.locator(`[data-testid="order-row"][data-client-order-id="${live}"]`).count(), { timeout: 5_000 }).toBe(0);
    expect(await page.getByTestId('header-other-mode-orders').textContent()).toBe('1 live order open');
    await screenshotHeader(page, 'header-paper-after-live');
    expect([...stand.sim.broker.workingOrders()].map((o) => o.orderRef), 'nothing canceled at the broker').toContain(live);
    expect(problems.errors, 'page errors, console errors and CSP violations').toEqual([]);
    await stopTicking();
    await page.close();
  }, 90_000);
});
