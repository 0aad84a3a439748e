import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { SignatureLookup } from '../engine/online';
import type { RegistryClient } from './registry';

export const SIGNATURE_ANNOTATION = 'dev.cosignproject.cosign/signature';
const MAX_SIGNATURES = 10;

/** One cosign signature layer: the simple-signing payload and the base64 signature over it. */
export interface SignatureLayer {
  readonly payload: Buffer;
  readonly signature: string;
}

/** The cosign tag of an image digest: `sha256:abc...` → `sha256-abc....sig`. */
export function signatureTag(digest: string): string {
  return `${digest.replace(':', '-')}.sig`;
}

/**
 * The signature layers stored next to an image (cosign's `sha256-<hex>.sig` tag); an empty list
 * when there is no such tag or it holds no signature layer. Payloads are checked against their
 * layer digests by the client.
 */
export async function fetchSignatures(client: RegistryClient, registry: string, repository: string, digest: string): Promise<SignatureLayer[]> {
  const manifest = await client.manifest(registry, repository, signatureTag(digest), true);
  const layers = (manifest?.json as { layers?: unknown } | undefined)?.layers;
  if (!Array.isArray(layers)) return [];
  const out: SignatureLayer[] = [];
  for (const layer of layers.slice(0, MAX_SIGNATURES)) {
    const { digest: layerDigest, annotations } = (layer ?? {}) as { digest?: unknown; annotations?: Record<string, unknown> };
    const signature = annotations?.[SIGNATURE_ANNOTATION];
    if (typeof layerDigest !== 'string' || typeof signature !== 'string') continue;
    out.push({ payload: await client.blob(registry, repository, layerDigest), signature });
  }
  return out;
}

export interface VerificationKey {
  readonly name: string;
  readonly key: KeyObject;
}

/** Reads PEM public keys; a file that is missing or holds no ECDSA P-256 / Ed25519 key is an error naming the file. */
export function loadKeys(paths: readonly string[]): VerificationKey[] {
  return paths.map((path) => {
    let pem: string;
    try {
      pem = readFileSync(path, 'utf8');
    } catch {
      throw new Error(`verification key ${path} cannot be read`);
    }
    let key: KeyObject;
    try {
      key = createPublicKey(pem);
    } catch {
      throw new Error(`verification key ${path} is not a PEM public key`);
    }
    const ok = key.asymmetricKeyType === 'ed25519' || (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1');
    if (!ok) throw new Error(`verification key ${path} is ${key.asymmetricKeyType}${key.asymmetricKeyDetails?.namedCurve ? ` ${key.asymmetricKeyDetails.namedCurve}` : ''}; use ECDSA P-256 or Ed25519`);
    return { name: basename(path), key };
  });
}

/**
 * The verdict on an image's signatures: valid when one layer's signature verifies with one of the
 * keys and its payload names this digest; otherwise the most telling reason it is invalid.
 */
export function verifySignatures(digest: string, layers: readonly SignatureLayer[], keys: readonly VerificationKey[]): SignatureLookup {
  if (layers.length === 0) return { status: 'missing' };
  let detail = 'no configured key verifies the signature';
  for (const layer of layers) {
    const signature = Buffer.from(layer.signature, 'base64');
    if (!keys.some(({ key }) => verifies(key, layer.payload, signature))) continue;
    const named = signedDigest(layer.payload);
    if (named === digest) return { status: 'valid' };
    detail = named === undefined ? 'the signed payload is not a cosign simple-signing document' : `the signed payload names ${named}, not this image`;
  }
  return { status: 'invalid', detail };
}

function verifies(key: KeyObject, payload: Buffer, signature: Buffer): boolean {
  try {
    // ECDSA (cosign's default) is DER-encoded over SHA-256; Ed25519 signs the message itself.
    return key.asymmetricKeyType === 'ed25519' ? verify(null, payload, key, signature) : verify('sha256', payload, { key, dsaEncoding: 'der' }, signature);
  } catch {
    return false;
  }
}

/** `critical.image.docker-manifest-digest` of a simple-signing payload of type "cosign container image signature". */
function signedDigest(payload: Buffer): string | undefined {
  try {
    const doc = JSON.parse(payload.toString('utf8')) as { critical?: { type?: unknown; image?: { 'docker-manifest-digest'?: unknown } } };
    const digest = doc.critical?.image?.['docker-manifest-digest'];
    return doc.critical?.type === 'cosign container image signature' && typeof digest === 'string' ? digest : undefined;
  } catch {
    return undefined;
  }
}
