import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { TestBrowser } from './chromium';

/**
 * Page helpers for the end-to-end tests: open the terminal from its launch URL, wait for a live
 * book, read the blotter, submit the ticket. Test ids are the renderer's data-testid attributes.
 */

/** What the page reported that a trader would call broken: uncaught errors, console errors, CSP violations. */
export interface PageProblems {
  readonly errors: string[];
}

/** Opens the launch URL in a new tab and records page errors, console errors and CSP violations. */
export async function openTerminal(browser: TestBrowser, launchUrl: string): Promise<{ page: Page; problems: PageProblems }> {
  const page = await browser.context.newPage();
  const problems: PageProblems = { errors: [] };
  page.on('pageerror', (error) => problems.errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.errors.push(`console.error: ${message.text()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || '(inline)'}`);
    });
  });
  const response = await page.goto(launchUrl, { waitUntil: 'load', timeout: 15_000 });
  expect(response?.status(), 'the page behind the launch URL').toBe(200);
  return { page, problems };
}

/** Waits until the header shows PAPER and a live connection, and the ladder canvas has painted a book. */
export async function waitForLiveTerminal(page: Page): Promise<void> {
  await page.locator('[data-testid="header-connection"][data-state="connected"]').waitFor({ timeout: 15_000 });
  await page.locator('[data-testid="header-mode"]', { hasText: /^PAPER$/ }).waitFor({ timeout: 5_000 });
  // Drawn = at least one book painted and the canvas holds more than a background and a grid line.
  await page.waitForFunction(
    () => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="book-canvas"]');
      if (!canvas || canvas.width === 0 || canvas.height === 0 || (window.__floorMetrics?.booksPainted ?? 0) === 0) return false;
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      const colours = new Set<number>();
      for (let i = 0; i < pixels.length && colours.size <= 8; i += 4 * 7) {
        colours.add((pixels[i]! << 16) | (pixels[i + 1]! << 8) | pixels[i + 2]!);
      }
      return colours.size > 8;
    },
    undefined,
    { timeout: 10_000, polling: 100 },
  );
}

/** Every order row of the blotter as clientOrderId -> OrderStatus. */
export async function blotterStatuses(page: Page): Promise<Record<string, string>> {
  const rows = await page
    .getByTestId('order-row')
    .evaluateAll((cells) => cells.map((cell) => [cell.getAttribute('data-client-order-id') ?? '', cell.getAttribute('data-status') ?? '']));
  return Object.fromEntries(rows);
}

/** Submits the ticket as it stands and returns the client order id of the order that appeared in the blotter. */
export async function submitTicket(page: Page): Promise<string> {
  const before = Object.keys(await blotterStatuses(page));
  await page.getByTestId('ticket-submit').click();
  let created: string[] = [];
  await expect
    .poll(
      async () => {
        created = Object.keys(await blotterStatuses(page)).filter((id) => !before.includes(id));
        return created.length;
      },
      { timeout: 5_000 },
    )
    .toBe(1);
  return created[0]!;
}

/** The order-row cell of `clientOrderId` while it shows `status` (an OrderStatus). */
export function orderRow(page: Page, clientOrderId: string, status: string) {
  return page.locator(`[data-testid="order-row"][data-client-order-id="${clientOrderId}"][data-status="${status}"]`);
}
