import {
  ORDER_SOURCES,
  riskProfileSchema,
  type ApprovalMode,
  type OrderSource,
  type RiskProfile,
} from '../../../../shared';
import { formatBpsAsPercent } from '../../format';
import {
  formatDollarsForInput,
  parseDecimal,
  parseDollarInput,
  parsePercentToBps,
  parseWholeNumber,
  type UnitParse,
} from './profile-units';

/**
 * The Settings form for the risk profile (src/shared/risk/profile.ts), in trader units: dollars,
 * percentages, shares, seconds. Every field is named by its path in the profile ("maxRiskPerTrade",
 * "correlation.threshold", "approval.API"), so the host's BAD_REQUEST issues (dot-joined paths) land
 * on the field they are about, and test ids read `settings-field-<name>` / `settings-error-<name>`.
 */

/** Fields typed as text and converted on save. */
export const PROFILE_TEXT_FIELDS = [
  'fixedCapital',
  'maxRiskPerTradeBps',
  'maxRiskPerTrade',
  'maxPositionBps',
  'maxTradeNotional',
  'maxOrderQuantity',
  'maxOpenPositions',
  'maxGrossExposure',
  'dailyLossLimit',
  'priceCollarBps',
  'maxOrdersPerSecond',
  'kellyFraction',
  'correlation.threshold',
  'correlation.lookbackDays',
  'correlation.adjustmentBps',
  'stagedExpirySeconds',
  'breaker.dropBps',
  'breaker.windowSeconds',
] as const;
export type ProfileTextField = (typeof PROFILE_TEXT_FIELDS)[number];

type ApprovalField = `approval.${OrderSource}`;

/** The form as edited: text fields as typed, choices and switches as their values. */
export type ProfileForm = { readonly [K in ProfileTextField]: string } & {
  readonly capitalSource: RiskProfile['capitalSource'];
  readonly dailyLossAction: RiskProfile['dailyLossAction'];
  readonly 'correlation.action': RiskProfile['correlation']['action'];
  readonly pdtEnforcement: boolean;
  readonly reduceToFit: boolean;
  readonly requireStop: boolean;
  readonly whileLocked: RiskProfile['whileLocked'];
  /** Minutes one check arms automation for, as typed; empty = until the session close. */
  readonly automationArmMinutes: string;
} & { readonly [K in ApprovalField]: ApprovalMode };

/** Every field of the form; `form` carries problems not tied to one field. */
export type ProfileField = keyof ProfileForm;
export type ProfileErrors = Partial<Record<ProfileField | 'form', string>>;

/** How a text field reads and converts. Bounds are in the profile's units (micro-dollars, bp, counts). */
export interface ProfileTextFieldSpec {
  readonly label: string;
  /** Unit shown next to the input. */
  readonly unit: '$' | '%' | 'shares' | 'positions' | 'orders/s' | 'x Kelly' | 'ρ' | 'days' | 's';
  readonly kind: 'dollars' | 'percent' | 'whole' | 'fraction';
  readonly min?: number;
  readonly max?: number;
  /** One sentence a trader reads on hover: what the rule does. */
  readonly help: string;
}

