import { z } from 'zod';
import { unixMicrosSchema } from './schemas';

/**
 * Zod schemas of the WebAuthn interlock's RPC payloads (methods `interlock.*` in contract.ts).
 *
 * The response schemas mirror WebAuthn Level 3's JSON serialisation (RegistrationResponseJSON,
 * AuthenticationResponseJSON, https://w3c.github.io/webauthn/#dictdef-registrationresponsejson), as
 * @simplewebauthn/browser 14 produces them. The host validates them here, before
 * @simplewebauthn/server decodes a single byte, so a malformed body gets a BAD_REQUEST naming the
 * field instead of an exception deep inside CBOR decoding. Unknown keys are stripped.
 */

/** Base64url without padding (RFC 4648 §5), as WebAuthn's JSON encodes every binary field. */
export const base64UrlSchema = z.string().regex(/^[A-Za-z0-9_-]*$/, 'expected base64url text (A-Z a-z 0-9 - _, no padding)');

/** A credential id: base64url, 1..1366 characters (WebAuthn caps credential ids at 1023 bytes). */
export const credentialIdSchema = base64UrlSchema.min(1, 'credential id is empty').max(1366, 'credential id is longer than 1023 bytes');

/**
 * Largest binary field accepted (base64url characters): 64 KiB. Attestation objects with certificate
 * chains are a few KiB; the cap keeps a hostile body from costing more than the frame limit anyway.
 */
const MAX_BINARY_CHARS = 65_536;
const binary = (what: string) => base64UrlSchema.min(1, `${what} is empty`).max(MAX_BINARY_CHARS, `${what} is longer than 64 KiB`);

/** WebAuthn authenticator transports (AuthenticatorTransportFuture of @simplewebauthn). */
export const AUTHENTICATOR_TRANSPORTS = ['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'] as const;
export const authenticatorTransportSchema = z.enum(AUTHENTICATOR_TRANSPORTS);
export type AuthenticatorTransport = z.infer<typeof authenticatorTransportSchema>;

/** `platform` (Windows Hello, Touch ID) or `cross-platform` (a USB/NFC/BLE security key). */
const attachmentSchema = z.enum(['platform', 'cross-platform']);

/**
 * Client extension outputs: must be an object; its members (credProps, prf ...) are dropped, since
 * Floor requests no extension and must not act on outputs it did not ask for.
 */
const clientExtensionResultsSchema = z
  .custom<object>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), 'clientExtensionResults must be an object')
  .transform((): Record<string, never> => ({}));

/**
 * What `startRegistration()` returns (RegistrationResponseJSON). `transports` keeps only the values
 * WebAuthn defines; a browser reporting a newer one loses it rather than failing registration.
 */
export const registrationResponseSchema = z.object({
  id: credentialIdSchema,
  rawId: credentialIdSchema,
  response: z.object({
    clientDataJSON: binary('clientDataJSON'),
    attestationObject: binary('attestationObject'),
    authenticatorData: binary('authenticatorData').optional(),
    transports: z
      .array(z.string().max(32))
      .max(16)
      .transform((values) => values.filter((value): value is AuthenticatorTransport => (AUTHENTICATOR_TRANSPORTS as readonly string[]).includes(value)))
      .optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: binary('publicKey').optional(),
  }),
  authenticatorAttachment: attachmentSchema.optional(),
  clientExtensionResults: clientExtensionResultsSchema,
  type: z.literal('public-key'),
});
export type RegistrationResponse = z.output<typeof registrationResponseSchema>;

/** What `startAuthentication()` returns (AuthenticationResponseJSON). */
export const authenticationResponseSchema = z.object({
  id: credentialIdSchema,
  rawId: credentialIdSchema,
  response: z.object({
    clientDataJSON: binary('clientDataJSON'),
    authenticatorData: binary('authenticatorData'),
    signature: binary('signature'),
    userHandle: base64UrlSchema.max(MAX_BINARY_CHARS).optional(),
  }),
  authenticatorAttachment: attachmentSchema.optional(),
  clientExtensionResults: clientExtensionResultsSchema,
  type: z.literal('public-key'),
});
export type AuthenticationResponse = z.output<typeof authenticationResponseSchema>;

