import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { DEFAULT_RISK_PROFILE, ORDER_SOURCES, type OrderSource, type RiskProfile } from '../../../../shared';
import { describeError, isRpcCallError } from '../../rpc';
import { useServices, useTerminal } from '../../state';
import { ApiKeys } from './ApiKeys';
import { BarsImport } from './BarsImport';
import { Gateway } from './GatewaySettings';
import { changedProfileFields, formToProfile, issuesToProfileErrors, PROFILE_TEXT_FIELDS, profileToForm, type ProfileErrors, type ProfileField, type ProfileForm } from './profile-form';
import { ChoiceInput, Section, TextInput, ToggleInput } from './settings-fields';

const SOURCE_LABELS: Record<OrderSource, string> = {
  TICKET: 'Order ticket',
  HOTKEY: 'Hotkeys',
  API: 'Signed API',
  ALGO: 'Algos',
};

type Message = { readonly kind: 'success' | 'error' | 'info'; readonly text: string };

/**
 * The Settings drawer: the whole risk profile in trader units, loaded with `risk.profile.get` and
 * saved with `risk.profile.set` (applies to the next order). Messages appear per field once it was
 * edited or a save was attempted; the host's BAD_REQUEST issues land on their fields. Revert returns
 * to the saved profile, Defaults fills in DEFAULT_RISK_PROFILE (saved only with Save). Also holds
 * the daily-bars import for the correlation cap, the automation API keys and the gateway settings. Escape or Close shuts it (asking first when there
 * are unsaved edits).
 */
