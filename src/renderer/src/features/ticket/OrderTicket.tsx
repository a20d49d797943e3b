import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { formatPrice, type ClientOrderId, type OrderSide, type SizingMethod } from '../../../../shared';
import { describeError, isRpcCallError } from '../../rpc';
import { useServices, useTerminal } from '../../state';
import { useInterlockVerified } from '../interlock';
import { describeOrderOutcome, type TicketMessage } from './order-outcome';
import {
  DEFAULT_TICKET_FORM,
  issuesToTicketErrors,
  midPriceForSide,
  ticketButtonLabel,
  TICKET_FIELDS,
  TICKET_ORDER_TYPES,
  TICKET_TIME_IN_FORCES,
  validateTicketForm,
  type TicketErrors,
  type TicketField,
  type TicketForm,
  type TicketOrderType,
  type TicketTimeInForce,
} from './ticket-form';
import { formatKellyFraction, kellyEdge, parsePayoffText, parseWinProbabilityText, TICKET_SIZINGS } from './ticket-sizing';

const TIF_TITLES: Record<TicketTimeInForce, string> = {
  DAY: 'Day: expires at the close',
  GTC: 'Good till canceled',
  IOC: 'Immediate or cancel: fill what is possible now, cancel the rest',
};

const SIZING_TITLES: Record<SizingMethod, string> = {
  FIXED: 'Fixed: send the quantity you type',
  RISK: 'Risk-based: shares = max risk per trade / |entry - stop|, capped by max position (risk profile)',
  KELLY: "Kelly: the profile's fraction of f* = p - (1 - p) / b, capped by max trade size and max risk",
};

/** A one-line hint under the Kelly inputs: the full-Kelly share of capital, when both inputs parse. */
function kellyHint(winProbability: string, payoffRatio: string): string | null {
  const p = parseWinProbabilityText(winProbability);
  const b = parsePayoffText(payoffRatio);
  if (!p.ok || !b.ok) return null;
  const edge = kellyEdge(p.ratio, b.ratio);
  return edge.positive ? `Full Kelly f* = ${formatKellyFraction(edge.fraction)} of capital; the profile's Kelly fraction applies.` : null;
}

/**
 * The order ticket: side, sizing (Fixed / Risk-based / Kelly), quantity (Fixed), LIMIT/MARKET, limit
 * price (dollars), TIF, the sizing stop (Risk-based; optional for Kelly), win probability and payoff
 * (Kelly), and an optional signal score. Messages appear per field once a field was edited or a submit
 * was attempted; the final check is the shared orderTicketSchema. After submission the message line
 * follows the order live (Staged, Pending -> Filled, or the denial with its reason set apart).
 */
