import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { request } from 'node:http';
import { apiKeyId, signRequest, type ApiKeyEntry, type ApiKeyLookup } from '../../../../src/main/security/api-auth';

/** A test API key: its id, private key, and the registry entry the verifier sees. */
export interface TestKey {
  readonly keyId: string;
  readonly privateKey: KeyObject;
  readonly raw: Buffer;
  readonly publicKeyBase64: string;
  readonly publicKeyPem: string;
}

/** A fresh Ed25519 test key. */
export function testKey(): TestKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'der', type: 'spki' }).subarray(12));
  return {
    keyId: apiKeyId(raw),
    privateKey,
    raw,
    publicKeyBase64: raw.toString('base64'),
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  };
}

/** An in-memory key registry; `revoke` flips a key to revoked. */
export function memoryKeys(...keys: TestKey[]): ApiKeyLookup & { revoke(keyId: string): void } {
  const entries = new Map<string, ApiKeyEntry>(keys.map((k) => [k.keyId, { keyId: k.keyId, publicKey: k.raw, revoked: false }]));
  return {
    find: (keyId) => entries.get(keyId),
    revoke(keyId) {
      const entry = entries.get(keyId);
      if (entry !== undefined) entries.set(keyId, { ...entry, revoked: true });
    },
  };
}

export interface JsonResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json: unknown;
}

/** Options of `post`: the raw body, and full control of every header (fetch forbids setting Host). */
export interface PostOptions {
  readonly body?: string | Buffer;
  readonly headers?: Record<string, string>;
  readonly host?: string;
  readonly method?: string;
}

/** A raw HTTP request to 127.0.0.1:`port`; resolves with status, headers and the body (parsed when JSON). */
export function post(port: number, path: string, options: PostOptions = {}): Promise<JsonResponse> {
  const body = options.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body, 'utf8');
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'POST',
        headers: { Host: options.host ?? `localhost:${port}`, 'Content-Length': String(body.length), ...options.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, json });
        });
      },
    );
    // A host that refuses an oversized body may close before reading it all: report, do not fail.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    req.end(body);
  });
}

/** POSTs `body` (raw bytes, JSON text, or a value to serialise) to `path`, signed with `key`; `tweak` edits the signed headers before sending. */
export function postSigned(
  port: number,
  path: string,
  body: unknown,
  key: TestKey,
  options: { timestampMs?: number; nonce?: string; tweak?: (headers: Record<string, string>) => Record<string, string>; extraHeaders?: Record<string, string> } = {},
): Promise<JsonResponse> {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
  const signed = signRequest({
    keyId: key.keyId,
    privateKey: key.privateKey,
    method: 'POST',
    path,
    body: bytes,
    ...(options.timestampMs === undefined ? {} : { timestampMs: options.timestampMs }),
    ...(options.nonce === undefined ? {} : { nonce: options.nonce }),
  });
  const headers = { 'Content-Type': 'application/json', ...(options.tweak ? options.tweak(signed) : signed), ...options.extraHeaders };
  return post(port, path, { body: bytes, headers });
}
