import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { API_KEY_LABEL_MAX_CHARS, type ApiKey } from '../../../../shared';
import { describeError } from '../../rpc';
import { useServices, useTerminal } from '../../state';
import { formatTimestamp, useInterlockVerified } from '../interlock';
import { checkApiKeyForm, type ApiKeyFormErrors } from './api-key-form';

type Result = { readonly kind: 'success' | 'error'; readonly text: string };

/**
 * The registered keys, oldest first: label, key id, fingerprint, when registered, and either
 * Revoke (asks once more: revoking cannot be undone) or when it was revoked.
 */
export function ApiKeyList(props: {
  readonly keys: readonly ApiKey[];
  readonly busy: boolean;
  readonly onRevoke: (keyId: string) => void;
}) {
  const [confirming, setConfirming] = useState<string | null>(null);
  if (props.keys.length === 0) return <p className="settings__hint" data-testid="api-keys-empty">No API keys registered.</p>;
  return (
    <ul className="api-keys__list">
      {props.keys.map((key) => (
        <li key={key.keyId} className="api-keys__item" data-testid="api-key" data-key-id={key.keyId} data-revoked={key.revokedAt === null ? 'false' : 'true'}>
          <span className="api-keys__label">{key.label}</span>
          <span className="api-keys__meta">
            <code>{key.keyId}</code> · <code title="SHA-256 of the raw public key">{key.fingerprint}</code>
          </span>
          <span className="api-keys__meta">
            registered {formatTimestamp(key.registeredAt)}
            {key.revokedAt !== null && ` · revoked ${formatTimestamp(key.revokedAt)}`}
          </span>
          <span className="api-keys__actions">
            {key.revokedAt !== null ? (
              <span className="api-keys__revoked">Revoked</span>
            ) : confirming === key.keyId ? (
              <>
                <button
                  type="button"
                  className="btn btn--small btn--danger"
                  disabled={props.busy}
                  onClick={() => {
                    setConfirming(null);
                    props.onRevoke(key.keyId);
                  }}
                  data-testid="api-key-revoke-confirm"
                >
                  Revoke for good
                </button>
                <button type="button" className="btn btn--small" onClick={() => setConfirming(null)}>
                  Keep
                </button>
              </>
            ) : (
              <button
                type="button"
                className="btn btn--small btn--danger"
                disabled={props.busy}
                title="Requests signed with this key are refused from the next one on"
                onClick={() => setConfirming(key.keyId)}
                data-testid="api-key-revoke"
              >
                Revoke
              </button>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * Settings section "API keys": the keys the signed automation API accepts (`apikeys.list`), a form
 * to register one (paste the public key `floor apikey create` printed, and a label; `apikeys.register`),
 * and Revoke per key (`apikeys.revoke`). Register is enabled only while the interlock is unlocked,
 * because a registered key can send orders; the host refuses it otherwise either way. Revoke stays
 * available when locked: it only takes a way to send orders away.
 */
export function ApiKeys() {
  return <ApiKeyManager unlocked={useInterlockVerified()} />;
}

/** The API keys section given whether an interlock session is live now (ApiKeys reads it from the interlock). */
export function ApiKeyManager(props: { readonly unlocked: boolean }) {
  const { unlocked } = props;
  const { client } = useServices();
  const connected = useTerminal((state) => state.connection === 'connected');
  const [keys, setKeys] = useState<readonly ApiKey[] | null>(null);
  const [label, setLabel] = useState('');
  const [publicKey, setPublicKey] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);

  const reload = useCallback(async () => {
    setKeys((await client.call('apikeys.list', {})).keys);
  }, [client]);

  useEffect(() => {
    if (!connected) return;
    reload().catch((error: unknown) => setResult({ kind: 'error', text: `Could not load the API keys: ${describeError(error)}` }));
  }, [connected, reload]);

  const check = checkApiKeyForm(label, publicKey);
  const errors: ApiKeyFormErrors = attempted && !check.ok ? check.errors : {};

  const register = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (!check.ok) return;
    setBusy(true);
    setResult(null);
    try {
      const { key } = await client.call('apikeys.register', check.request);
      setLabel('');
      setPublicKey('');
      setAttempted(false);
      setResult({ kind: 'success', text: `Registered ${key.keyId} ("${key.label}"). Requests signed with it are accepted from now on.` });
      await reload();
    } catch (error) {
      setResult({ kind: 'error', text: `Not registered: ${describeError(error)}` });
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (keyId: string) => {
    setBusy(true);
    setResult(null);
    try {
      const { key } = await client.call('apikeys.revoke', { keyId });
      setResult({ kind: 'success', text: `Revoked ${key.keyId} ("${key.label}"). Requests signed with it are refused.` });
      await reload();
    } catch (error) {
      setResult({ kind: 'error', text: `Not revoked: ${describeError(error)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="api-keys" data-testid="api-keys">
      <p className="settings__hint">
        Programs sign orders to Floor with an Ed25519 key. Run <code>floor apikey create --label my-bot</code>, then paste the public key it prints
        here. The private key stays in your OS keychain.
      </p>
      {keys === null ? (
        <p className="settings__hint">{connected ? 'Loading the API keys…' : 'Waiting for the host…'}</p>
      ) : (
        <ApiKeyList keys={keys} busy={busy || !connected} onRevoke={(keyId) => void revoke(keyId)} />
      )}
      <form className="api-keys__register" onSubmit={(event) => void register(event)} noValidate aria-label="Register an API key">
        <label className="field">
          <span className="field__label">Label</span>
          <input
            className={`field__input${errors.label ? ' is-invalid' : ''}`}
            value={label}
            maxLength={API_KEY_LABEL_MAX_CHARS}
            autoComplete="off"
            placeholder="my-bot"
            onChange={(event) => setLabel(event.target.value)}
            aria-invalid={errors.label !== undefined}
            data-testid="api-key-label"
          />
        </label>
        <label className="field">
          <span className="field__label">Public key (base64)</span>
          <input
            className={`field__input api-keys__public-key${errors.publicKey ? ' is-invalid' : ''}`}
            value={publicKey}
            autoComplete="off"
            spellCheck={false}
            placeholder="44 characters, as floor apikey create prints it"
            onChange={(event) => setPublicKey(event.target.value)}
            aria-invalid={errors.publicKey !== undefined}
            data-testid="api-key-public-key"
          />
        </label>
        <button
          type="submit"
          className="btn"
          disabled={!connected || busy || !unlocked}
          title={unlocked ? 'Register this key: programs holding its private key can then send orders' : 'Unlock the interlock first: a registered key can send orders'}
          data-testid="api-key-register"
        >
          {busy ? 'Working…' : 'Register'}
        </button>
      </form>
      {!unlocked && (
        <p className="settings__hint" data-testid="api-keys-locked">
          Registering a key needs the interlock: unlock with your authenticator first.
        </p>
      )}
      {(errors.label || errors.publicKey) && (
        <div className="field__error" data-testid="api-key-form-error">
          {[errors.label, errors.publicKey].filter((problem) => problem !== undefined).join(' ')}
        </div>
      )}
      {result && (
        <div className={`settings__status settings__status--${result.kind}`} role="status" data-testid={`api-keys-${result.kind}`}>
          {result.text}
        </div>
      )}
    </div>
  );
}
