import { z } from 'zod';
import { unixMicrosSchema } from './schemas';

/**
 * Zod schemas of the automation API key methods (`apikeys.*` in contract.ts). The host validates
 * every request with them before a handler runs, and the Settings drawer checks the same rules as
 * the trader types, so both give the same sentence for the same mistake.
 */

/** Longest key label (the api_keys table's CHECK, migration 0007). */
export const API_KEY_LABEL_MAX_CHARS = 100;

/** The trader's name for the program that signs with a key: 1..100 characters, trimmed. */
export const apiKeyLabelSchema = z
  .string({ error: 'the key label must be text' })
  .trim()
  .min(1, 'the key label is empty: name the program that will sign with this key')
  .max(API_KEY_LABEL_MAX_CHARS, `the key label is longer than ${API_KEY_LABEL_MAX_CHARS} characters`);

/** A key id: `fk_` + 22 base64url characters (src/main/security/api-auth/signing-scheme.ts section 4). */
export const apiKeyIdSchema = z
  .string({ error: 'the key id must be text' })
  .regex(/^fk_[A-Za-z0-9_-]{22}$/, 'the key id must be fk_ followed by 22 base64url characters');

/** Bytes of a raw Ed25519 public key (RFC 8032 section 5.1.5). */
const ED25519_PUBLIC_KEY_BYTES = 32;
const STANDARD_BASE64 = /^([A-Za-z0-9+/]*)(={0,2})$/;
const WHAT_TO_PASTE = 'paste the public key `floor apikey create` printed (44 characters of standard base64)';

/**
 * Bytes that standard base64 text (RFC 4648 section 4; padding optional) decodes to, or null when
 * the text is not standard base64: a character outside A-Z a-z 0-9 + / =, misplaced padding, or a
 * length no encoding produces.
 */
function standardBase64Bytes(text: string): number | null {
  const match = STANDARD_BASE64.exec(text);
  const data = match?.[1];
  const padding = match?.[2];
  if (data === undefined || padding === undefined || data.length % 4 === 1) return null;
  if (padding.length > 0 && (data.length + padding.length) % 4 !== 0) return null;
  return Math.floor((data.length * 3) / 4);
}

/**
 * An Ed25519 public key as `apikeys.register` takes it: the raw 32-byte key in standard base64
 * (what `floor apikey create` prints), surrounding whitespace ignored. PEM and url-safe base64 are
 * refused with a sentence saying what to paste instead.
 */
export const ed25519PublicKeyBase64Schema = z
  .string({ error: 'the public key must be text' })
  .trim()
  .superRefine((text, ctx) => {
    if (text === '') {
      ctx.addIssue({ code: 'custom', message: `the public key is empty: ${WHAT_TO_PASTE}` });
      return;
    }
    if (text.startsWith('-----BEGIN')) {
      ctx.addIssue({ code: 'custom', message: `a PEM block is not accepted here: ${WHAT_TO_PASTE}` });
      return;
    }
    const bytes = standardBase64Bytes(text);
    if (bytes === null) {
      ctx.addIssue({ code: 'custom', message: `the public key is not standard base64 (A-Z a-z 0-9 + /, = padding at the end): ${WHAT_TO_PASTE}` });
      return;
    }
    if (bytes !== ED25519_PUBLIC_KEY_BYTES) {
      ctx.addIssue({
        code: 'custom',
        message: `the public key decodes to ${bytes} bytes; an Ed25519 public key has ${ED25519_PUBLIC_KEY_BYTES}: ${WHAT_TO_PASTE}`,
      });
    }
  });

/** What `apikeys.register` takes. */
export const apiKeyRegistrationSchema = z.object({ label: apiKeyLabelSchema, publicKey: ed25519PublicKeyBase64Schema }).strict();
export type ApiKeyRegistration = z.output<typeof apiKeyRegistrationSchema>;

/**
 * A registered automation API key, as listed to the trader. Times Unix µs (wall clock). Last use is
 * not tracked (api_keys has no such column); the signed requests themselves carry the key id.
 */
export const apiKeySchema = z.object({
  keyId: apiKeyIdSchema,
  label: z.string(),
  /** `SHA256:` + unpadded base64 of the SHA-256 of the raw 32-byte public key. */
  fingerprint: z.string(),
  registeredAt: unixMicrosSchema,
  /** When it was revoked, or null while requests signed with it are accepted. */
  revokedAt: unixMicrosSchema.nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;
