import { formatPrice, formatShares, formatDollars } from '../../../../shared';
import { RECENT_TRADE_WINDOW_MS } from '../../state';
import {
  barWidth,
  HEADER_HEIGHT,
  ladderColumns,
  ladderViewport,
  ROW_HEIGHT,
  rowTop,
  SPREAD_HEIGHT,
  type LadderViewport,
} from './ladder-geometry';
import type { LadderModel } from './ladder-model';

/** The ladder's palette; matches the CSS variables of the dark theme (styles/theme.css). */
const COLORS = {
  background: '#0d1117',
  rowAlt: '#111722',
  header: '#161b22',
  headerText: '#8b949e',
  grid: '#21262d',
  text: '#c9d1d9',
  dim: '#6e7681',
  bidText: '#3fb950',
  askText: '#f85149',
  bidBar: 'rgba(46, 160, 67, 0.35)',
  askBar: 'rgba(248, 81, 73, 0.32)',
  bestBid: 'rgba(46, 160, 67, 0.16)',
  bestAsk: 'rgba(248, 81, 73, 0.14)',
  ourOrder: '#1f6feb',
  ourOrderText: '#ffffff',
  buyTrade: 'rgb(63, 185, 80)',
  sellTrade: 'rgb(248, 81, 73)',
  spreadText: '#d29922',
} as const;

const FONT = '11px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';
const BOLD_FONT = `600 ${FONT}`;

/** What a paint needs besides the model: the canvas size in CSS px and the wall clock (ms) for trade fading. */
export interface PaintInput {
  readonly model: LadderModel;
  readonly width: number;
  readonly height: number;
  readonly nowMs: number;
}

/**
 * Draws the whole ladder into `ctx`, whose transform already maps CSS px to device px. Returns the
 * viewport it used so clicks can be mapped back to rows.
 */
