import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { GatewaySettings as Settings, GatewayVenue, WhileDisconnectedPolicy } from '../../../../shared';
import { describeError, isRpcCallError } from '../../rpc';
import { useServices, useTerminal } from '../../state';
import { useInterlockVerified } from '../interlock';
import {
  changedGatewayFields,
  formToGateway,
  gatewayToForm,
  issuesToGatewayErrors,
  type GatewayErrors,
  type GatewayField,
  type GatewayForm,
  type GatewayTextField,
} from './gateway-form';

type Message = { readonly kind: 'success' | 'error' | 'info'; readonly text: string };

const VENUE_LABELS: Record<GatewayVenue, string> = { SIMULATED: 'Simulated exchange', IB: 'Interactive Brokers' };

/** The two policies for orders entered while the gateway is away, each with the sentence the trader reads. */
const WHILE_DISCONNECTED_CHOICES: ReadonlyArray<readonly [WhileDisconnectedPolicy, string, string]> = [
  ['HOLD', 'Hold', 'The order waits, shown as Held, until the gateway is back and Floor has reconciled with it; then it is sent.'],
  ['DENY', 'Deny', 'The order is refused at once with the reason; nothing is sent later.'],
];

interface FieldProps {
  readonly form: GatewayForm;
  readonly errorFor: (field: GatewayField) => string | undefined;
  readonly update: <K extends GatewayField>(field: K, value: GatewayForm[K]) => void;
}

function FieldError(props: { readonly field: GatewayField; readonly error: string | undefined }) {
  if (props.error === undefined) return null;
  return (
    <span className="field__error" data-testid={`gateway-error-${props.field}`}>
      {props.error}
    </span>
  );
}

/** A labelled text input with its help on hover and its message. */
function TextInput(props: FieldProps & { readonly field: GatewayTextField; readonly label: string; readonly help: string; readonly placeholder?: string }) {
  const error = props.errorFor(props.field);
  return (
    <label className="field settings__field" title={props.help}>
      <span className="field__label">{props.label}</span>
      <input
        className={`field__input${error ? ' is-invalid' : ''}`}
        autoComplete="off"
        spellCheck={false}
        placeholder={props.placeholder}
        value={props.form[props.field]}
        onChange={(event) => props.update(props.field, event.target.value)}
        aria-invalid={error !== undefined}
        data-testid={`gateway-field-${props.field}`}
      />
      <FieldError field={props.field} error={error} />
    </label>
  );
}

/**
 * Settings section "Gateway": where orders go (the simulated exchange or Interactive Brokers), the
 * primary and optional standby gateway, which ports are paper and which live, allowed remote hosts,
 * what happens to orders while the gateway is away, and the heartbeat. Loaded with
 * `gateway.settings.get`, saved with `gateway.settings.set`, which applies them at once (a new
 * connection, or another venue; refused with the host's sentence, e.g. orders still working). Save
 * is enabled only while the interlock is unlocked, because the settings change where orders go; the
 * host refuses it otherwise either way.
 */
export function Gateway() {
  return <GatewaySettingsEditor unlocked={useInterlockVerified()} />;
}

