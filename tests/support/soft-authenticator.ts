import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import type { AuthenticationResponse, RegistrationResponse } from '../../src/shared/rpc/interlock';

/**
 * A software WebAuthn authenticator for tests: ES256 keys from node:crypto, 'none' attestation,
 * authenticatorData and clientDataJSON built byte by byte (WebAuthn §6.1, §6.5.1, §5.8.1), so the
 * relying party is checked against real, correctly signed responses and against precise forgeries.
 */

type Cbor = number | string | Uint8Array | Map<Cbor, Cbor>;

function head(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 256) return Buffer.from([(major << 5) | 24, length]);
  if (length < 65_536) return Buffer.from([(major << 5) | 25, length >> 8, length & 0xff]);
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(length, 1);
  return b;
}

/** Minimal CBOR encoder (RFC 8949): unsigned and negative integers, byte and text strings, maps. */
export function cbor(value: Cbor): Buffer {
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), Buffer.from(value)]);
  const parts: Buffer[] = [head(5, value.size)];
  for (const [k, v] of value) parts.push(cbor(k), cbor(v));
  return Buffer.concat(parts);
}

const sha256 = (data: Uint8Array | string): Buffer => createHash('sha256').update(data).digest();

/** Authenticator data flags (WebAuthn §6.1). */
export const FLAGS = { UP: 0x01, UV: 0x04, AT: 0x40 } as const;

export interface CeremonyOverrides {
  /** Origin written into clientDataJSON (default the authenticator's). */
  origin?: string;
  /** rpID whose hash starts authenticatorData (default 'localhost'). */
  rpId?: string;
  /** Flags byte (default UP | UV, plus AT at registration). */
  flags?: number;
  /** clientDataJSON type (default webauthn.create / webauthn.get). */
  type?: string;
  /** Signature counter to report (default: the authenticator's next one). */
  counter?: number;
}

/** One software authenticator holding one ES256 credential. */
export class SoftAuthenticator {
  readonly credentialId: string;
  private readonly privateKey: KeyObject;
  private readonly cosePublicKey: Buffer;
  /** The signature counter the next assertion reports (incremented by each assertion). */
  counter: number;

  constructor(
    readonly origin: string,
    options: { initialCounter?: number } = {},
  ) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = privateKey;
    const jwk = publicKey.export({ format: 'jwk' });
    this.cosePublicKey = cbor(
      new Map<Cbor, Cbor>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, Buffer.from(jwk.x ?? '', 'base64url')],
        [-3, Buffer.from(jwk.y ?? '', 'base64url')],
      ]),
    );
    this.credentialId = randomBytes(32).toString('base64url');
    this.counter = options.initialCounter ?? 0;
  }

  private clientData(type: string, challenge: string, origin: string): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }), 'utf8');
  }

  private authData(rpId: string, flags: number, counter: number, attested: Buffer | null): Buffer {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    return Buffer.concat([sha256(rpId), Buffer.from([flags]), count, ...(attested === null ? [] : [attested])]);
  }

  /** A 'none'-attestation registration response to `challenge`. */
  register(challenge: string, overrides: CeremonyOverrides = {}): RegistrationResponse {
    const id = Buffer.from(this.credentialId, 'base64url');
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(id.length);
    const attested = Buffer.concat([Buffer.alloc(16), idLength, id, this.cosePublicKey]);
    const authData = this.authData(overrides.rpId ?? 'localhost', overrides.flags ?? FLAGS.UP | FLAGS.UV | FLAGS.AT, overrides.counter ?? this.counter, attested);
    const attestationObject = cbor(new Map<Cbor, Cbor>([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]));
    return {
      id: this.credentialId,
      rawId: this.credentialId,
      response: {
        clientDataJSON: this.clientData(overrides.type ?? 'webauthn.create', challenge, overrides.origin ?? this.origin).toString('base64url'),
        attestationObject: attestationObject.toString('base64url'),
        transports: ['internal'],
      },
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      type: 'public-key',
    };
  }

  /** An assertion for `challenge`, signed with the credential's key; the counter advances unless overridden. */
  assert(challenge: string, overrides: CeremonyOverrides = {}): AuthenticationResponse {
    const counter = overrides.counter ?? ++this.counter;
    const authData = this.authData(overrides.rpId ?? 'localhost', overrides.flags ?? FLAGS.UP | FLAGS.UV, counter, null);
    const clientDataJSON = this.clientData(overrides.type ?? 'webauthn.get', challenge, overrides.origin ?? this.origin);
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), this.privateKey);
    return {
      id: this.credentialId,
      rawId: this.credentialId,
      response: {
        clientDataJSON: clientDataJSON.toString('base64url'),
        authenticatorData: authData.toString('base64url'),
        signature: signature.toString('base64url'),
      },
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      type: 'public-key',
    };
  }
}