export function paintLadder(ctx: CanvasRenderingContext2D, input: PaintInput): LadderViewport {
  const { model, width, height, nowMs } = input;
  const columns = ladderColumns(width);
  const viewport = ladderViewport(model.rows.length, model.splitIndex, height);

  ctx.fillStyle = COLORS.background;
  ctx.fillRect(0, 0, width, height);
  ctx.font = FONT;
  ctx.textBaseline = 'middle';

  // Column titles.
  ctx.fillStyle = COLORS.header;
  ctx.fillRect(0, 0, width, HEADER_HEIGHT);
  ctx.fillStyle = COLORS.headerText;
  ctx.textAlign = 'center';
  const titles: [readonly [number, number], string][] = [
    [columns.ourBuy, 'Buy'],
    [columns.bid, 'Bid'],
    [columns.price, 'Price'],
    [columns.ask, 'Ask'],
    [columns.ourSell, 'Sell'],
    [columns.traded, 'Trd'],
  ];
  for (const [[x, w], title] of titles) ctx.fillText(title, x + w / 2, HEADER_HEIGHT / 2);

  for (let index = viewport.start; index < viewport.start + viewport.count; index += 1) {
    const row = model.rows[index]!;
    const top = rowTop(index, viewport, model.splitIndex);
    const mid = top + ROW_HEIGHT / 2;

    if (row.isBestBid || row.isBestAsk) {
      ctx.fillStyle = row.isBestBid ? COLORS.bestBid : COLORS.bestAsk;
      ctx.fillRect(0, top, width, ROW_HEIGHT);
    } else if (index % 2 === 1) {
      ctx.fillStyle = COLORS.rowAlt;
      ctx.fillRect(0, top, width, ROW_HEIGHT);
    }

    // Size bars grow outward from the price column: bids leftwards, asks rightwards. Sizes go through
    // formatShares, not toLocaleString('en-US'): in Chromium that call was ~90% of the ladder's paint time.
    if (row.bidSize > 0) {
      const [x, w] = columns.bid;
      const bar = barWidth(row.bidSize, model.maxSize, w - 2);
      ctx.fillStyle = COLORS.bidBar;
      ctx.fillRect(x + w - 1 - bar, top + 2, bar, ROW_HEIGHT - 4);
      ctx.fillStyle = COLORS.text;
      ctx.textAlign = 'right';
      ctx.fillText(formatShares(row.bidSize), x + w - 4, mid);
    }
    if (row.askSize > 0) {
      const [x, w] = columns.ask;
      const bar = barWidth(row.askSize, model.maxSize, w - 2);
      ctx.fillStyle = COLORS.askBar;
      ctx.fillRect(x + 1, top + 2, bar, ROW_HEIGHT - 4);
      ctx.fillStyle = COLORS.text;
      ctx.textAlign = 'left';
      ctx.fillText(formatShares(row.askSize), x + 4, mid);
    }

    const [px, pw] = columns.price;
    const touch = row.isBestBid || row.isBestAsk;
    ctx.textAlign = 'center';
    // Setting the font parses it: only the two touch rows switch to bold and back.
    if (touch) ctx.font = BOLD_FONT;
    ctx.fillStyle = row.bidSize > 0 ? COLORS.bidText : row.askSize > 0 ? COLORS.askText : COLORS.dim;
    ctx.fillText(formatPrice(row.price), px + pw / 2, mid);
    if (touch) ctx.font = FONT;

    if (row.ourBuy > 0) paintOrderTag(ctx, columns.ourBuy, top, `B ${row.ourBuy}`);
    if (row.ourSell > 0) paintOrderTag(ctx, columns.ourSell, top, `S ${row.ourSell}`);

    if (row.traded > 0 && row.lastTradeAtMs !== null) {
      // Fade from full to a quarter over the recent-trade window so the newest prints stand out.
      const age = Math.min(1, Math.max(0, (nowMs - row.lastTradeAtMs) / RECENT_TRADE_WINDOW_MS));
      const alpha = 1 - 0.75 * age;
      const [tx, tw] = columns.traded;
      // globalAlpha rather than an rgba() string per row: no colour text to build and parse per paint.
      ctx.fillStyle = row.lastAggressor === 'BUY' ? COLORS.buyTrade : COLORS.sellTrade;
      ctx.globalAlpha = alpha * 0.25;
      ctx.fillRect(tx + 1, top + 2, tw - 2, ROW_HEIGHT - 4);
      ctx.globalAlpha = alpha;
      ctx.textAlign = 'center';
      ctx.fillText(formatShares(row.traded), tx + tw / 2, mid);
      ctx.globalAlpha = 1;
    }
  }

  // Column separators.
  ctx.strokeStyle = COLORS.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const [x] of [columns.bid, columns.price, columns.ask, columns.ourSell, columns.traded]) {
    ctx.moveTo(Math.round(x) + 0.5, HEADER_HEIGHT);
    ctx.lineTo(Math.round(x) + 0.5, height);
  }
  ctx.stroke();

  if (viewport.spreadY !== null) {
    const y = viewport.spreadY;
    ctx.fillStyle = COLORS.header;
    ctx.fillRect(0, y, width, SPREAD_HEIGHT);
    ctx.fillStyle = COLORS.spreadText;
    ctx.textAlign = 'center';
    const label = model.spread === null ? 'one-sided book' : `spread ${formatDollars(model.spread, model.spread < 10_000 ? 4 : 2)}`;
    ctx.fillText(label, width / 2, y + SPREAD_HEIGHT / 2);
  }
  return viewport;
}

function paintOrderTag(ctx: CanvasRenderingContext2D, [x, w]: readonly [number, number], top: number, text: string): void {
  ctx.fillStyle = COLORS.ourOrder;
  ctx.beginPath();
  ctx.roundRect(x + 3, top + 2, w - 6, ROW_HEIGHT - 4, 3);
  ctx.fill();
  ctx.fillStyle = COLORS.ourOrderText;
  ctx.textAlign = 'center';
  ctx.fillText(text, x + w / 2, top + ROW_HEIGHT / 2);
}