/** The Gateway section given whether an interlock session is live now (Gateway reads it from the interlock). */
export function GatewaySettingsEditor(props: { readonly unlocked: boolean }) {
  const { unlocked } = props;
  const { client } = useServices();
  const connected = useTerminal((state) => state.connection === 'connected');
  const [saved, setSaved] = useState<Settings | null>(null);
  const [form, setForm] = useState<GatewayForm | null>(null);
  const [touched, setTouched] = useState<ReadonlySet<GatewayField>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<GatewayErrors>({});
  const [message, setMessage] = useState<Message | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!connected || saved !== null) return;
    let current = true;
    client
      .call('gateway.settings.get', {})
      .then((settings) => {
        if (!current) return;
        setSaved(settings);
        setForm(gatewayToForm(settings));
      })
      .catch((error: unknown) => {
        if (current) setMessage({ kind: 'error', text: `Could not load the gateway settings: ${describeError(error)}` });
      });
    return () => {
      current = false;
    };
  }, [client, connected, saved]);

  const update = useCallback(<K extends GatewayField>(field: K, value: GatewayForm[K]) => {
    setForm((current) => (current === null ? current : { ...current, [field]: value }));
    setTouched((current) => new Set(current).add(field));
    setServerErrors({});
  }, []);

  const dirty = form !== null && saved !== null && changedGatewayFields(form, gatewayToForm(saved)).length > 0;
  const validation = form ? formToGateway(form) : null;
  const localErrors: GatewayErrors = validation && !validation.ok ? validation.errors : {};
  const errorFor = (field: GatewayField): string | undefined => serverErrors[field] ?? (attempted || touched.has(field) ? localErrors[field] : undefined);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (!validation) return;
    if (!validation.ok) {
      setMessage({ kind: 'error', text: 'Not saved: fix the fields marked in red.' });
      return;
    }
    setSaving(true);
    try {
      const stored = await client.call('gateway.settings.set', validation.settings);
      setSaved(stored);
      setForm(gatewayToForm(stored));
      setTouched(new Set());
      setAttempted(false);
      setServerErrors({});
      setMessage({ kind: 'success', text: 'Saved and applied: Floor reconnects (or changes the venue) now; orders entered meanwhile are held or denied as set above.' });
    } catch (error) {
      if (isRpcCallError(error) && error.issues.length > 0) setServerErrors(issuesToGatewayErrors(error.issues));
      setMessage({ kind: 'error', text: `Not saved: ${describeError(error)}` });
    } finally {
      setSaving(false);
    }
  };

  const revert = () => {
    if (!saved) return;
    setForm(gatewayToForm(saved));
    setTouched(new Set());
    setAttempted(false);
    setServerErrors({});
    setMessage({ kind: 'info', text: 'Reverted to the saved gateway settings.' });
  };

  if (!form) {
    return (
      <div data-testid="gateway-settings">
        <p className="settings__hint">{message?.text ?? (connected ? 'Loading the gateway settings…' : 'Waiting for the host…')}</p>
      </div>
    );
  }
  return (
    <GatewaySettingsForm
      form={form}
      errorFor={errorFor}
      update={update}
      formError={serverErrors.form ?? (attempted ? localErrors.form : undefined)}
      unlocked={unlocked}
      busy={!connected || saving}
      saving={saving}
      dirty={dirty}
      message={message}
      onSubmit={(event) => void save(event)}
      onRevert={revert}
    />
  );
}

/** What GatewaySettingsForm shows besides the fields, and what its buttons do. */
interface GatewaySettingsFormProps extends FieldProps {
  /** A problem not tied to one field. */
  readonly formError: string | undefined;
  /** Whether an interlock session is live: Save needs one. */
  readonly unlocked: boolean;
  /** True while disconnected from the host or saving: Save is disabled. */
  readonly busy: boolean;
  readonly saving: boolean;
  /** The form differs from the saved settings: Revert is enabled. */
  readonly dirty: boolean;
  readonly message: Message | null;
  readonly onSubmit: (event: FormEvent) => void;
  readonly onRevert: () => void;
}