/** The text fields' labels, units, bounds (matching riskProfileSchema) and help. */
export const PROFILE_TEXT_FIELD_SPECS: Readonly<Record<ProfileTextField, ProfileTextFieldSpec>> = {
  fixedCapital: { label: 'Fixed capital', unit: '$', kind: 'dollars', help: 'Capital the percentage rules use when the capital source is Fixed.' },
  maxRiskPerTradeBps: {
    label: 'Max risk per trade',
    unit: '%',
    kind: 'percent',
    min: 1,
    max: 10_000,
    help: 'Largest loss to the stop, as a share of capital: risk = |entry - stop| x shares. The smaller of % and $ applies.',
  },
  maxRiskPerTrade: { label: 'Max risk per trade', unit: '$', kind: 'dollars', help: 'Largest loss to the stop in dollars. The smaller of % and $ applies.' },
  maxPositionBps: { label: 'Max position', unit: '%', kind: 'percent', min: 1, max: 100_000, help: 'Largest position value in one instrument, as a share of capital.' },
  maxTradeNotional: { label: 'Max trade size', unit: '$', kind: 'dollars', help: 'Largest notional (price x shares) of one order.' },
  maxOrderQuantity: { label: 'Max order quantity', unit: 'shares', kind: 'whole', min: 1, max: 10_000_000, help: 'Largest number of shares in one order (fat-finger guard).' },
  maxOpenPositions: { label: 'Max open positions', unit: 'positions', kind: 'whole', min: 1, max: 10_000, help: 'Most instruments with a non-zero position at once.' },
  maxGrossExposure: { label: 'Max gross exposure', unit: '$', kind: 'dollars', help: 'Largest sum of |position value| over all instruments, the new order included.' },
  dailyLossLimit: { label: 'Daily loss limit', unit: '$', kind: 'dollars', help: 'Realized + unrealized loss since the session start that triggers the daily-loss action.' },
  priceCollarBps: { label: 'Price collar', unit: '%', kind: 'percent', min: 1, max: 10_000, help: 'Limit prices further than this from the mid are denied (fat-finger guard).' },
  maxOrdersPerSecond: {
    label: 'Max orders per second',
    unit: 'orders/s',
    kind: 'whole',
    min: 1,
    max: 50,
    help: "Across all sources. Interactive Brokers paces at 50 messages/s, so at most 50 (default 45).",
  },
  kellyFraction: { label: 'Kelly fraction', unit: 'x Kelly', kind: 'fraction', min: 0, max: 1, help: 'Share of the full Kelly bet to take: 0.25 = quarter Kelly, 1 = full Kelly.' },
  'correlation.threshold': {
    label: 'Correlation threshold',
    unit: 'ρ',
    kind: 'fraction',
    min: 0,
    max: 1,
    help: 'Pearson correlation of daily returns above which the correlation cap applies (default 0.7).',
  },
  'correlation.lookbackDays': { label: 'Correlation lookback', unit: 'days', kind: 'whole', min: 20, max: 2_520, help: 'Trading days of daily returns used (252 = one year).' },
  'correlation.adjustmentBps': {
    label: 'Reduce correlated orders to',
    unit: '%',
    kind: 'percent',
    min: 1,
    max: 10_000,
    help: 'With the Reduce action, a correlated order keeps this share of its quantity.',
  },
  stagedExpirySeconds: { label: 'Staged order expiry', unit: 's', kind: 'whole', min: 5, max: 86_400, help: 'A staged order not approved within this time (market time) expires as a stale signal.' },
  'breaker.dropBps': { label: 'Breaker drop', unit: '%', kind: 'percent', min: 1, max: 10_000, help: 'A fall of this much from the rolling high halts trading and cancels every open order.' },
  'breaker.windowSeconds': { label: 'Breaker window', unit: 's', kind: 'whole', min: 1, max: 86_400, help: 'The rolling window the high is taken over (300 s = 5 minutes).' },
};

const APPROVAL_FIELDS: readonly ApprovalField[] = ORDER_SOURCES.map((source): ApprovalField => `approval.${source}`);

