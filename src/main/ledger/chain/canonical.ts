import { hash } from 'node:crypto';

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
 * caller meant (canonicalPayload's rules).
 * @throws TypeError naming the path of the first offending value and what was expected.
 */
export function assertChainPayload(payload: unknown): asserts payload is ChainPayload {
  canonicalPayload(payload);
}

/**
 * RFC 8785 canonical JSON text of `payload`, checked and written in one pass: members sorted by
 * UTF-16 code units (§3.2.3), numbers as ECMAScript writes them (§3.2.2.3; JSON.stringify, so -0 is
 * `0`), strings as JSON.stringify escapes them (§3.2.2.2). `payload` must be a plain JSON object that
 * canonicalises to exactly what the caller meant: no undefined, functions, symbols, bigints, class
 * instances (a Date would silently become a string) or cycles; numbers finite and, when integral,
 * within ±(2^53 − 1) (beyond that an integer such as a µs timestamp or a micro-dollar amount is no
 * longer exact as a JSON number); strings and keys without lone surrogates (RFC 8785 §3.2.2.2
 * forbids them). A unit test checks the output against the `canonicalize` reference implementation.
 * @throws TypeError naming the path of the first offending value (in canonical member order) and what was expected.
 */
export function canonicalPayload(payload: unknown): string {
  if (!isPlainObject(payload)) throw new TypeError(`chain payload must be a JSON object, got ${describe(payload)}`);
  try {
    return canonicalJson(payload, new Set());
  } catch (error) {
    if (error instanceof PayloadProblem) throw new TypeError(error.explain(`payload${error.path}`));
    throw error;
  }
}

/**
 * What is wrong with one value of a payload, thrown up through canonicalJson, which prefixes the
 * path of each member it passes on the way out: paths are only built for a payload that fails.
 */
class PayloadProblem {
  /** Path of the value below the payload, e.g. `.reason.codes[2]`. */
  path = '';
  constructor(readonly explain: (path: string) => string) {}
}

function canonicalJson(value: unknown, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'string':
      if (LONE_SURROGATE.test(value)) throw new PayloadProblem((path) => `chain ${path} contains a lone UTF-16 surrogate; expected well-formed Unicode text`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new PayloadProblem((path) => `chain ${path} is ${value}; expected a finite number`);
      if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
        throw new PayloadProblem((path) => `chain ${path} is ${value}, beyond ±(2^53 − 1); expected an exactly representable integer`);
      }
      return JSON.stringify(value);
    case 'object': {
      if (value === null) return 'null';
      if (ancestors.has(value)) throw new PayloadProblem((path) => `chain ${path} refers back to itself; expected a tree`);
      ancestors.add(value);
      let text: string;
      if (Array.isArray(value)) {
        text = '[';
        for (let index = 0; index < value.length; index++) {
          if (index > 0) text += ',';
          text += member(value[index], index, ancestors);
        }
        text += ']';
      } else if (isPlainObject(value)) {
        text = '{';
        // Array.prototype.sort without a comparator orders strings by UTF-16 code units (RFC 8785 §3.2.3).
        const keys = Object.keys(value).sort();
        for (let index = 0; index < keys.length; index++) {
          const key = keys[index]!;
          if (LONE_SURROGATE.test(key)) throw new PayloadProblem((path) => `chain ${path} has a key with a lone UTF-16 surrogate`);
          if (index > 0) text += ',';
          text += JSON.stringify(key) + ':' + member(value[key], key, ancestors);
        }
        text += '}';
      } else {
        throw new PayloadProblem((path) => `chain ${path} is a ${describe(value)}; expected a plain object, array, string, number, boolean or null`);
      }
      ancestors.delete(value);
      return text;
    }
    default:
      throw new PayloadProblem((path) => `chain ${path} is ${describe(value)}; expected a plain object, array, string, number, boolean or null`);
  }
}

/** canonicalJson of a container's member `value` (under `key`, or at `index` of an array), prefixing its step to a problem's path. */
function member(value: unknown, keyOrIndex: string | number, ancestors: Set<object>): string {
  try {
    return canonicalJson(value, ancestors);
  } catch (error) {
    if (error instanceof PayloadProblem) error.path = `${typeof keyOrIndex === 'number' ? `[${keyOrIndex}]` : `.${keyOrIndex}`}${error.path}`;
    throw error;
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
