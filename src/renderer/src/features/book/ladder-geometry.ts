/**
 * Where things go on the ladder canvas, in CSS pixels (the painter scales by devicePixelRatio).
 * Pure arithmetic, so hit testing and drawing agree by construction.
 */

/** Height of the column-title band at the top. */
export const HEADER_HEIGHT = 20;
/** Height of one price row. */
export const ROW_HEIGHT = 18;
/** Height of the band between the best ask and the best bid that shows the spread. */
export const SPREAD_HEIGHT = 16;

/** Horizontal extents of the ladder's columns: [x, width] each. */
export interface LadderColumns {
  readonly ourBuy: readonly [number, number];
  readonly bid: readonly [number, number];
  readonly price: readonly [number, number];
  readonly ask: readonly [number, number];
  readonly ourSell: readonly [number, number];
  readonly traded: readonly [number, number];
}

/**
 * Splits `width` into the columns: our buys | bid size | price | ask size | our sells | recent trades.
 * Proportions favour the size bars, which carry most of the information.
 */
export function ladderColumns(width: number): LadderColumns {
  const weights = [0.13, 0.22, 0.2, 0.22, 0.13, 0.1] as const;
  const spans: (readonly [number, number])[] = [];
  let x = 0;
  for (const weight of weights) {
    const w = Math.floor(width * weight);
    spans.push([x, w]);
    x += w;
  }
  // The last column takes the rounding remainder so the columns tile the full width.
  const last = spans[5]!;
  spans[5] = [last[0], width - last[0]];
  return {
    ourBuy: spans[0]!,
    bid: spans[1]!,
    price: spans[2]!,
    ask: spans[3]!,
    ourSell: spans[4]!,
    traded: spans[5]!,
  };
}

/** The rows that fit, and where each one and the spread band are drawn. */
export interface LadderViewport {
  /** Index into the model's rows of the first visible row. */
  readonly start: number;
  /** Number of visible rows. */
  readonly count: number;
  /** Empty space (CSS px) above the first row, so a short ladder still has the spread in the middle. */
  readonly padTop: number;
  /** y of the spread band's top, or null when the split is not visible. */
  readonly spreadY: number | null;
}

/** How many rows fit in `height` CSS px beneath the header, leaving room for the spread band. */
export function rowCapacity(height: number): number {
  return Math.max(0, Math.floor((height - HEADER_HEIGHT - SPREAD_HEIGHT) / ROW_HEIGHT));
}

/**
 * Chooses the visible window of `rowCount` rows for a canvas `height` px tall, centring the spread
 * (the split between asks and bids, at `splitIndex`) so the touch stays in the middle of the ladder,
 * as on a DOM ladder: when the rows do not fill the canvas, blank space goes above the asks rather than
 * letting the touch drift to the top.
 */
export function ladderViewport(rowCount: number, splitIndex: number, height: number): LadderViewport {
  const capacity = rowCapacity(height);
  const count = Math.min(capacity, rowCount);
  const half = Math.floor(capacity / 2);
  const start = Math.max(0, Math.min(splitIndex - half, rowCount - count));
  const padRows = Math.max(0, Math.min(half - (splitIndex - start), capacity - count));
  const padTop = padRows * ROW_HEIGHT;
  const splitVisible = splitIndex >= start && splitIndex <= start + count;
  return {
    start,
    count,
    padTop,
    spreadY: splitVisible ? HEADER_HEIGHT + padTop + (splitIndex - start) * ROW_HEIGHT : null,
  };
}

/** Top y (CSS px) of the visible row `index` (model index), given the viewport and the split. */
export function rowTop(index: number, viewport: LadderViewport, splitIndex: number): number {
  const offset = index >= splitIndex && viewport.spreadY !== null ? SPREAD_HEIGHT : 0;
  return HEADER_HEIGHT + viewport.padTop + (index - viewport.start) * ROW_HEIGHT + offset;
}

/** The model index of the row under y (CSS px), or null for the header, the spread band or empty space. */
export function rowAt(y: number, viewport: LadderViewport, splitIndex: number): number | null {
  for (let index = viewport.start; index < viewport.start + viewport.count; index += 1) {
    const top = rowTop(index, viewport, splitIndex);
    if (y >= top && y < top + ROW_HEIGHT) return index;
  }
  return null;
}

/** Width (CSS px) of a size bar in a column `columnWidth` wide: proportional to size/maxSize, at least 1 px when non-zero. */
export function barWidth(size: number, maxSize: number, columnWidth: number): number {
  if (size <= 0 || maxSize <= 0) return 0;
  return Math.max(1, Math.round((Math.min(size, maxSize) / maxSize) * columnWidth));
}