const credentialDescriptorSchema = z.object({
  id: credentialIdSchema,
  type: z.literal('public-key'),
  transports: z.array(authenticatorTransportSchema).optional(),
});

/** PublicKeyCredentialCreationOptionsJSON: what `startRegistration({ optionsJSON })` takes. */
export const registrationOptionsSchema = z.object({
  rp: z.object({ name: z.string(), id: z.string().optional() }),
  user: z.object({ id: base64UrlSchema, name: z.string(), displayName: z.string() }),
  challenge: base64UrlSchema,
  pubKeyCredParams: z.array(z.object({ alg: z.number().int(), type: z.literal('public-key') })),
  timeout: z.number().int().positive().optional(),
  excludeCredentials: z.array(credentialDescriptorSchema).optional(),
  authenticatorSelection: z
    .object({
      authenticatorAttachment: attachmentSchema.optional(),
      requireResidentKey: z.boolean().optional(),
      residentKey: z.enum(['discouraged', 'preferred', 'required']).optional(),
      userVerification: z.enum(['discouraged', 'preferred', 'required']).optional(),
    })
    .optional(),
  hints: z.array(z.enum(['hybrid', 'security-key', 'client-device'])).optional(),
  attestation: z.enum(['direct', 'enterprise', 'indirect', 'none']).optional(),
  extensions: z.object({ credProps: z.boolean().optional() }).optional(),
});
export type RegistrationOptions = z.output<typeof registrationOptionsSchema>;

/** PublicKeyCredentialRequestOptionsJSON: what `startAuthentication({ optionsJSON })` takes. */
export const authenticationOptionsSchema = z.object({
  challenge: base64UrlSchema,
  timeout: z.number().int().positive().optional(),
  rpId: z.string().optional(),
  allowCredentials: z.array(credentialDescriptorSchema).optional(),
  userVerification: z.enum(['discouraged', 'preferred', 'required']).optional(),
});
export type AuthenticationOptions = z.output<typeof authenticationOptionsSchema>;

/**
 * The interlock as the renderer sees it.
 * - `registered`: authenticators on file (0 = first run: register one before anything executes).
 * - `verified`: an interlock session is live, so order-sending RPCs are accepted.
 * - `expiresAt`: Unix µs (wall clock) when the live session ends; null when none is live.
 * - `reason`: why the trader must verify again (e.g. "trading was HALTED"); null when simply not verified or expired.
 * - `automationArmedUntil`: Unix µs (wall clock) until which automated orders (the signed API, algos)
 *   may be sent without a live session (one WebAuthn check armed them); null when not armed.
 */
export const interlockStatusSchema = z.object({
  registered: z.number().int().nonnegative(),
  verified: z.boolean(),
  expiresAt: unixMicrosSchema.nullable(),
  reason: z.string().nullable(),
  automationArmedUntil: unixMicrosSchema.nullable(),
});
export type InterlockStatus = z.infer<typeof interlockStatusSchema>;

/** A registered authenticator, as listed to the trader. Times Unix µs (wall clock). */
export const interlockCredentialSchema = z.object({
  credentialId: credentialIdSchema,
  label: z.string(),
  transports: z.array(authenticatorTransportSchema),
  /** singleDevice (a hardware key, a TPM) or multiDevice (a synced passkey). */
  deviceType: z.enum(['singleDevice', 'multiDevice']),
  backedUp: z.boolean(),
  createdAt: unixMicrosSchema,
  lastUsedAt: unixMicrosSchema.nullable(),
});
export type InterlockCredential = z.infer<typeof interlockCredentialSchema>;

/** A trader-chosen name for an authenticator: 1..64 characters, trimmed. */
export const credentialLabelSchema = z
  .string()
  .trim()
  .min(1, 'the authenticator name is empty')
  .max(64, 'the authenticator name is longer than 64 characters');
