/**
 * L2 update arriving at the host -> painted in Chromium (issue 2, point 9; target p99 <= 25 ms at 10x).
 *
 * A real `floor serve` child replays the full GOOG level-10 day at real speed; headless Debian
 * Chromium opens its launch URL. The host stamps each book snapshot with the arrival time of the
 * oldest market update folded into it (`stampedAt`, performance.timeOrigin + performance.now() ms);
 * the ladder draws a new book as soon as it arrives and then records `now - stampedAt` (from the
 * oldest book not yet painted) into window.__floorMetrics (src/renderer/src/features/book/BookLadder.tsx,
 * paint-metrics.ts). This bench resets
 * those metrics, lets the replay run for WINDOW_MS, reads them back, switches the replay to 10x with
 * the header's speed control, and does the same again.
 *
 * Guards against a flattering or empty figure (each prints an ERROR line instead of numbers):
 * - no book painted in the window (a page that never rendered, a paused or finished replay);
 * - the replay clock not moving at about the requested speed (measured from the header's market time);
 * - the ring buffer's length disagreeing with its counter.
 * It also prints the page's clock offset against this process (both use timeOrigin + now(); an offset
 * of more than a millisecond would bias every sample), the paints per second, and how many book
 * pushes reached the page but were replaced by a newer one before the next frame (their older stamps
 * are not measured: the figure is per painted book, not per market update).
 *
 * Prints book_paint_latency_1x and book_paint_latency_10x (p50/p99 ms, with n), and for each the
 * host + transport share, `<name>_host_to_page_share`: stamp -> arrival in the page's WebSocket, per push.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { METRICS_CAPACITY } from '../../src/renderer/src/features/book/paint-metrics';
import { launchChromium, type TestBrowser } from '../support/chromium';
import { GOOG_FULL_DAY, removeDataDir, startServe, type ServeProcess } from '../support/serve-process';
import { reportPercentiles } from './report';

/** Collection window per speed, ms of wall time. */
const WINDOW_MS = 20_000;
/** How long to wait for the page to connect and paint its first books. */
const READY_TIMEOUT_MS = 30_000;
/** Settling time after a speed change before the metrics are reset. */
const SETTLE_MS = 1_000;
/** The replay clock must advance at least this fraction of the requested speed, or the figure is void. */
const MIN_RATE_FRACTION = 0.5;

interface Collected {
  samples: number[];
  painted: number;
  ringLength: number;
  pushes: number;
  /** Host stamp -> arrival in the page, per push (ms). */
  arrivalMs: number[];
  wallMs: number;
  marketSeconds: number;
}

/**
 * Runs in the page before its own scripts: a WebSocket listener registered ahead of the renderer's
 * that counts book pushes and records, per push, ms from the host's stamp to its arrival in the page
 * (the host + transport share of the latency; the rest is the renderer waiting for and drawing a frame).
 */
const WATCH_BOOK_PUSHES = `(() => {
  const Native = window.WebSocket;
  window.__benchBookPushes = { count: 0, arrivalMs: [] };
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        if (typeof event.data !== 'string' || !event.data.startsWith('{"kind":"push","topic":"book"')) return;
        const now = performance.timeOrigin + performance.now();
        const match = /"stampedAt":([-0-9.e+]+)/.exec(event.data);
        const pushes = window.__benchBookPushes;
        pushes.count++;
        if (match && pushes.arrivalMs.length < ${METRICS_CAPACITY}) pushes.arrivalMs.push(now - Number(match[1]));
      });
    }
  };
})();`;

interface BookPushWatch {
  count: number;
  arrivalMs: number[];
}

async function marketTimeNs(page: Page): Promise<number> {
  const value = await page.getByTestId('header-replay-time').getAttribute('data-market-time');
  const ns = Number(value);
  if (value === null || !Number.isFinite(ns)) throw new Error(`header-replay-time has no numeric data-market-time (got ${value})`);
  return ns;
}

/** Clears both metrics fields in place (the ladder holds a reference to the object) and the push counter. */
async function resetMetrics(page: Page): Promise<void> {
  await page.evaluate(() => {
    const metrics = window.__floorMetrics;
    if (!metrics) throw new Error('window.__floorMetrics is missing: the book ladder never mounted');
    metrics.bookPaintLatencyMs.length = 0;
    metrics.booksPainted = 0;
    (window as unknown as { __benchBookPushes: BookPushWatch }).__benchBookPushes = { count: 0, arrivalMs: [] };
  });
}

