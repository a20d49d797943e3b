import { gatewaySettingsSchema, type GatewaySettings, type GatewayVenue, type WhileDisconnectedPolicy } from '../../../../shared';

/**
 * The Settings form for the gateway settings (src/shared/venues/gateway-settings.ts). Every field is
 * named by its path in the settings ("primary.port", "ports.paper", "standby"), so the schema's and
 * the host's BAD_REQUEST issues land on the field they are about; test ids read
 * `gateway-field-<name>` / `gateway-error-<name>`. Port lists and allowed hosts are typed as text,
 * separated by commas or spaces.
 */

/** Fields typed as text and converted on save. */
export const GATEWAY_TEXT_FIELDS = [
  'primary.host',
  'primary.port',
  'primary.clientId',
  'standby.host',
  'standby.port',
  'standby.clientId',
  'ports.paper',
  'ports.live',
  'allowedHosts',
  'heartbeatIntervalMs',
  'heartbeatTimeoutMs',
] as const;
export type GatewayTextField = (typeof GATEWAY_TEXT_FIELDS)[number];

/** The form as edited: text as typed; `standby` says whether a standby gateway is configured. */
export type GatewayForm = { readonly [K in GatewayTextField]: string } & {
  readonly venue: GatewayVenue;
  readonly standby: boolean;
  readonly whileDisconnected: WhileDisconnectedPolicy;
};

/** Every field of the form; `form` carries problems not tied to one field. */
export type GatewayField = keyof GatewayForm;
export type GatewayErrors = Partial<Record<GatewayField | 'form', string>>;

/** Either the settings to save, or one message per field that is wrong. */
export type GatewayValidation = { readonly ok: true; readonly settings: GatewaySettings } | { readonly ok: false; readonly errors: GatewayErrors };

/** How each whole-number field is named in its messages. */
const WHOLE_NUMBER_LABELS = {
  'primary.port': 'The gateway port',
  'primary.clientId': 'The client id',
  'standby.port': 'The standby port',
  'standby.clientId': 'The standby client id',
  heartbeatIntervalMs: 'The heartbeat interval',
  heartbeatTimeoutMs: 'The heartbeat timeout',
} as const satisfies Partial<Record<GatewayTextField, string>>;
type WholeNumberField = keyof typeof WHOLE_NUMBER_LABELS;

const FORM_FIELDS: ReadonlySet<string> = new Set<string>([...GATEWAY_TEXT_FIELDS, 'venue', 'standby', 'whileDisconnected']);
const LIST_SEPARATOR = /[\s,]+/;

/** The settings as the form shows them; with no standby, its fields start from the primary's host and client id. */
export function gatewayToForm(settings: GatewaySettings): GatewayForm {
  const standby = settings.standby;
  return {
    venue: settings.venue,
    'primary.host': settings.primary.host,
    'primary.port': String(settings.primary.port),
    'primary.clientId': String(settings.primary.clientId),
    standby: standby !== null,
    'standby.host': standby?.host ?? settings.primary.host,
    'standby.port': standby === null ? '' : String(standby.port),
    'standby.clientId': String(standby?.clientId ?? settings.primary.clientId),
    'ports.paper': settings.ports.paper.join(', '),
    'ports.live': settings.ports.live.join(', '),
    allowedHosts: settings.allowedHosts.join(', '),
    whileDisconnected: settings.whileDisconnected,
    heartbeatIntervalMs: String(settings.heartbeatIntervalMs),
    heartbeatTimeoutMs: String(settings.heartbeatTimeoutMs),
  };
}

/**
 * Maps issues with dot-joined paths (gatewaySettingsSchema's, or the host's BAD_REQUEST issues) onto
 * form fields: a list entry's issue ("allowedHosts.1") goes to its list, a path naming no field to
 * `form`. The first message per field wins.
 */
export function issuesToGatewayErrors(issues: ReadonlyArray<{ readonly path: string; readonly message: string }>): GatewayErrors {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.replace(/(\.\d+)+$/, '');
    errors[FORM_FIELDS.has(path) ? path : 'form'] ??= issue.message;
  }
  return errors as GatewayErrors;
}

function wholeNumber(field: WholeNumberField, text: string, errors: Record<string, string>): number {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  errors[field] = trimmed === '' ? `${WHOLE_NUMBER_LABELS[field]} is empty.` : `${WHOLE_NUMBER_LABELS[field]} must be a whole number.`;
  return Number.NaN;
}

function portList(field: 'ports.paper' | 'ports.live', text: string, errors: Record<string, string>): number[] {
  const tokens = text.split(LIST_SEPARATOR).filter((token) => token !== '');
  const bad = tokens.find((token) => !/^\d+$/.test(token));
  if (bad !== undefined) errors[field] = `"${bad}" is not a port number; separate ports with commas.`;
  return tokens.map(Number);
}

/** Converts the form into GatewaySettings, then validates them with gatewaySettingsSchema, the schema the host enforces. */
export function formToGateway(form: GatewayForm): GatewayValidation {
  const errors: Record<string, string> = {};
  const candidate = {
    venue: form.venue,
    primary: { host: form['primary.host'], port: wholeNumber('primary.port', form['primary.port'], errors), clientId: wholeNumber('primary.clientId', form['primary.clientId'], errors) },
    standby: form.standby
      ? { host: form['standby.host'], port: wholeNumber('standby.port', form['standby.port'], errors), clientId: wholeNumber('standby.clientId', form['standby.clientId'], errors) }
      : null,
    ports: { paper: portList('ports.paper', form['ports.paper'], errors), live: portList('ports.live', form['ports.live'], errors) },
    allowedHosts: form.allowedHosts.split(LIST_SEPARATOR).filter((host) => host !== ''),
    whileDisconnected: form.whileDisconnected,
    heartbeatIntervalMs: wholeNumber('heartbeatIntervalMs', form.heartbeatIntervalMs, errors),
    heartbeatTimeoutMs: wholeNumber('heartbeatTimeoutMs', form.heartbeatTimeoutMs, errors),
  };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const parsed = gatewaySettingsSchema.safeParse(candidate);
  if (!parsed.success) {
    return { ok: false, errors: issuesToGatewayErrors(parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }))) };
  }
  return { ok: true, settings: parsed.data };
}

/** The fields whose values differ between two forms (text compared as typed). */
export function changedGatewayFields(a: GatewayForm, b: GatewayForm): GatewayField[] {
  return (Object.keys(a) as GatewayField[]).filter((field) => a[field] !== b[field]);
}
