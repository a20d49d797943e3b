import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_PROFILE, riskProfileSchema, type RiskProfile } from '../../../src/shared';
import {
  changedProfileFields,
  formToProfile,
  issuesToProfileErrors,
  profileToForm,
  type ProfileForm,
} from '../../../src/renderer/src/features/settings/profile-form';
import { formatDollarsForInput, parseDollarInput, parsePercentToBps } from '../../../src/renderer/src/features/settings/profile-units';
import { formatBpsAsPercent } from '../../../src/renderer/src/format';

function edit(patch: Partial<ProfileForm>): ProfileForm {
  return { ...profileToForm(DEFAULT_RISK_PROFILE), ...patch };
}

function errorsOf(form: ProfileForm) {
  const result = formToProfile(form);
  if (result.ok) throw new Error('expected the form to be refused');
  return result.errors;
}

describe('risk profile form: exact units', () => {
  it('shows the default profile in trader units', () => {
    const form = profileToForm(DEFAULT_RISK_PROFILE);
    expect(form.maxRiskPerTrade).toBe('1,000.00');
    expect(form.maxRiskPerTradeBps).toBe('1');
    expect(form.maxPositionBps).toBe('25');
    expect(form['breaker.dropBps']).toBe('10');
    expect(form['breaker.windowSeconds']).toBe('300');
    expect(form['correlation.adjustmentBps']).toBe('50');
    expect(form.kellyFraction).toBe('0.25');
    expect(form['approval.API']).toBe('MANUAL');
  });

  it('round-trips the default profile without changing a single micro-dollar or basis point', () => {
    expect(formToProfile(profileToForm(DEFAULT_RISK_PROFILE))).toEqual({ ok: true, profile: DEFAULT_RISK_PROFILE });
  });

  it('converts typed dollars and percentages to micro-dollars and basis points exactly', () => {
    const result = formToProfile(
      edit({ maxRiskPerTrade: '$1,234.56', maxRiskPerTradeBps: '1.15', priceCollarBps: '0.07', dailyLossLimit: '2500.10', 'breaker.dropBps': '7.5%' }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.profile.maxRiskPerTrade).toBe(1_234_560_000);
    // 1.15 x 100 is 114.99999999999999 in binary floats: the string path gives exactly 115.
    expect(result.profile.maxRiskPerTradeBps).toBe(115);
    expect(result.profile.priceCollarBps).toBe(7);
    expect(result.profile.dailyLossLimit).toBe(2_500_100_000);
    expect(result.profile.breaker.dropBps).toBe(750);
  });

  it('round-trips any valid profile exactly (property)', () => {
    const money = fc.integer({ min: 1, max: 1_000_000_000_000_000 });
    const bps = fc.integer({ min: 1, max: 10_000 });
    const mode = fc.constantFrom('AUTO' as const, 'MANUAL' as const);
    const profile: fc.Arbitrary<RiskProfile> = fc.record({
      capitalSource: fc.constantFrom('ACCOUNT_EQUITY' as const, 'FIXED' as const),
      fixedCapital: money,
      maxRiskPerTradeBps: bps,
      maxRiskPerTrade: money,
      maxPositionBps: fc.integer({ min: 1, max: 100_000 }),
      maxTradeNotional: money,
      maxOrderQuantity: fc.integer({ min: 1, max: 10_000_000 }),
      maxOpenPositions: fc.integer({ min: 1, max: 10_000 }),
      maxGrossExposure: money,
      dailyLossLimit: money,
      dailyLossAction: fc.constantFrom('REDUCING' as const, 'HALT' as const),
      priceCollarBps: bps,
      maxOrdersPerSecond: fc.integer({ min: 1, max: 50 }),
      kellyFraction: fc.double({ min: Number.MIN_VALUE, max: 1, noNaN: true }),
      pdtEnforcement: fc.boolean(),
      reduceToFit: fc.boolean(),
      requireStop: fc.boolean(),
      correlation: fc.record({
        threshold: fc.double({ min: 0.0001, max: 1, noNaN: true }),
        lookbackDays: fc.integer({ min: 20, max: 2520 }),
        action: fc.constantFrom('REDUCE' as const, 'DENY' as const),
        adjustmentBps: bps,
      }),
      approval: fc.record({ TICKET: mode, HOTKEY: mode, API: mode, ALGO: mode }),
      stagedExpirySeconds: fc.integer({ min: 5, max: 86_400 }),
      whileLocked: fc.constantFrom('STAGE' as const, 'DENY' as const),
      automationArmMinutes: fc.option(fc.integer({ min: 5, max: 1_440 }), { nil: null }),
      breaker: fc.record({ dropBps: bps, windowSeconds: fc.integer({ min: 1, max: 86_400 }) }),
    });
    fc.assert(
      fc.property(profile, (original) => {
        expect(riskProfileSchema.safeParse(original).success).toBe(true);
        expect(formToProfile(profileToForm(original))).toEqual({ ok: true, profile: original });
      }),
      { numRuns: 200 },
    );
  });

  it('keeps sub-cent amounts set through the API when shown and saved again', () => {
    expect(formatDollarsForInput(1_000_500)).toBe('1.0005');
    expect(parseDollarInput(formatDollarsForInput(1_000_500))).toEqual({ ok: true, value: 1_000_500 });
  });

  it('formats basis points as percentages without float noise', () => {
    expect([1, 7, 10, 115, 1_000, 10_000, 100_000].map(formatBpsAsPercent)).toEqual(['0.01', '0.07', '0.1', '1.15', '10', '100', '1000']);
  });
});

describe('risk profile form: messages for bad values', () => {
  it('refuses percentages finer than one basis point, saying why', () => {
    const result = parsePercentToBps('1.155');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/0\.01% \(1 basis point\)/);
    expect(parsePercentToBps('1.150')).toEqual({ ok: true, value: 115 });
  });

  it('names the field and the allowed range for values out of bounds', () => {
    const errors = errorsOf(
      edit({ maxOrdersPerSecond: '60', maxRiskPerTradeBps: '0', 'correlation.threshold': '1.2', stagedExpirySeconds: '2', kellyFraction: '0' }),
    );
    expect(errors.maxOrdersPerSecond).toBe('Max orders per second must be between 1 and 50 orders/s.');
    expect(errors.maxRiskPerTradeBps).toBe('Max risk per trade must be between 0.01% and 100%.');
    expect(errors['correlation.threshold']).toMatch(/above 0 and at most 1/);
    expect(errors.stagedExpirySeconds).toBe('Staged order expiry must be between 5 and 86,400 seconds.');
    expect(errors.kellyFraction).toMatch(/Kelly fraction must be above 0/);
  });

  it('refuses zero, negative and non-numeric dollar amounts', () => {
    const errors = errorsOf(edit({ dailyLossLimit: '0', maxTradeNotional: '-5', fixedCapital: 'lots' }));
    expect(errors.dailyLossLimit).toBe('Daily loss limit: must be above $0.00.');
    expect(errors.maxTradeNotional).toBe('Max trade size: must be above $0.00.');
    expect(errors.fixedCapital).toBe('Fixed capital: enter dollars like 1,000.00 (at most 6 decimals), not "lots".');
  });

  it('refuses fractional shares and empty fields', () => {
    const errors = errorsOf(edit({ maxOrderQuantity: '10.5', maxOpenPositions: '' }));
    expect(errors.maxOrderQuantity).toMatch(/whole number of shares/);
    expect(errors.maxOpenPositions).toBe('Max open positions: enter a whole number of positions.');
  });

  it("maps the host's BAD_REQUEST issues onto their fields, the rest onto the form", () => {
    expect(
      issuesToProfileErrors([
        { path: 'correlation.threshold', message: 'too high' },
        { path: 'approval.API', message: 'bad mode' },
        { path: 'maxOrdersPerSecond', message: 'first' },
        { path: 'maxOrdersPerSecond', message: 'second' },
        { path: 'correlation', message: 'whole object' },
      ]),
    ).toEqual({ 'correlation.threshold': 'too high', 'approval.API': 'bad mode', maxOrdersPerSecond: 'first', form: 'whole object' });
  });

  it('lists the edited fields, which drives the unsaved-changes mark', () => {
    const saved = profileToForm(DEFAULT_RISK_PROFILE);
    expect(changedProfileFields(saved, saved)).toEqual([]);
    expect(changedProfileFields(saved, { ...saved, reduceToFit: true, 'approval.TICKET': 'MANUAL' })).toEqual(['reduceToFit', 'approval.TICKET']);
  });
});
