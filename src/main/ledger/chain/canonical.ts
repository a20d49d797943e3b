import { hash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** prev_hash of seq 1, and the hash and signature digest of the empty chain: 64 hex zeros. */
export const ZERO_HASH = '0'.repeat(64);

/** In a `u` regex a surrogate pair is one code point, so `\p{Cs}` matches only a lone surrogate. */
const LONE_SURROGATE = /\p{Cs}/u;

/** A JSON value that canonicalises without loss (see assertChainPayload). */
export type ChainJson = null | boolean | number | string | readonly ChainJson[] | { readonly [key: string]: ChainJson };

/** A chain entry's payload: a JSON object. */
export type ChainPayload = { readonly [key: string]: ChainJson };

/**
 * Checks that `payload` is a plain JSON object that RFC 8785 canonicalises to exactly what the
 * caller meant: no undefined, functions, symbols, bigints, class instances (a Date would silently
 * become a string) or cycles; numbers finite and, when integral, within ±(2^53 − 1) (beyond that an
 * integer such as a µs timestamp or a micro-dollar amount is no longer exact as a JSON number);
 * strings without lone surrogates (RFC 8785 §3.2.2.2 forbids them).
 * @throws TypeError naming the path of the first offending value and what was expected.
 */
export function assertChainPayload(payload: unknown): asserts payload is ChainPayload {
  if (!isPlainObject(payload)) throw new TypeError(`chain payload must be a JSON object, got ${describe(payload)}`);
  assertJson(payload, 'payload', new Set());
}

function assertJson(value: unknown, path: string, ancestors: Set<object>): void {
  switch (typeof value) {
    case 'string':
      if (LONE_SURROGATE.test(value)) throw new TypeError(`chain ${path} contains a lone UTF-16 surrogate; expected well-formed Unicode text`);
      return;
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`chain ${path} is ${value}; expected a finite number`);
      if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
        throw new TypeError(`chain ${path} is ${value}, beyond ±(2^53 − 1); expected an exactly representable integer`);
      }
      return;
    case 'object': {
      if (value === null) return;
      if (ancestors.has(value)) throw new TypeError(`chain ${path} refers back to itself; expected a tree`);
      ancestors.add(value);
      if (Array.isArray(value)) {
        value.forEach((item, index) => assertJson(item, `${path}[${index}]`, ancestors));
      } else if (isPlainObject(value)) {
        for (const [key, item] of Object.entries(value)) {
          if (LONE_SURROGATE.test(key)) throw new TypeError(`chain ${path} has a key with a lone UTF-16 surrogate`);
          assertJson(item, `${path}.${key}`, ancestors);
        }
      } else {
        throw new TypeError(`chain ${path} is a ${describe(value)}; expected a plain object, array, string, number, boolean or null`);
      }
      ancestors.delete(value);
      return;
    }
    default:
      throw new TypeError(`chain ${path} is ${describe(value)}; expected a plain object, array, string, number, boolean or null`);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}

/** RFC 8785 canonical JSON text of a payload already checked by assertChainPayload. */
export function canonicalPayload(payload: ChainPayload): string {
  const text = canonicalize(payload);
  if (text === undefined) throw new TypeError('chain payload has no JSON representation');
  return text;
}

/**
 * The exact text an entry's hash covers: the RFC 8785 canonical JSON of
 * `{seq, ts, type, payload, prevHash}`. Built by concatenation (members in RFC 8785 §3.2.3 order:
 * payload, prevHash, seq, ts, type) around the payload's own canonical text, which equals
 * `canonicalize({ seq, ts, type, payload: JSON.parse(payloadJson), prevHash })` whenever
 * `payloadJson` is canonical (the writer only stores canonical text; a unit test checks the
 * equality) and avoids re-parsing a million payloads on verification.
 *
 * @param seq, ts integers within ±(2^53 − 1), serialised as ECMAScript does (RFC 8785 §3.2.2.3).
 */
export function entryHashInput(seq: number, ts: number, type: string, payloadJson: string, prevHash: string): string {
  return `{"payload":${payloadJson},"prevHash":"${prevHash}","seq":${seq},"ts":${ts},"type":${JSON.stringify(type)}}`;
}

/**
 * Hex SHA-256 (FIPS 180-4) of the UTF-8 of `text`. Uses the one-shot `crypto.hash` (Node 20.12+),
 * about twice as fast as createHash for short inputs: verification hashes two strings per entry.
 */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}

/** An entry's hash: hex SHA-256 of entryHashInput. Its 32 bytes are what the entry signature signs. */
export function entryHash(seq: number, ts: number, type: string, payloadJson: string, prevHash: string): string {
  return sha256Hex(entryHashInput(seq, ts, type, payloadJson, prevHash));
}

/**
 * Running digest of every entry signature up to and including this one:
 * `hex SHA-256("<previous digest>:<signature base64>")`, ZERO_HASH before seq 1. The signed head
 * covers it, so a verifier learns that every stored signature is the one the terminal wrote with
 * one Ed25519 verification instead of one per entry.
 */
export function nextSignatureDigest(previousDigest: string, signature: string): string {
  return sha256Hex(`${previousDigest}:${signature}`);
}

/**
 * The message the head checkpoint's signature covers: `head:<seq>:<hash>:<sig digest>` in UTF-8.
 * The `head:` prefix keeps it distinct from an entry signature (which signs 32 raw hash bytes), so an
 * entry's signature can never pass for a head.
 */
export function headMessage(seq: number, hash: string, signatureDigest: string): Buffer {
  return Buffer.from(`head:${seq}:${hash}:${signatureDigest}`, 'utf8');
}
