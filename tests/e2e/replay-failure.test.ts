import { copyFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type TestBrowser } from '../support/chromium';
import { craftPair, field, lobsterNanos, readLines, withField, GOOG_PAIRS } from '../support/lobster-craft';
import { unlockWithVirtualAuthenticator } from '../support/interlock';
import { openTerminal } from '../support/terminal-page';
import { shutDown, startServe, type ServeProcess } from '../support/serve-process';

// End to end (issue 17 point 2): `floor serve` replaying a GOOG excerpt (../shared/data, crafted into
// a temp folder) whose line 873, a hidden execution, carries LOBSTER's placeholder price 9999999999.
// At 100x the replay reaches it ~0.3 s after start; the page must show where and why it stopped,
// with book and clock at the last good event, and let the trader seek back or open another day
// (the same excerpt under the next date's name, beside it).

const BAD = 873;
const SCREENSHOT = path.join(os.tmpdir(), 'floor-replay-banner.png');

describe('a replay stopped on bad data, in Chromium', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'floor-e2e-replay-'));
  let serve: ServeProcess | undefined;
  let browser: TestBrowser | undefined;
  let message = '';
  let nextDay = '';

  beforeAll(async () => {
    message = craftPair(tmp, { from: 'excerpt', messages: (lines) => lines.map((line, i) => (i === BAD - 1 ? withField(line, 4, '9999999999') : line)) }).message;
    nextDay = path.join(path.dirname(message), path.basename(message).replace('2012-06-21', '2012-06-22'));
    copyFileSync(GOOG_PAIRS.excerpt.message, nextDay);
    copyFileSync(GOOG_PAIRS.excerpt.orderbook, nextDay.replace('_message_', '_orderbook_'));
    serve = await startServe({ replay: message, speed: 100, dataDir: path.join(tmp, 'data') });
    browser = await launchChromium();
  }, 60_000);

  afterAll(() => shutDown(browser, serve, tmp), 30_000);

  it('shows the banner with file:line and the reason, seeks back, and opens another day', async () => {
    expect(field(readLines(GOOG_PAIRS.excerpt.message)[BAD - 1]!, 1), 'line 873 is a hidden execution').toBe('5');
    const lastGood = lobsterNanos(field(readLines(GOOG_PAIRS.excerpt.message)[BAD - 2]!, 0));
    const { page, problems } = await openTerminal(browser!, serve!.launchUrl);
    // The replay stopped before the page opened: no book pushes follow, so no waiting for a live ladder.
    await page.locator('[data-testid="header-connection"][data-state="connected"]').waitFor({ timeout: 15_000 });
    // First run: the interlock dialog covers the page until an authenticator is registered.
    await unlockWithVirtualAuthenticator(page);

    const banner = page.getByTestId('replay-banner');
    await banner.waitFor({ timeout: 15_000 });
    expect(await banner.getAttribute('data-line')).toBe(String(BAD));
    expect(await page.getByTestId('replay-banner-place').textContent()).toBe(`${path.basename(message)}:${BAD}`);
    expect(await page.getByTestId('replay-banner-reason').textContent()).toMatch(/^price 9999999999 is LOBSTER's placeholder for an empty ask level/);
    // Book and clock at the last good event; Resume cannot play past it.
    await page.locator(`[data-testid="header-replay-time"][data-market-time="${lastGood}"]`).waitFor({ timeout: 5_000 });
    expect(await page.getByTestId('replay-pause').isDisabled()).toBe(true);
    expect(serve!.stderr()).toContain(`${message}:${BAD}: price 9999999999`);
    await page.screenshot({ path: SCREENSHOT, clip: { x: 0, y: 0, width: 1600, height: 140 } });
    console.log(`replay banner screenshot: ${SCREENSHOT}`);

    // Seek back: the banner goes, the replay stands paused at the session start.
    await page.getByTestId('replay-banner-seek-back').click();
    await banner.waitFor({ state: 'detached', timeout: 10_000 });
    await page.locator(`[data-testid="header-replay-time"][data-market-time="${34_200 * 1e9}"]`).waitFor({ timeout: 5_000 });
    await page.locator('[data-testid="replay-pause"][data-paused="true"]:not([disabled])').waitFor({ timeout: 5_000 });

    // Resume plays up to the bad line again; then another day of GOOG.
    await page.getByTestId('replay-pause').click();
    await banner.waitFor({ timeout: 15_000 });
    const days = page.getByTestId('replay-banner-days');
    await days.waitFor({ timeout: 5_000 });
    await days.selectOption(nextDay);
    await page.getByTestId('replay-banner-open').click();
    await banner.waitFor({ state: 'detached', timeout: 10_000 });
    await page.locator('[data-testid="header-source"]', { hasText: 'LOBSTER 2012-06-22' }).waitFor({ timeout: 5_000 });
    expect(problems.errors).toEqual([]);
  }, 90_000);
});