/** The form showing `profile`. */
export function profileToForm(profile: RiskProfile): ProfileForm {
  const approval = Object.fromEntries(ORDER_SOURCES.map((source) => [`approval.${source}`, profile.approval[source]])) as Record<ApprovalField, ApprovalMode>;
  return {
    capitalSource: profile.capitalSource,
    fixedCapital: formatDollarsForInput(profile.fixedCapital),
    maxRiskPerTradeBps: formatBpsAsPercent(profile.maxRiskPerTradeBps),
    maxRiskPerTrade: formatDollarsForInput(profile.maxRiskPerTrade),
    maxPositionBps: formatBpsAsPercent(profile.maxPositionBps),
    maxTradeNotional: formatDollarsForInput(profile.maxTradeNotional),
    maxOrderQuantity: String(profile.maxOrderQuantity),
    maxOpenPositions: String(profile.maxOpenPositions),
    maxGrossExposure: formatDollarsForInput(profile.maxGrossExposure),
    dailyLossLimit: formatDollarsForInput(profile.dailyLossLimit),
    dailyLossAction: profile.dailyLossAction,
    priceCollarBps: formatBpsAsPercent(profile.priceCollarBps),
    maxOrdersPerSecond: String(profile.maxOrdersPerSecond),
    kellyFraction: String(profile.kellyFraction),
    pdtEnforcement: profile.pdtEnforcement,
    reduceToFit: profile.reduceToFit,
    requireStop: profile.requireStop,
    'correlation.threshold': String(profile.correlation.threshold),
    'correlation.lookbackDays': String(profile.correlation.lookbackDays),
    'correlation.action': profile.correlation.action,
    'correlation.adjustmentBps': formatBpsAsPercent(profile.correlation.adjustmentBps),
    stagedExpirySeconds: String(profile.stagedExpirySeconds),
    'breaker.dropBps': formatBpsAsPercent(profile.breaker.dropBps),
    'breaker.windowSeconds': String(profile.breaker.windowSeconds),
    whileLocked: profile.whileLocked,
    automationArmMinutes: profile.automationArmMinutes === null ? '' : String(profile.automationArmMinutes),
    ...approval,
  };
}

/** The automation span as typed: empty = until the session close (null), else whole minutes 5..1,440. */
export function parseAutomationArmMinutes(text: string): UnitParse<number | null> {
  if (text.trim() === '') return { ok: true, value: null };
  const parsed = parseWholeNumber(text, 'minutes');
  if (!parsed.ok) return { ok: false, message: `Automation arm span: ${parsed.message.charAt(0).toLowerCase()}${parsed.message.slice(1)}` };
  if (parsed.value < 5 || parsed.value > 1_440) return { ok: false, message: 'Automation arm span must be between 5 and 1,440 minutes, or empty for the session close.' };
  return parsed;
}

function describeBound(spec: ProfileTextFieldSpec, value: number): string {
  return spec.kind === 'percent' ? `${formatBpsAsPercent(value)}%` : spec.kind === 'whole' ? value.toLocaleString('en-US') : String(value);
}

/** Parses one text field into the profile's unit, checking its bounds; the message names the field. */
export function parseProfileTextField(field: ProfileTextField, text: string): UnitParse<number> {
  const spec = PROFILE_TEXT_FIELD_SPECS[field];
  let parsed: UnitParse<number>;
  switch (spec.kind) {
    case 'dollars':
      parsed = parseDollarInput(text);
      break;
    case 'percent':
      parsed = parsePercentToBps(text);
      break;
    case 'whole':
      parsed = parseWholeNumber(text, spec.unit === 's' ? 'seconds' : spec.unit);
      break;
    case 'fraction':
      parsed = parseDecimal(text);
      break;
  }
  if (!parsed.ok) return { ok: false, message: `${spec.label}: ${parsed.message.charAt(0).toLowerCase()}${parsed.message.slice(1)}` };
  const { min, max } = spec;
  if (spec.kind === 'fraction' && min !== undefined && max !== undefined && !(parsed.value > min && parsed.value <= max)) {
    return { ok: false, message: `${spec.label} must be above ${min} and at most ${max}.` };
  }
  if (spec.kind !== 'fraction' && min !== undefined && max !== undefined && (parsed.value < min || parsed.value > max)) {
    const unit = spec.kind === 'whole' ? ` ${spec.unit === 's' ? 'seconds' : spec.unit}` : '';
    return { ok: false, message: `${spec.label} must be between ${describeBound(spec, min)} and ${describeBound(spec, max)}${unit}.` };
  }
  return parsed;
}

