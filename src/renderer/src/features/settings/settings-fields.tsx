import type { ReactNode } from 'react';
import { PROFILE_TEXT_FIELD_SPECS, type ProfileField, type ProfileForm, type ProfileTextField } from './profile-form';

/**
 * The risk profile's inputs in trader units (the Settings drawer's form): a titled section, a text
 * input with its unit and message, a select over fixed values, an on/off switch. Each field carries
 * `settings-field-<name>` and its message `settings-error-<name>`.
 */

/** A titled group of fields. */
export function Section(props: { title: string; children: ReactNode }) {
  return (
    <fieldset className="settings__section">
      <legend className="settings__legend">{props.title}</legend>
      <div className="settings__grid">{props.children}</div>
    </fieldset>
  );
}

export interface FieldProps {
  readonly form: ProfileForm;
  readonly errorFor: (field: ProfileField) => string | undefined;
  readonly update: <K extends ProfileField>(field: K, value: ProfileForm[K]) => void;
}

/** A labelled text input in trader units, with its unit, help on hover, and its message. */
export function TextInput(props: FieldProps & { field: ProfileTextField; label?: string }) {
  const spec = PROFILE_TEXT_FIELD_SPECS[props.field];
  const error = props.errorFor(props.field);
  return (
    <label className="field settings__field" title={spec.help}>
      <span className="field__label">{props.label ?? spec.label}</span>
      <span className="settings__input-wrap">
        {spec.unit === '$' && <span className="settings__unit settings__unit--prefix">$</span>}
        <input
          className={`field__input settings__input${error ? ' is-invalid' : ''}`}
          inputMode={spec.kind === 'whole' ? 'numeric' : 'decimal'}
          autoComplete="off"
          value={props.form[props.field]}
          onChange={(event) => props.update(props.field, event.target.value)}
          aria-invalid={error !== undefined}
          data-testid={`settings-field-${props.field}`}
        />
        {spec.unit !== '$' && <span className="settings__unit">{spec.unit}</span>}
      </span>
      {error && (
        <span className="field__error" data-testid={`settings-error-${props.field}`}>
          {error}
        </span>
      )}
    </label>
  );
}

/** A labelled select over a fixed set of values. */
export function ChoiceInput<K extends ProfileField>(
  props: FieldProps & { field: K; label: string; help: string; options: ReadonlyArray<readonly [ProfileForm[K] & string, string]> },
) {
  const error = props.errorFor(props.field);
  return (
    <label className="field settings__field" title={props.help}>
      <span className="field__label">{props.label}</span>
      <select
        className={`field__input${error ? ' is-invalid' : ''}`}
        value={props.form[props.field] as string}
        onChange={(event) => props.update(props.field, event.target.value as ProfileForm[K])}
        data-testid={`settings-field-${props.field}`}
      >
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
      {error && (
        <span className="field__error" data-testid={`settings-error-${props.field}`}>
          {error}
        </span>
      )}
    </label>
  );
}

/** An on/off switch. */
export function ToggleInput(props: FieldProps & { field: 'pdtEnforcement' | 'reduceToFit' | 'requireStop'; label: string; help: string }) {
  const error = props.errorFor(props.field);
  return (
    <label className="settings__toggle" title={props.help}>
      <input
        type="checkbox"
        checked={props.form[props.field]}
        onChange={(event) => props.update(props.field, event.target.checked)}
        data-testid={`settings-field-${props.field}`}
      />
      <span>{props.label}</span>
      {error && (
        <span className="field__error" data-testid={`settings-error-${props.field}`}>
          {error}
        </span>
      )}
    </label>
  );
}
