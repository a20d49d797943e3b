import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TICKET_FORM,
  issuesToTicketErrors,
  validateTicketForm,
  type TicketForm,
} from '../../../src/renderer/src/features/ticket/ticket-form';
import { kellyEdge, parsePayoffText, parseScoreText, parseWinProbabilityText, stopSideProblem } from '../../../src/renderer/src/features/ticket/ticket-sizing';
import { describeOrderOutcome } from '../../../src/renderer/src/features/ticket/order-outcome';
import { orderView } from './fixtures';

const CENT = 10_000;

function validate(patch: Partial<TicketForm>) {
  return validateTicketForm({ ...DEFAULT_TICKET_FORM, limitPrice: '585.33', ...patch }, 'GOOG', CENT);
}

function errorsOf(patch: Partial<TicketForm>) {
  const result = validate(patch);
  if (result.ok) throw new Error('expected the ticket to be refused');
  return result.errors;
}

describe('risk-based sizing on the ticket', () => {
  it('sends no quantity, RISK sizing and the stop in micro-dollars', () => {
    const result = validate({ sizing: 'RISK', quantity: 'ignored', signalStop: '580.00' });
    expect(result).toEqual({
      ok: true,
      ticket: { instrumentId: 'GOOG', side: 'BUY', orderType: 'LIMIT', timeInForce: 'DAY', limitPrice: 585_330_000, sizing: 'RISK', signal: { stop: 580_000_000 } },
    });
  });

  it('needs a stop, on the losing side of the entry, and never equal to it', () => {
    expect(errorsOf({ sizing: 'RISK' }).signalStop).toMatch(/Enter the stop in dollars/);
    expect(errorsOf({ sizing: 'RISK', signalStop: '590.00' }).signalStop).toBe('For a buy the stop must be below the entry (585.33).');
    expect(errorsOf({ sizing: 'RISK', side: 'SELL', signalStop: '580.00' }).signalStop).toBe('For a sell the stop must be above the entry (585.33).');
    expect(errorsOf({ sizing: 'RISK', signalStop: '585.33' }).signalStop).toMatch(/risk per share would be \$0/);
    expect(errorsOf({ sizing: 'RISK', signalStop: '580.001' }).signalStop).toMatch(/2 decimals/);
  });

  it('leaves the entry to the host for a market order (the mid), so any valid stop goes', () => {
    const result = validate({ sizing: 'RISK', orderType: 'MARKET', signalStop: '590.00' });
    expect(result.ok && result.ticket.signal).toEqual({ stop: 590_000_000 });
  });
});

describe('Kelly sizing on the ticket', () => {
  it('sends the win probability as a fraction, the payoff ratio and an optional stop', () => {
    const result = validate({ sizing: 'KELLY', winProbability: '55', payoffRatio: '1.5', signalStop: '580' });
    expect(result.ok && result.ticket).toMatchObject({ sizing: 'KELLY', signal: { winProbability: 0.55, payoffRatio: 1.5, stop: 580_000_000 } });
    expect(result.ok && result.ticket.quantity).toBe(undefined);
  });

  it('needs both win probability and payoff', () => {
    const errors = errorsOf({ sizing: 'KELLY' });
    expect(errors.winProbability).toMatch(/win probability in percent/);
    expect(errors.payoffRatio).toMatch(/average win \/ average loss/);
  });

  it('refuses odds with no edge, deciding f* <= 0 exactly (40% at 1.5:1 is exactly zero)', () => {
    // In binary floats 0.4 - 0.6 / 1.5 = 5.6e-17 > 0; in exact arithmetic f* = 0: no trade.
    expect(0.4 - 0.6 / 1.5).toBeGreaterThan(0);
    const p = parseWinProbabilityText('40');
    const b = parsePayoffText('1.5');
    if (!p.ok || !b.ok) throw new Error('inputs should parse');
    expect(kellyEdge(p.ratio, b.ratio)).toEqual({ positive: false, fraction: 0 });
    expect(errorsOf({ sizing: 'KELLY', winProbability: '40', payoffRatio: '1.5' }).payoffRatio).toMatch(/No edge: Kelly f\* = .* 0\.0%/);
    expect(validate({ sizing: 'KELLY', winProbability: '40.01', payoffRatio: '1.5' }).ok).toBe(true);
  });

  it('computes the full Kelly fraction f* = p - (1 - p) / b', () => {
    const p = parseWinProbabilityText('55');
    const b = parsePayoffText('2');
    if (!p.ok || !b.ok) throw new Error('inputs should parse');
    expect(kellyEdge(p.ratio, b.ratio).fraction).toBeCloseTo(0.325, 12);
  });

  it('keeps win probability strictly between 0% and 100%, to 0.01%', () => {
    expect(parseWinProbabilityText('0').ok).toBe(false);
    expect(parseWinProbabilityText('100').ok).toBe(false);
    expect(parseWinProbabilityText('55.555').ok).toBe(false);
    expect(parseWinProbabilityText('55.55%')).toMatchObject({ ok: true, value: 0.5555, ratio: { num: 5555, den: 10_000 } });
  });

  it('refuses a wrong-side optional stop too', () => {
    expect(errorsOf({ sizing: 'KELLY', winProbability: '55', payoffRatio: '2', signalStop: '600' }).signalStop).toMatch(/below the entry/);
  });
});

describe('signal score and host issues', () => {
  it('sends an optional score with any sizing and refuses text', () => {
    expect(parseScoreText('')).toEqual({ ok: true, value: undefined });
    expect(validate({ score: '-2.5' })).toMatchObject({ ok: true, ticket: { quantity: 100, signal: { score: -2.5 } } });
    expect(errorsOf({ score: 'high' }).score).toMatch(/Score must be a number/);
  });

  it('maps the host issues on signal fields onto their inputs', () => {
    expect(
      issuesToTicketErrors([
        { path: 'signal.stop', message: 'stop too far' },
        { path: 'signal.winProbability', message: 'p' },
        { path: 'signal', message: 'Kelly needs both' },
        { path: 'quantity', message: 'q' },
      ]),
    ).toEqual({ signalStop: 'stop too far', winProbability: 'p', form: 'Kelly needs both', quantity: 'q' });
  });

  it('checks a stop against the entry exactly', () => {
    expect(stopSideProblem('BUY', 585_330_000, 585_320_000)).toBeNull();
    expect(stopSideProblem('SELL', 585_330_000, 585_340_000)).toBeNull();
  });
});

describe('denial reasons on the ticket', () => {
  it('sets the risk reason apart from the order description', () => {
    const message = describeOrderOutcome(
      orderView({
        status: 'DENIED',
        quantity: 0,
        sizing: 'RISK',
        reason: { code: 'RISK_SIZE_ZERO', message: 'max risk $10.00 buys 0 shares at $5.33 per share to the stop' },
      }),
    );
    expect(message).toMatchObject({
      kind: 'error',
      headline: 'Denied by risk check',
      detail: 'max risk $10.00 buys 0 shares at $5.33 per share to the stop',
      code: 'RISK_SIZE_ZERO',
      subject: 'BUY GOOG LMT 585.33 DAY (risk-sized)',
    });
  });

  it('says when an order waits in the approval queue', () => {
    expect(describeOrderOutcome(orderView({ status: 'STAGED', sizing: 'KELLY', quantity: 40 })).text).toBe(
      'BUY 40 GOOG LMT 585.33 DAY (Kelly-sized): Staged, waiting for your approval in the Approvals tab',
    );
  });
});