/** Either the profile to save, or one message per field that is wrong. */
export type ProfileValidation = { readonly ok: true; readonly profile: RiskProfile } | { readonly ok: false; readonly errors: ProfileErrors };

const FORM_FIELDS: ReadonlySet<string> = new Set<string>([
  ...PROFILE_TEXT_FIELDS,
  'capitalSource',
  'dailyLossAction',
  'correlation.action',
  'pdtEnforcement',
  'reduceToFit',
  'requireStop',
  'whileLocked',
  'automationArmMinutes',
  ...APPROVAL_FIELDS,
]);

/**
 * Maps issues with dot-joined paths (riskProfileSchema's, or the host's BAD_REQUEST issues) onto
 * form fields; a path that names no field ("", "correlation", "approval") goes to `form`. The first
 * message per field wins.
 */
export function issuesToProfileErrors(issues: ReadonlyArray<{ readonly path: string; readonly message: string }>): ProfileErrors {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = FORM_FIELDS.has(issue.path) ? issue.path : 'form';
    errors[field] ??= issue.message;
  }
  return errors as ProfileErrors;
}

/**
 * Converts the form into a RiskProfile (money to micro-dollars, percentages to basis points, exactly),
 * then validates it with riskProfileSchema, the schema the host enforces.
 */
export function formToProfile(form: ProfileForm): ProfileValidation {
  const errors: ProfileErrors = {};
  const values = {} as Record<ProfileTextField, number>;
  for (const field of PROFILE_TEXT_FIELDS) {
    const parsed = parseProfileTextField(field, form[field]);
    if (parsed.ok) values[field] = parsed.value;
    else errors[field] = parsed.message;
  }
  const armMinutes = parseAutomationArmMinutes(form.automationArmMinutes);
  if (!armMinutes.ok) errors.automationArmMinutes = armMinutes.message;
  if (Object.keys(errors).length > 0 || !armMinutes.ok) return { ok: false, errors };
  const candidate: RiskProfile = {
    capitalSource: form.capitalSource,
    fixedCapital: values.fixedCapital,
    maxRiskPerTradeBps: values.maxRiskPerTradeBps,
    maxRiskPerTrade: values.maxRiskPerTrade,
    maxPositionBps: values.maxPositionBps,
    maxTradeNotional: values.maxTradeNotional,
    maxOrderQuantity: values.maxOrderQuantity,
    maxOpenPositions: values.maxOpenPositions,
    maxGrossExposure: values.maxGrossExposure,
    dailyLossLimit: values.dailyLossLimit,
    dailyLossAction: form.dailyLossAction,
    priceCollarBps: values.priceCollarBps,
    maxOrdersPerSecond: values.maxOrdersPerSecond,
    kellyFraction: values.kellyFraction,
    pdtEnforcement: form.pdtEnforcement,
    reduceToFit: form.reduceToFit,
    requireStop: form.requireStop,
    correlation: {
      threshold: values['correlation.threshold'],
      lookbackDays: values['correlation.lookbackDays'],
      action: form['correlation.action'],
      adjustmentBps: values['correlation.adjustmentBps'],
    },
    approval: Object.fromEntries(ORDER_SOURCES.map((source) => [source, form[`approval.${source}`]])) as Record<OrderSource, ApprovalMode>,
    stagedExpirySeconds: values.stagedExpirySeconds,
    whileLocked: form.whileLocked,
    automationArmMinutes: armMinutes.value,
    breaker: { dropBps: values['breaker.dropBps'], windowSeconds: values['breaker.windowSeconds'] },
  };
  const parsed = riskProfileSchema.safeParse(candidate);
  if (!parsed.success) {
    return { ok: false, errors: issuesToProfileErrors(parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }))) };
  }
  return { ok: true, profile: parsed.data };
}

/** The fields whose values differ between two forms (text compared as typed). */
export function changedProfileFields(a: ProfileForm, b: ProfileForm): ProfileField[] {
  return (Object.keys(a) as ProfileField[]).filter((field) => a[field] !== b[field]);
}