/** The Gateway section's form: the fields with their messages, the interlock hint, Revert and Save. */
export function GatewaySettingsForm(props: GatewaySettingsFormProps) {
  const { form, errorFor, update, formError, unlocked, message } = props;
  const fieldProps: FieldProps = { form, errorFor, update };
  return (
    <form className="gateway-settings" onSubmit={props.onSubmit} noValidate aria-label="Gateway settings" data-testid="gateway-settings">
      <div className="settings__grid">
        <label className="field settings__field" title="Where orders go: Floor's built-in simulated exchange, or Interactive Brokers through TWS / IB Gateway.">
          <span className="field__label">Venue</span>
          <select className="field__input" value={form.venue} onChange={(event) => update('venue', event.target.value as GatewayVenue)} data-testid="gateway-field-venue">
            {(Object.keys(VENUE_LABELS) as GatewayVenue[]).map((venue) => (
              <option key={venue} value={venue}>
                {VENUE_LABELS[venue]}
              </option>
            ))}
          </select>
          <FieldError field="venue" error={errorFor('venue')} />
        </label>
        <TextInput {...fieldProps} field="primary.host" label="Gateway host" help="IP address of the machine running TWS / IB Gateway; 127.0.0.1 for this machine." placeholder="127.0.0.1" />
        <TextInput {...fieldProps} field="primary.port" label="Gateway port" help="The gateway's API socket port: TWS 7497 paper / 7496 live, IB Gateway 4002 paper / 4001 live." />
        <TextInput {...fieldProps} field="primary.clientId" label="Client id" help="The API client id Floor uses (0..2147483647); keep it fixed so Floor's orders stay its own across reconnects." />
        <label className="settings__toggle" title="A second gateway Floor fails over to when the primary is lost.">
          <input type="checkbox" checked={form.standby} onChange={(event) => update('standby', event.target.checked)} data-testid="gateway-field-standby" />
          <span>Standby gateway</span>
          <FieldError field="standby" error={errorFor('standby')} />
        </label>
        {form.standby && (
          <>
            <TextInput {...fieldProps} field="standby.host" label="Standby host" help="IP address of the standby gateway's machine; 127.0.0.1 for this machine." />
            <TextInput {...fieldProps} field="standby.port" label="Standby port" help="The standby gateway's API socket port; host and port must differ from the primary's." />
            <TextInput {...fieldProps} field="standby.clientId" label="Standby client id" help="The API client id Floor uses on the standby gateway." />
          </>
        )}
        <TextInput {...fieldProps} field="ports.paper" label="Paper ports" help="Ports of paper-trading gateways, separated by commas. Floor trades only when the mode, the port and the accounts agree." />
        <TextInput {...fieldProps} field="ports.live" label="Live ports" help="Ports of live-trading gateways, separated by commas. No port may be in both lists." />
        <TextInput
          {...fieldProps}
          field="allowedHosts"
          label="Allowed hosts"
          help="IP addresses (not names) of other machines Floor may use as a gateway, separated by commas; loopback is always allowed."
          placeholder="none: this machine only"
        />
        <TextInput {...fieldProps} field="heartbeatIntervalMs" label="Heartbeat interval (ms)" help="How often Floor checks the gateway is alive, 250..10000 ms." />
        <TextInput {...fieldProps} field="heartbeatTimeoutMs" label="Heartbeat timeout (ms)" help="How long without an answer before the gateway counts as hung, 1000..30000 ms; longer than the interval." />
      </div>
      <div className="gateway-settings__policy" role="radiogroup" aria-label="Orders entered while the gateway is disconnected">
        <span className="field__label">Orders entered while the gateway is disconnected</span>
        {WHILE_DISCONNECTED_CHOICES.map(([policy, label, sentence]) => (
          <label key={policy} className="settings__toggle">
            <input
              type="radio"
              name="whileDisconnected"
              value={policy}
              checked={form.whileDisconnected === policy}
              onChange={() => update('whileDisconnected', policy)}
              data-testid={`gateway-field-whileDisconnected-${policy}`}
            />
            <span>
              <strong>{label}</strong>: {sentence}
            </span>
          </label>
        ))}
        <FieldError field="whileDisconnected" error={errorFor('whileDisconnected')} />
      </div>
      {formError && (
        <div className="field__error" data-testid="gateway-error-form">
          {formError}
        </div>
      )}
      <p className="settings__hint">Saved settings apply at once: Floor reconnects, or changes the venue when no order is working.</p>
      {!unlocked && (
        <p className="settings__hint" data-testid="gateway-locked">
          Changing the gateway needs the interlock: unlock with your authenticator first.
        </p>
      )}
      {message && (
        <div className={`settings__status settings__status--${message.kind}`} role="status" data-testid={`gateway-status-${message.kind}`}>
          {message.text}
        </div>
      )}
      <div className="settings__buttons">
        <button type="button" className="btn" onClick={props.onRevert} disabled={!props.dirty} data-testid="gateway-revert">
          Revert
        </button>
        <button
          type="submit"
          className="btn btn--primary"
          disabled={props.busy || !unlocked}
          title={unlocked ? 'Save the gateway settings' : 'Unlock the interlock first: these settings change where orders go'}
          data-testid="gateway-save"
        >
          {props.saving ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
