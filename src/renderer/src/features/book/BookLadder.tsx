import { useEffect, useRef } from 'react';
import { useServices, type TerminalState } from '../../state';
import type { LadderViewport } from './ladder-geometry';
import { rowAt } from './ladder-geometry';
import { buildLadder, workingLadderOrders, type LadderModel, type LadderOrder } from './ladder-model';
import { paintLadder } from './ladder-paint';
import { installFloorMetrics, recordBookPaint } from './paint-metrics';

/** How often a fading trade mark is repainted while nothing else changes, ms (10 Hz is smooth enough for a fade). */
const FADE_REPAINT_MS = 100;

/**
 * The L2 ladder on a <canvas>: repainted in requestAnimationFrame only when something it shows changed
 * (book, our orders, recent trades, size, devicePixelRatio). After painting a book push it records the
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
    let frame = 0;
    let fadeTimer: ReturnType<typeof setTimeout> | null = null;
    let dirty = true;
    let viewport: LadderViewport | null = null;
    let model: LadderModel | null = null;
    let modelInputs: [TerminalState['book'], TerminalState['orders'], TerminalState['recentTrades']] | null = null;
    let ordersFor: TerminalState['orders'] | null = null;
    let ladderOrders: LadderOrder[] = [];
    // Host arrival stamp (ms) of the oldest book received since the last paint: a book replaced before
    // it could be painted still waited, so the paint latency is measured from the oldest one.
    let oldestUnpaintedStamp: number | undefined;

    // Set by a paint, cleared at the start of the next animation frame: at most one book paint per frame.
    let paintedThisFrame = false;
    let frameStart = 0;

    const schedule = () => {
      dirty = true;
      if (frame === 0) frame = requestAnimationFrame(paint);
    };

    /**
     * A new book is drawn at once rather than at the next animation frame: the host already sends at
     * most one book per frame, and drawing on arrival lets the compositor show it at the end of the
     * current frame instead of the next one. A second book within the same frame waits for the frame.
     */
    const paintOnArrival = () => {
      if (paintedThisFrame) {
        schedule();
        return;
      }
      if (frame !== 0) {
        cancelAnimationFrame(frame);
        frame = 0;
      }
      dirty = true;
      paint();
    };

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

    function paint(): void {
      frame = 0;
      if (!dirty || !canvas || !ctx) return;
      dirty = false;
      paintedThisFrame = true;
      if (frameStart === 0) {
        frameStart = requestAnimationFrame(() => {
          frameStart = 0;
          paintedThisFrame = false;
        });
      }
      const ratio = window.devicePixelRatio || 1;
      if (cssWidth === 0 || cssHeight === 0) return;
      if (ratio !== backingRatio || canvas.width !== Math.round(cssWidth * ratio) || canvas.height !== Math.round(cssHeight * ratio)) {
        canvas.width = Math.round(cssWidth * ratio);
        canvas.height = Math.round(cssHeight * ratio);
        backingRatio = ratio;
      }
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      const state = store.getState();
      const nowMs = Date.now();
      viewport = paintLadder(ctx, { model: currentModel(state), width: cssWidth, height: cssHeight, nowMs });

      if (oldestUnpaintedStamp !== undefined) {
        recordBookPaint(metrics, performance.timeOrigin + performance.now() - oldestUnpaintedStamp);
        oldestUnpaintedStamp = undefined;
      }

      if (state.recentTrades.length > 0 && fadeTimer === null) {
        fadeTimer = setTimeout(() => {
          fadeTimer = null;
          store.dispatch({ type: 'expireTrades', nowMs: Date.now() });
          schedule();
        }, FADE_REPAINT_MS);
      }
    }

    let previous = store.getState();
    const unsubscribe = store.subscribe(() => {
      const next = store.getState();
      if (next.book !== previous.book && next.book?.stampedAt !== undefined) {
        oldestUnpaintedStamp = Math.min(oldestUnpaintedStamp ?? Number.POSITIVE_INFINITY, next.book.stampedAt);
      }
      if (next.book !== previous.book) {
        paintOnArrival();
      } else if (next.orders !== previous.orders || next.recentTrades !== previous.recentTrades) {
        schedule();
      }
      previous = next;
    });

    const resize = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      if (!box) return;
      cssWidth = Math.floor(box.width);
      cssHeight = Math.floor(box.height);
      schedule();
    });
    resize.observe(container);

    // A change of devicePixelRatio (moving the window to another screen, zoom) needs a sharper backing store.
    const ratioQuery = window.matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
    ratioQuery.addEventListener('change', schedule);

    const onClick = (event: MouseEvent) => {
      if (!viewport || !model) return;
      const bounds = canvas.getBoundingClientRect();
      const index = rowAt(event.clientY - bounds.top, viewport, model.splitIndex);
      const row = index === null ? undefined : model.rows[index];
      if (row) ui.pickPrice(row.price);
    };
    canvas.addEventListener('click', onClick);

    schedule();
    return () => {
      unsubscribe();
      resize.disconnect();
      ratioQuery.removeEventListener('change', schedule);
      canvas.removeEventListener('click', onClick);
      if (frame !== 0) cancelAnimationFrame(frame);
      if (frameStart !== 0) cancelAnimationFrame(frameStart);
      if (fadeTimer !== null) clearTimeout(fadeTimer);
    };
  }, [store, ui]);

  return (
    <div className="ladder" ref={containerRef}>
      <canvas ref={canvasRef} className="ladder__canvas" data-testid="book-canvas" aria-label="Order book ladder" />
    </div>
  );
}
