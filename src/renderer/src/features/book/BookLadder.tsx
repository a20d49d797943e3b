import { useEffect, useRef } from 'react';
import { useServices, type TerminalState } from '../../state';
import type { LadderViewport } from './ladder-geometry';
import { rowAt } from './ladder-geometry';
import { buildLadder, workingLadderOrders, type LadderModel, type LadderOrder } from './ladder-model';
import { paintLadder } from './ladder-paint';
import { browserFrameSource, fadeRepaintDelay, LadderPaintScheduler } from './paint-scheduler';
import { installFloorMetrics, recordBookPaint } from './paint-metrics';

/** How often fading trade marks are repainted at least, ms (10 Hz is smooth enough for a fade). */
const FADE_REPAINT_MS = 100;

/**
 * The L2 ladder on a <canvas>. A new book is drawn in the task that delivered it; other changes it
 * shows (our orders, recent trades, size, devicePixelRatio, the fade of trade marks) are redrawn at the
 * next animation frame (LadderPaintScheduler). After drawing a book push it records the
 * host-arrival-to-paint latency in window.__floorMetrics (see paint-metrics.ts). Clicking a row sends
 * its price to the ticket.
 */
export function BookLadder() {
  const { store, ui } = useServices();
  const containerRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const container = containerRef.current;
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!container || !canvas || !ctx) return;
    const metrics = installFloorMetrics(window);

    let cssWidth = 0;
    let cssHeight = 0;
    let backingRatio = 0;
    let fadeTimer: ReturnType<typeof setTimeout> | null = null;
    let viewport: LadderViewport | null = null;
    let model: LadderModel | null = null;
    let modelInputs: [TerminalState['book'], TerminalState['orders'], TerminalState['recentTrades']] | null = null;
    let ordersFor: TerminalState['orders'] | null = null;
    let ladderOrders: LadderOrder[] = [];
    // Host arrival stamp (ms) of the oldest book received since the last paint. Each book is normally
    // drawn as it arrives; one that could not be (a canvas not laid out yet) still waited, so the
    // paint latency is measured from the oldest one.
    let oldestUnpaintedStamp: number | undefined;

    const currentModel = (state: TerminalState): LadderModel => {
      if (model && modelInputs && modelInputs[0] === state.book && modelInputs[1] === state.orders && modelInputs[2] === state.recentTrades) {
        return model;
      }
      if (ordersFor !== state.orders) {
        ladderOrders = workingLadderOrders(state.orders.values());
        ordersFor = state.orders;
      }
      model = buildLadder(state.book, ladderOrders, state.recentTrades);
      modelInputs = [state.book, state.orders, state.recentTrades];
      return model;
    };

    const draw = (): void => {
      const ratio = window.devicePixelRatio || 1;
      if (cssWidth === 0 || cssHeight === 0) return;
      if (ratio !== backingRatio || canvas.width !== Math.round(cssWidth * ratio) || canvas.height !== Math.round(cssHeight * ratio)) {
        canvas.width = Math.round(cssWidth * ratio);
        canvas.height = Math.round(cssHeight * ratio);
        backingRatio = ratio;
      }
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      const state = store.getState();
      viewport = paintLadder(ctx, { model: currentModel(state), width: cssWidth, height: cssHeight, nowMs: Date.now() });

      if (oldestUnpaintedStamp !== undefined) {
        recordBookPaint(metrics, performance.timeOrigin + performance.now() - oldestUnpaintedStamp);
        oldestUnpaintedStamp = undefined;
      }
      if (state.recentTrades.length > 0 && fadeTimer === null) fadeTimer = setTimeout(fade, FADE_REPAINT_MS);
    };
    const scheduler = new LadderPaintScheduler(draw, browserFrameSource(window));

    // Expires old trade marks and repaints their fade, unless a paint (usually a book) already did
    // within FADE_REPAINT_MS: then the next step is due that long after it.
    function fade(): void {
      fadeTimer = null;
      store.dispatch({ type: 'expireTrades', nowMs: Date.now() });
      const delay = fadeRepaintDelay(scheduler.lastPaintAt, performance.now(), FADE_REPAINT_MS);
      if (delay === 0) scheduler.paintNextFrame();
      else if (store.getState().recentTrades.length > 0) fadeTimer = setTimeout(fade, delay);
    }

    let previous = store.getState();
    const unsubscribe = store.subscribe(() => {
      const next = store.getState();
      if (next.book !== previous.book) {
        if (next.book?.stampedAt !== undefined) {
          oldestUnpaintedStamp = Math.min(oldestUnpaintedStamp ?? Number.POSITIVE_INFINITY, next.book.stampedAt);
        }
        previous = next;
        scheduler.paintNow();
        return;
      }
      if (next.orders !== previous.orders || next.recentTrades !== previous.recentTrades) scheduler.paintNextFrame();
      previous = next;
    });

    const resize = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      if (!box) return;
      cssWidth = Math.floor(box.width);
      cssHeight = Math.floor(box.height);
      scheduler.paintNextFrame();
    });
    resize.observe(container);

    // A change of devicePixelRatio (moving the window to another screen, zoom) needs a sharper backing store.
    const ratioQuery = window.matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
    const onRatioChange = () => scheduler.paintNextFrame();
    ratioQuery.addEventListener('change', onRatioChange);

    const onClick = (event: MouseEvent) => {
      if (!viewport || !model) return;
      const bounds = canvas.getBoundingClientRect();
      const index = rowAt(event.clientY - bounds.top, viewport, model.splitIndex);
      const row = index === null ? undefined : model.rows[index];
      if (row) ui.pickPrice(row.price);
    };
    canvas.addEventListener('click', onClick);

    scheduler.paintNextFrame();
    return () => {
      unsubscribe();
      resize.disconnect();
      ratioQuery.removeEventListener('change', onRatioChange);
      canvas.removeEventListener('click', onClick);
      scheduler.dispose();
      if (fadeTimer !== null) clearTimeout(fadeTimer);
    };
  }, [store, ui]);

  return (
    <div className="ladder" ref={containerRef}>
      <canvas ref={canvasRef} className="ladder__canvas" data-testid="book-canvas" aria-label="Order book ladder" />
    </div>
  );
}
