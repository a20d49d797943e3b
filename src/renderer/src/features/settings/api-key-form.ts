import { apiKeyRegistrationSchema, type ApiKeyRegistration } from '../../../../shared';

/** Per-field problems of the API key registration form, in the words the host would use. */
export interface ApiKeyFormErrors {
  readonly label?: string;
  readonly publicKey?: string;
}

/** The registration form checked with the contract's own schema: the request to send, or what is wrong with each field. */
export type ApiKeyFormCheck = { readonly ok: true; readonly request: ApiKeyRegistration } | { readonly ok: false; readonly errors: ApiKeyFormErrors };

/**
 * Checks the label and pasted public key with `apikeys.register`'s request schema (trimmed, 1..100
 * characters; a raw 32-byte Ed25519 key in standard base64), so the trader sees the host's sentence
 * before anything is sent. The host checks again; this only saves a round trip.
 */
export function checkApiKeyForm(label: string, publicKey: string): ApiKeyFormCheck {
  const parsed = apiKeyRegistrationSchema.safeParse({ label, publicKey });
  if (parsed.success) return { ok: true, request: parsed.data };
  const errors: { label?: string; publicKey?: string } = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if ((field === 'label' || field === 'publicKey') && errors[field] === undefined) errors[field] = issue.message;
  }
  return { ok: false, errors };
}