/** Resets, waits WINDOW_MS, reads the samples (all of them, or the newest METRICS_CAPACITY once the ring wrapped). */
async function collect(page: Page): Promise<Collected> {
  const startMarket = await marketTimeNs(page);
  await resetMetrics(page);
  const start = performance.now();
  await page.waitForTimeout(WINDOW_MS);
  const read = await page.evaluate(() => {
    const metrics = window.__floorMetrics!;
    return {
      painted: metrics.booksPainted,
      ringLength: metrics.bookPaintLatencyMs.length,
      ring: metrics.bookPaintLatencyMs.slice(),
      pushes: (window as unknown as { __benchBookPushes: BookPushWatch }).__benchBookPushes,
    };
  });
  const wallMs = performance.now() - start;
  const endMarket = await marketTimeNs(page);
  const expectedLength = Math.min(read.painted, METRICS_CAPACITY);
  if (read.ringLength !== expectedLength) {
    throw new Error(`metrics ring holds ${read.ringLength} samples for ${read.painted} painted books (expected ${expectedLength})`);
  }
  // Before wrapping, sample i is at index i; after, the ring holds the newest METRICS_CAPACITY in rotated order.
  return {
    samples: read.ring.slice(0, expectedLength),
    painted: read.painted,
    ringLength: read.ringLength,
    pushes: read.pushes.count,
    arrivalMs: read.pushes.arrivalMs,
    wallMs,
    marketSeconds: (endMarket - startMarket) / 1e9,
  };
}

/** Page clock minus this process's clock (both timeOrigin + now(), ms), with the round trip's half-width. */
async function clockOffset(page: Page): Promise<{ offsetMs: number; uncertaintyMs: number }> {
  let best = { offsetMs: 0, uncertaintyMs: Number.POSITIVE_INFINITY };
  for (let i = 0; i < 10; i++) {
    const before = performance.timeOrigin + performance.now();
    const pageNow = await page.evaluate(() => performance.timeOrigin + performance.now());
    const after = performance.timeOrigin + performance.now();
    const half = (after - before) / 2;
    if (half < best.uncertaintyMs) best = { offsetMs: pageNow - (before + after) / 2, uncertaintyMs: half };
  }
  return best;
}

function report(name: string, speed: number, w: Collected): void {
  const rate = w.marketSeconds / (w.wallMs / 1000);
  const detail =
    `  ${name}: ${w.painted} books painted in ${(w.wallMs / 1000).toFixed(1)} s ` +
    `(${((w.painted * 1000) / w.wallMs).toFixed(1)}/s), ${w.pushes} book pushes reached the page ` +
    `(${Math.max(0, w.pushes - w.painted)} replaced before a frame), replay ran at ${rate.toFixed(2)}x`;
  console.log(detail);
  if (w.samples.length === 0) {
    console.log(`BENCH ${name} ERROR no book was painted in the window (pushes=${w.pushes}); nothing to measure`);
    process.exitCode = 1;
    return;
  }
  if (rate < speed * MIN_RATE_FRACTION) {
    console.log(`BENCH ${name} ERROR the replay ran at ${rate.toFixed(2)}x, not ~${speed}x; the figure would not be at the requested rate`);
    process.exitCode = 1;
    return;
  }
  const negative = w.samples.filter((x) => x < 0).length;
  if (negative > 0) console.log(`  ${name}: ${negative} negative samples (clock skew between host and page)`);
  if (w.painted > w.ringLength) console.log(`  ${name}: ring wrapped; the newest ${w.ringLength} of ${w.painted} samples are used`);
  reportPercentiles(name, w.samples, 'ms');
  if (w.arrivalMs.length > 0) reportPercentiles(`${name}_host_to_page_share`, w.arrivalMs, 'ms (stamp -> page WebSocket, every push)');
}

export default async function (): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'floor-bench-paint-'));
  let serve: ServeProcess | undefined;
  let browser: TestBrowser | undefined;
  const pageErrors: string[] = [];
  try {
    serve = await startServe({ replay: GOOG_FULL_DAY, speed: 1, dataDir });
    browser = await launchChromium();
    await browser.context.addInitScript(WATCH_BOOK_PUSHES);
    const page = await browser.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(serve.launchUrl);
    await page.locator('[data-testid="header-connection"][data-state="connected"]').waitFor({ timeout: READY_TIMEOUT_MS });
    await page.waitForFunction(() => (window.__floorMetrics?.booksPainted ?? 0) >= 10, null, { timeout: READY_TIMEOUT_MS });

    const clock = await clockOffset(page);
    console.log(`  book_paint: page clock - bench clock = ${clock.offsetMs.toFixed(3)} ms (+/- ${clock.uncertaintyMs.toFixed(3)} ms)`);

    report('book_paint_latency_1x', 1, await collect(page));

    await page.getByTestId('replay-speed').selectOption('10');
    await page.waitForFunction(
      () => (document.querySelector('[data-testid="replay-speed"]') as HTMLSelectElement | null)?.value === '10',
      null,
      { timeout: READY_TIMEOUT_MS },
    );
    await page.waitForTimeout(SETTLE_MS);
    report('book_paint_latency_10x', 10, await collect(page));
  } finally {
    if (pageErrors.length > 0) console.log(`  book_paint: page errors: ${pageErrors.join(' | ')}`);
    await browser?.close();
    await serve?.stop();
    removeDataDir(dataDir);
  }
}