export function OrderTicket() {
  const { client, store, ui } = useServices();
  const instrument = useTerminal((state) => state.session?.instrument ?? null);
  const connected = useTerminal((state) => state.connection === 'connected' && state.loaded);
  // The host refuses orders.submit without a live interlock session; the button says so first.
  const unlocked = useInterlockVerified();
  const mode = useTerminal((state) => state.status?.mode ?? 'PAPER');
  const [form, setForm] = useState<TicketForm>(DEFAULT_TICKET_FORM);
  const [touched, setTouched] = useState<ReadonlySet<TicketField>>(new Set());
  const [serverErrors, setServerErrors] = useState<TicketErrors>({});
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<TicketMessage | null>(null);
  const [lastOrderId, setLastOrderId] = useState<ClientOrderId | null>(null);
  const lastOrder = useTerminal((state) => (lastOrderId === null ? undefined : state.orders.get(lastOrderId)));
  const lastOrderHeld = useTerminal((state) => lastOrderId !== null && (state.status?.gateway?.heldOrders.includes(lastOrderId) ?? false));

  const tickSize = instrument?.tickSize ?? 10_000;
  const validation = instrument ? validateTicketForm(form, instrument.instrumentId, tickSize) : null;
  const localErrors: TicketErrors = validation && !validation.ok ? validation.errors : {};

  const update = useCallback((patch: Partial<TicketForm>, field: TicketField) => {
    setForm((current) => ({ ...current, ...patch }));
    setTouched((current) => new Set(current).add(field));
    setServerErrors({});
  }, []);

  useEffect(() => {
    const subscription = ui.onDidPickPrice((price) => update({ limitPrice: formatPrice(price), orderType: 'LIMIT' }, 'limitPrice'));
    return () => subscription.dispose();
  }, [ui, update]);

  const setPriceFromBook = (which: 'bid' | 'ask' | 'mid') => {
    const book = store.getState().book;
    const bid = book?.bids[0]?.price ?? null;
    const ask = book?.asks[0]?.price ?? null;
    const price = which === 'bid' ? bid : which === 'ask' ? ask : midPriceForSide(bid, ask, tickSize, form.side);
    if (price === null) {
      setFailure({ kind: 'error', text: `No ${which === 'mid' ? 'two-sided book' : which} to take a price from yet.` });
      return;
    }
    setFailure(null);
    update({ limitPrice: formatPrice(price), orderType: 'LIMIT' }, 'limitPrice');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(new Set<TicketField>(TICKET_FIELDS));
    if (!validation || !validation.ok) return;
    setSubmitting(true);
    setFailure(null);
    try {
      const { order } = await client.call('orders.submit', validation.ticket);
      store.dispatch({ type: 'orders', orders: [order] });
      setLastOrderId(order.clientOrderId);
    } catch (error) {
      if (isRpcCallError(error) && error.issues.length > 0) setServerErrors(issuesToTicketErrors(error.issues));
      setFailure({ kind: 'error', text: `Order not placed: ${describeError(error)}` });
    } finally {
      setSubmitting(false);
    }
  };

  const errorFor = (field: TicketField): string | undefined =>
    serverErrors[field] ?? (touched.has(field) ? localErrors[field] : undefined);
  const message: TicketMessage | null = failure ?? (lastOrder ? describeOrderOutcome(lastOrder, lastOrderHeld) : null);
  const formError = errorFor('form');

  const sideButton = (side: OrderSide, label: string) => (
    <button
      type="button"
      className={`ticket__side ticket__side--${side.toLowerCase()}${form.side === side ? ' is-active' : ''}`}
      aria-pressed={form.side === side}
      data-testid={`ticket-side-${side.toLowerCase()}`}
      onClick={() => update({ side }, 'side')}
    >
      {label}
    </button>
  );

  const fixed = form.sizing === 'FIXED';
  const quantityError = fixed ? errorFor('quantity') : undefined;
  const priceError = form.orderType === 'LIMIT' ? errorFor('limitPrice') : undefined;
  const tifError = errorFor('timeInForce');
  const stopError = form.sizing !== 'FIXED' ? errorFor('signalStop') : undefined;
  const winError = form.sizing === 'KELLY' ? errorFor('winProbability') : undefined;
  const payoffError = form.sizing === 'KELLY' ? errorFor('payoffRatio') : undefined;
  const scoreError = errorFor('score');
  const summary = ticketButtonLabel(form, instrument?.instrumentId ?? '', mode);
  const entryHint =
    form.orderType === 'LIMIT' ? `Entry: the limit price${form.limitPrice.trim() ? ` (${form.limitPrice.trim()})` : ''}.` : 'Entry: the mid when the order is sent.';
  const hint = form.sizing === 'KELLY' ? kellyHint(form.winProbability, form.payoffRatio) : null;

  return (
    <form className="ticket" onSubmit={(event) => void submit(event)} noValidate data-testid="ticket">
      <div className="ticket__sides" role="group" aria-label="Side">
        {sideButton('BUY', 'Buy')}
        {sideButton('SELL', 'Sell')}
      </div>

      <div className="field-row">
        <label className="field" title={SIZING_TITLES[form.sizing]}>
          <span className="field__label">Sizing</span>
          <select
            className="field__input"
            value={form.sizing}
            onChange={(event) => update({ sizing: event.target.value as SizingMethod }, 'sizing')}
            data-testid="ticket-sizing"
          >
            {TICKET_SIZINGS.map(([method, label]) => (
              <option key={method} value={method} title={SIZING_TITLES[method]}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Quantity</span>
          <input
            className={`field__input${quantityError ? ' is-invalid' : ''}`}
            inputMode="numeric"
            autoComplete="off"
            disabled={!fixed}
            placeholder={fixed ? '100' : 'by profile'}
            value={fixed ? form.quantity : ''}
            onChange={(event) => update({ quantity: event.target.value }, 'quantity')}
            aria-invalid={quantityError !== undefined}
            data-testid="ticket-quantity"
          />
        </label>
      </div>
      {quantityError && <span className="field__error" data-testid="ticket-error-quantity">{quantityError}</span>}

      <div className="field-row">
        <label className="field">
          <span className="field__label">Type</span>
          <select
            className="field__input"
            value={form.orderType}
            onChange={(event) => update({ orderType: event.target.value as TicketOrderType }, 'orderType')}
            data-testid="ticket-type"
          >
            {TICKET_ORDER_TYPES.map((type) => (
              <option key={type} value={type}>
                {type === 'LIMIT' ? 'Limit' : 'Market'}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">TIF</span>
          <select
            className={`field__input${tifError ? ' is-invalid' : ''}`}
            value={form.timeInForce}
            onChange={(event) => update({ timeInForce: event.target.value as TicketTimeInForce }, 'timeInForce')}
            data-testid="ticket-tif"
          >
            {TICKET_TIME_IN_FORCES.map((tif) => (
              <option key={tif} value={tif} title={TIF_TITLES[tif]}>
                {tif}
              </option>
            ))}
          </select>
        </label>
      </div>
      {tifError && <span className="field__error" data-testid="ticket-error-tif">{tifError}</span>}

      <label className="field">
        <span className="field__label">Limit price ($)</span>
        <input
          className={`field__input${priceError ? ' is-invalid' : ''}`}
          inputMode="decimal"
          autoComplete="off"
          placeholder={form.orderType === 'LIMIT' ? '585.33' : 'market'}
          disabled={form.orderType !== 'LIMIT'}
          value={form.orderType === 'LIMIT' ? form.limitPrice : ''}
          onChange={(event) => update({ limitPrice: event.target.value }, 'limitPrice')}
          aria-invalid={priceError !== undefined}
          data-testid="ticket-limit-price"
        />
        {priceError && <span className="field__error" data-testid="ticket-error-limit-price">{priceError}</span>}
      </label>
      <div className="ticket__price-buttons">
        <button type="button" className="btn btn--small" onClick={() => setPriceFromBook('bid')} data-testid="ticket-price-bid">
          Bid
        </button>
        <button type="button" className="btn btn--small" onClick={() => setPriceFromBook('mid')} data-testid="ticket-price-mid">
          Mid
        </button>
        <button type="button" className="btn btn--small" onClick={() => setPriceFromBook('ask')} data-testid="ticket-price-ask">
          Ask
        </button>
      </div>

      {form.sizing !== 'FIXED' && (
        <div className="ticket__sizing" data-testid="ticket-sizing-inputs" data-sizing={form.sizing}>
          <label className="field" title="The price at which the idea is wrong. Used for sizing and the max-risk check; no stop order is sent.">
            <span className="field__label">{form.sizing === 'RISK' ? 'Stop for sizing ($)' : 'Stop for sizing ($, optional)'}</span>
            <input
              className={`field__input${stopError ? ' is-invalid' : ''}`}
              inputMode="decimal"
              autoComplete="off"
              placeholder={form.side === 'BUY' ? 'below entry' : 'above entry'}
              value={form.signalStop}
              onChange={(event) => update({ signalStop: event.target.value }, 'signalStop')}
              aria-invalid={stopError !== undefined}
              data-testid="ticket-stop"
            />
            {stopError && <span className="field__error" data-testid="ticket-error-stop">{stopError}</span>}
          </label>
          {form.sizing === 'RISK' && <span className="ticket__hint">{entryHint} Shares = max risk / |entry − stop|.</span>}
          {form.sizing === 'KELLY' && (
            <div className="field-row">
              <label className="field" title="Chance the trade reaches its target, in percent">
                <span className="field__label">Win probability (%)</span>
                <input
                  className={`field__input${winError ? ' is-invalid' : ''}`}
                  inputMode="decimal"
                  autoComplete="off"
                  placeholder="55"
                  value={form.winProbability}
                  onChange={(event) => update({ winProbability: event.target.value }, 'winProbability')}
                  aria-invalid={winError !== undefined}
                  data-testid="ticket-win-probability"
                />
              </label>
              <label className="field" title="Average win / average loss">
                <span className="field__label">Payoff (win/loss)</span>
                <input
                  className={`field__input${payoffError ? ' is-invalid' : ''}`}
                  inputMode="decimal"
                  autoComplete="off"
                  placeholder="1.5"
                  value={form.payoffRatio}
                  onChange={(event) => update({ payoffRatio: event.target.value }, 'payoffRatio')}
                  aria-invalid={payoffError !== undefined}
                  data-testid="ticket-payoff"
                />
              </label>
            </div>
          )}
          {winError && <span className="field__error" data-testid="ticket-error-win-probability">{winError}</span>}
          {payoffError && <span className="field__error" data-testid="ticket-error-payoff">{payoffError}</span>}
          {hint && <span className="ticket__hint" data-testid="ticket-kelly-hint">{hint}</span>}
        </div>
      )}

      <label className="field ticket__score" title="Optional: orders the approval queue, highest first">
        <span className="field__label">Signal score (optional)</span>
        <input
          className={`field__input${scoreError ? ' is-invalid' : ''}`}
          inputMode="decimal"
          autoComplete="off"
          placeholder="—"
          value={form.score}
          onChange={(event) => update({ score: event.target.value }, 'score')}
          aria-invalid={scoreError !== undefined}
          data-testid="ticket-score"
        />
        {scoreError && <span className="field__error" data-testid="ticket-error-score">{scoreError}</span>}
      </label>

      {formError && <div className="field__error" data-testid="ticket-error-form">{formError}</div>}

      <button
        type="submit"
        className={`ticket__submit ticket__submit--${form.side.toLowerCase()}${mode === 'LIVE' ? ' ticket__submit--live' : ''}`}
        disabled={!connected || submitting || !unlocked}
        title={unlocked ? undefined : 'Locked: verify with your authenticator (above) to send orders'}
        data-testid="ticket-submit"
        data-mode={mode}
      >
        {submitting ? 'Sending…' : summary}
      </button>

      <div
        className={`ticket__message${message ? ` ticket__message--${message.kind}` : ''}`}
        role="status"
        aria-live="polite"
        data-testid="ticket-message"
        data-kind={message?.kind ?? 'none'}
        data-status={failure ? undefined : lastOrder?.status}
      >
        {message?.headline ? (
          <>
            <strong className="ticket__headline">{message.headline}</strong>
            <span className="ticket__reason" data-testid="ticket-reason" data-code={message.code} title={message.code}>
              {message.detail}
            </span>
            <span className="ticket__order">{message.subject}</span>
          </>
        ) : (
          (message?.text ?? (connected ? 'Ready.' : 'Waiting for the host…'))
        )}
      </div>
    </form>
  );
}
