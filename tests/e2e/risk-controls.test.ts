import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type TestBrowser } from '../support/chromium';
import { unlockWithVirtualAuthenticator } from '../support/interlock';
import { GOOG_EXCERPT, ServeScope } from '../support/serve-process';
import { openTerminal, orderRow, submitTicket, waitForLiveTerminal, type PageProblems } from '../support/terminal-page';

// End to end (issue 3, "works through the UI"): the risk controls driven through Chromium against
// `floor serve` on the GOOG excerpt. Each test opens a terminal of its own (fresh data folder) and
// pauses the replay first so every step sees the same book: a resting order stays working until the
// kill switch pulls it, and a market order fills at once.

/** Fast enough that the page can pause it long before the 6-minute excerpt ends. */
const REPLAY_SPEED = 5;
/** Shares per order: far inside the default risk profile's size and exposure limits. */
const QUANTITY = '10';

let browser: TestBrowser | undefined;
const serves = new ServeScope();

beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);

afterEach(() => serves.dispose(), 30_000);

afterAll(async () => {
  await browser?.close();
});

/** A terminal of the test's own: serve on the excerpt, the page live, the interlock passed, the replay paused. */
async function pausedTerminal(): Promise<{ page: Page; problems: PageProblems }> {
  const serve = await serves.start({ replay: GOOG_EXCERPT, speed: REPLAY_SPEED });
  const terminal = await openTerminal(browser!, serve.launchUrl);
  const { page } = terminal;
  await waitForLiveTerminal(page);
  await unlockWithVirtualAuthenticator(page);
  await page.getByTestId('replay-pause').click();
  await page.locator('[data-testid="replay-pause"][data-paused="true"]').waitFor({ timeout: 5_000 });
  return terminal;
}

async function fillTicket(page: Page, options: { side: 'BUY' | 'SELL'; type: 'LIMIT' | 'MARKET' }): Promise<void> {
  await page.getByTestId(options.side === 'BUY' ? 'ticket-side-buy' : 'ticket-side-sell').click();
  await page.getByTestId('ticket-type').selectOption(options.type);
  await page.getByTestId('ticket-quantity').fill(QUANTITY);
  if (options.type === 'LIMIT') await page.getByTestId('ticket-price-bid').click();
}

function tradingState(page: Page): Promise<string | null> {
  return page.getByTestId('header-trading-state').getAttribute('data-state');
}

describe('risk controls in the browser', () => {
  it('kill switch hotkey halts trading, cancels the working order, raises an alert and denies new orders until resumed', async () => {
    const { page, problems } = await pausedTerminal();
    await fillTicket(page, { side: 'BUY', type: 'LIMIT' });
    const resting = await submitTicket(page);
    await orderRow(page, resting, 'ACCEPTED').waitFor({ timeout: 5_000 });

    await page.keyboard.press('Control+Shift+K');
    await expect.poll(() => tradingState(page), { timeout: 5_000 }).toBe('HALTED');
    await orderRow(page, resting, 'CANCELED').waitFor({ timeout: 5_000 });
    await expect(page.getByTestId('alert-banner').getAttribute('data-code')).resolves.toBe('KILL_SWITCH');

    // While halted the order path itself refuses: the order is recorded as DENIED with the reason.
    const refused = await submitTicket(page);
    await orderRow(page, refused, 'DENIED').waitFor({ timeout: 5_000 });
    await expect.poll(() => page.getByTestId('ticket-message').textContent()).toMatch(/halted/i);

    // Resuming after a HALT needs an interlock check made after the halt.
    await page.locator('[data-testid="interlock-panel"][data-needs-check="true"]').waitFor({ timeout: 5_000 });
    await page.getByTestId('interlock-unlock').click();
    await page.locator('[data-testid="interlock-panel"][data-verified="true"][data-needs-check="false"]').waitFor({ timeout: 10_000 });
    // Resuming is an explicit, confirmed action.
    await page.getByTestId('resume-trading').click();
    await page.getByTestId('resume-trading-confirm').click();
    await expect.poll(() => tradingState(page), { timeout: 5_000 }).toBe('ACTIVE');
    expect(problems.errors, 'page errors, console errors and CSP violations').toEqual([]);
    await page.close();
  });

  it('stages ticket orders once the risk profile asks for manual approval, and sends one when approved', async () => {
    const { page, problems } = await pausedTerminal();
    await page.getByTestId('settings-open').click();
    await page.getByTestId('settings-field-approval.TICKET').selectOption('MANUAL');
    await page.getByTestId('settings-save').click();
    await page.locator('[data-testid="settings-status"][data-kind="success"]').waitFor({ timeout: 5_000 });
    await page.getByTestId('settings-close').click();

    await fillTicket(page, { side: 'BUY', type: 'MARKET' });
    const staged = await submitTicket(page);
    await orderRow(page, staged, 'STAGED').waitFor({ timeout: 5_000 });

    await page.getByTestId('approvals-tab').click();
    const row = page.locator(`[data-testid="approval-row"][data-client-order-id="${staged}"]`);
    await row.waitFor({ timeout: 5_000 });
    await row.getByTestId('approval-approve').click();
    await row.waitFor({ state: 'detached', timeout: 5_000 });

    await page.getByTestId('orders-tab').click();
    await orderRow(page, staged, 'FILLED').waitFor({ timeout: 5_000 });
    await expect
      .poll(async () => Number(await page.locator('[data-testid="position-row"][data-instrument="GOOG"]').getAttribute('data-quantity')))
      .toBe(Number(QUANTITY));
    expect(problems.errors, 'page errors, console errors and CSP violations').toEqual([]);
    await page.close();
  });
});