export function SettingsDrawer(props: { readonly onClose: () => void }) {
  const { client } = useServices();
  const connected = useTerminal((state) => state.connection === 'connected');
  const [saved, setSaved] = useState<RiskProfile | null>(null);
  const [form, setForm] = useState<ProfileForm | null>(null);
  const [touched, setTouched] = useState<ReadonlySet<ProfileField>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<ProfileErrors>({});
  const [message, setMessage] = useState<Message | null>(null);
  const [saving, setSaving] = useState(false);
  const [confirmClose, setConfirmClose] = useState(false);

  useEffect(() => {
    if (!connected || saved !== null) return;
    let current = true;
    client
      .call('risk.profile.get', {})
      .then((profile) => {
        if (!current) return;
        setSaved(profile);
        setForm(profileToForm(profile));
        setMessage(null);
      })
      .catch((error: unknown) => {
        if (current) setMessage({ kind: 'error', text: `Could not load the risk profile: ${describeError(error)}` });
      });
    return () => {
      current = false;
    };
  }, [client, connected, saved]);

  const dirty = form !== null && saved !== null && changedProfileFields(form, profileToForm(saved)).length > 0;
  const { onClose } = props;
  const requestClose = useCallback(() => {
    if (dirty) setConfirmClose(true);
    else onClose();
  }, [dirty, onClose]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') requestClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [requestClose]);

  const update = useCallback(<K extends ProfileField>(field: K, value: ProfileForm[K]) => {
    setForm((current) => (current === null ? current : { ...current, [field]: value }));
    setTouched((current) => new Set(current).add(field));
    setServerErrors((current) => {
      if (current[field] === undefined && current.form === undefined) return current;
      const { [field]: _dropped, form: _form, ...rest } = current;
      return rest;
    });
    setConfirmClose(false);
  }, []);

  const validation = form ? formToProfile(form) : null;
  const localErrors: ProfileErrors = validation && !validation.ok ? validation.errors : {};
  const errorFor = (field: ProfileField): string | undefined =>
    serverErrors[field] ?? (attempted || touched.has(field) ? localErrors[field] : undefined);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (!validation) return;
    if (!validation.ok) {
      const count = Object.keys(validation.errors).length;
      setMessage({ kind: 'error', text: `Not saved: ${count === 1 ? 'one field needs' : `${count} fields need`} fixing (marked in red).` });
      return;
    }
    setSaving(true);
    try {
      const stored = await client.call('risk.profile.set', validation.profile);
      setSaved(stored);
      setForm(profileToForm(stored));
      setTouched(new Set());
      setAttempted(false);
      setServerErrors({});
      setMessage({ kind: 'success', text: 'Saved. The new profile applies from the next order.' });
    } catch (error) {
      if (isRpcCallError(error) && error.issues.length > 0) setServerErrors(issuesToProfileErrors(error.issues));
      setMessage({ kind: 'error', text: `Not saved: ${describeError(error)}` });
    } finally {
      setSaving(false);
    }
  };

  const revert = () => {
    if (!saved) return;
    setForm(profileToForm(saved));
    setTouched(new Set());
    setAttempted(false);
    setServerErrors({});
    setMessage({ kind: 'info', text: 'Reverted to the saved profile.' });
  };

  const loadDefaults = () => {
    setForm(profileToForm(DEFAULT_RISK_PROFILE));
    setTouched(new Set<ProfileField>(PROFILE_TEXT_FIELDS));
    setServerErrors({});
    setMessage({ kind: 'info', text: 'Defaults filled in. Save to apply them.' });
  };

  const fieldProps = form ? { form, errorFor, update } : null;
  const formError = serverErrors.form ?? (attempted ? localErrors.form : undefined);

  return (
    <div className="settings-backdrop" onMouseDown={(event) => event.target === event.currentTarget && requestClose()}>
      <aside className="settings" role="dialog" aria-modal="true" aria-label="Risk settings" data-testid="settings">
        <header className="settings__header">
          <h2 className="panel__title">Risk profile</h2>
          {dirty && <span className="settings__dirty">unsaved changes</span>}
          <button type="button" className="btn btn--small settings__close" onClick={requestClose} data-testid="settings-close" aria-label="Close settings">
            ✕
          </button>
        </header>
        {confirmClose && (
          <div className="settings__confirm" role="alertdialog" data-testid="settings-confirm-close">
            Discard unsaved changes?
            <button type="button" className="btn btn--small btn--danger" onClick={onClose} data-testid="settings-discard">
              Discard
            </button>
            <button type="button" className="btn btn--small" onClick={() => setConfirmClose(false)}>
              Keep editing
            </button>
          </div>
        )}
        <div className="settings__body">
          {!fieldProps && <p className="settings__hint">{connected ? 'Loading the risk profile…' : 'Waiting for the host…'}</p>}
          {fieldProps && (
            <form id="risk-profile-form" onSubmit={(event) => void save(event)} noValidate>
              <Section title="Capital">
                <ChoiceInput
                  {...fieldProps}
                  field="capitalSource"
                  label="Capital source"
                  help="What the percentage rules are a share of: the account's equity, or a fixed amount."
                  options={[
                    ['ACCOUNT_EQUITY', 'Account equity'],
                    ['FIXED', 'Fixed amount'],
                  ]}
                />
                <TextInput {...fieldProps} field="fixedCapital" label={fieldProps.form.capitalSource === 'FIXED' ? 'Fixed capital' : 'Fixed capital (unused)'} />
              </Section>
              <Section title="Per order">
                <TextInput {...fieldProps} field="maxRiskPerTradeBps" label="Max risk per trade (% of capital)" />
                <TextInput {...fieldProps} field="maxRiskPerTrade" label="Max risk per trade ($)" />
                <TextInput {...fieldProps} field="maxPositionBps" label="Max position (% of capital)" />
                <TextInput {...fieldProps} field="maxTradeNotional" />
                <TextInput {...fieldProps} field="maxOrderQuantity" />
                <TextInput {...fieldProps} field="priceCollarBps" label="Price collar (% from mid)" />
                <TextInput {...fieldProps} field="kellyFraction" />
                <ToggleInput
                  {...fieldProps}
                  field="reduceToFit"
                  label="Reduce to fit"
                  help="When a rule would deny an order, send the largest quantity that passes instead (where the rule allows)."
                />
                <ToggleInput
                  {...fieldProps}
                  field="requireStop"
                  label="Require a stop"
                  help="Deny orders that open risk without a stop. Off: max risk per trade is measured only when a stop is given; size and exposure caps still apply."
                />
              </Section>
              <Section title="Portfolio and day">
                <TextInput {...fieldProps} field="maxOpenPositions" />
                <TextInput {...fieldProps} field="maxGrossExposure" />
                <TextInput {...fieldProps} field="dailyLossLimit" />
                <ChoiceInput
                  {...fieldProps}
                  field="dailyLossAction"
                  label="On daily-loss breach"
                  help="Reducing: only orders that reduce a position. Halt: stop trading and cancel every open order."
                  options={[
                    ['HALT', 'Halt and cancel all'],
                    ['REDUCING', 'Reduce only'],
                  ]}
                />
                <TextInput {...fieldProps} field="maxOrdersPerSecond" />
                <ToggleInput
                  {...fieldProps}
                  field="pdtEnforcement"
                  label="Enforce pattern-day-trader rule"
                  help="FINRA Rule 4210: below $25,000 equity, a 4th day trade within 5 business days is denied."
                />
              </Section>
              <Section title="Circuit breaker">
                <TextInput {...fieldProps} field="breaker.dropBps" label="Halt on a drop of (%)" />
                <TextInput {...fieldProps} field="breaker.windowSeconds" label="Within (seconds)" />
              </Section>
              <Section title="Approval">
                {ORDER_SOURCES.map((source) => (
                  <ChoiceInput
                    key={source}
                    {...fieldProps}
                    field={`approval.${source}`}
                    label={SOURCE_LABELS[source]}
                    help={`Orders from ${SOURCE_LABELS[source].toLowerCase()}: sent at once (Auto) or staged for your approval (Manual).`}
                    options={[
                      ['AUTO', 'Auto-execute'],
                      ['MANUAL', 'Manual approval'],
                    ]}
                  />
                ))}
                <TextInput {...fieldProps} field="stagedExpirySeconds" label="Staged orders expire after (s)" />
              </Section>
              <Section title="Correlation cap">
                <TextInput {...fieldProps} field="correlation.threshold" />
                <TextInput {...fieldProps} field="correlation.lookbackDays" />
                <ChoiceInput
                  {...fieldProps}
                  field="correlation.action"
                  label="Above the threshold"
                  help="Reduce the order's quantity, or deny it."
                  options={[
                    ['REDUCE', 'Reduce'],
                    ['DENY', 'Deny'],
                  ]}
                />
                <TextInput {...fieldProps} field="correlation.adjustmentBps" />
              </Section>
            </form>
          )}
          <fieldset className="settings__section">
            <legend className="settings__legend">Daily bars</legend>
            <BarsImport />
          </fieldset>
          <fieldset className="settings__section">
            <legend className="settings__legend">API keys</legend>
            <ApiKeys />
          </fieldset>
          <fieldset className="settings__section">
            <legend className="settings__legend">Gateway</legend>
            <Gateway />
          </fieldset>
        </div>
        <footer className="settings__footer">
          {formError && (
            <div className="field__error" data-testid="settings-error-form">
              {formError}
            </div>
          )}
          <div
            className={`settings__status${message ? ` settings__status--${message.kind}` : ''}`}
            role="status"
            aria-live="polite"
            data-testid="settings-status"
            data-kind={message?.kind ?? 'none'}
          >
            {message?.text ?? (dirty ? 'Edits are not applied until saved.' : 'Saved profile shown.')}
          </div>
          <div className="settings__buttons">
            <button type="button" className="btn" onClick={loadDefaults} disabled={!form} data-testid="settings-defaults">
              Defaults
            </button>
            <button type="button" className="btn" onClick={revert} disabled={!dirty} data-testid="settings-revert">
              Revert
            </button>
            <button type="submit" form="risk-profile-form" className="btn btn--primary" disabled={!form || !connected || saving} data-testid="settings-save">
              {saving ? 'Saving…' : 'Save'}
            </button>
          </div>
        </footer>
      </aside>
    </div>
  );
}
