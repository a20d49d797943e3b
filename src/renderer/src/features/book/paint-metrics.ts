/**
 * The diagnostics hook the paint-latency benchmark reads (issue 2, point 9: "L2 update arriving at the
 * host -> painted in Chromium"): `window.__floorMetrics`.
 * - `bookPaintLatencyMs`: a ring buffer of at most METRICS_CAPACITY samples, ms from the host's arrival
 *   stamp of a book update to the end of the canvas draw that showed it. Once full, the oldest sample is
 *   overwritten in place (sample i lives at index i % capacity), so the array's order is not chronological.
 * - `booksPainted`: how many book snapshots have been painted (total, not capped).
 * Both clocks are performance.timeOrigin + performance.now() (ms since epoch) on the same machine.
 */
export interface FloorMetrics {
  bookPaintLatencyMs: number[];
  booksPainted: number;
}

/** Samples kept: a few minutes at 60 frames/s. */
export const METRICS_CAPACITY = 16_384;

/** Creates the metrics object on `target` (the window) unless one is there, and returns it. */
export function installFloorMetrics(target: { __floorMetrics?: FloorMetrics }): FloorMetrics {
  target.__floorMetrics ??= { bookPaintLatencyMs: [], booksPainted: 0 };
  return target.__floorMetrics;
}

/** Records one painted book with its latency (ms), overwriting the oldest sample once the buffer is full. */
export function recordBookPaint(metrics: FloorMetrics, latencyMs: number, capacity = METRICS_CAPACITY): void {
  metrics.bookPaintLatencyMs[metrics.booksPainted % capacity] = latencyMs;
  metrics.booksPainted += 1;
}

declare global {
  interface Window {
    __floorMetrics?: FloorMetrics;
  }
}
