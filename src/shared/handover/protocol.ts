/**
 * The end-to-end handover between the requester's phone and the paired desk,
 * on WebCrypto alone (`crypto.subtle`, in every browser and in Node 20), so
 * the phone, the desk and the Node test clients run this same code.
 *
 * 1. The desk makes a fresh ECDH P-256 key pair and commits to its public key
 *    (SHA-256 over the request id, the key and a random nonce); the commitment
 *    travels with exchange.select.
 * 2. The phone makes its own key pair and sends its public key.
 * 3. Only then the desk reveals its public key and nonce; the phone checks
 *    them against the commitment. A relay that swaps keys had to commit to
 *    its own before it saw the phone's: it gets one guess at the short code.
 * 4. Each side derives the 6-digit code from the transcript (request id and
 *    both public keys) with HKDF-SHA-256; the requester compares the screens.
 * 5. AES-256-GCM under keys derived (HKDF) from the ECDH secret and the
 *    transcript, one label per direction, the request id as associated data.
 */

export const SHORT_CODE_DIGITS = 6;
const VERSION = "nx-handover-v1";
const ECDH = { name: "ECDH", namedCurve: "P-256" } as const;
/** An uncompressed P-256 point: 0x04 ‖ x ‖ y. */
const PUBLIC_KEY_BYTES = 65;
const NONCE_BYTES = 32;
const IV_BYTES = 12;

export type HandoverErrorCode = "TAMPERED" | "WRONG_REQUEST" | "COMMITMENT_MISMATCH" | "BAD_KEY" | "BAD_MESSAGE";

/** Every failure of the protocol, with a code a screen can translate and a test can assert. */
export class HandoverError extends Error {
  constructor(
    readonly code: HandoverErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "HandoverError";
  }
}

export type Direction = "requester-to-processor" | "processor-to-requester";

/** What travels over the server for one sealed message: it can read none of it but the request id. */
export interface SealedMessage {
  v: 1;
  requestId: string;
  iv: string;
  ciphertext: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new HandoverError("BAD_MESSAGE", "Not base64url text.");
  const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Length-prefixed parts, so no two different transcripts encode alike. */
function framed(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const total = parts.reduce((n, p) => n + 4 + p.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let offset = 0;
  for (const part of parts) {
    view.setUint32(offset, part.length);
    out.set(part, offset + 4);
    offset += 4 + part.length;
  }
  return out;
}

function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(n));
}

function publicKeyBytes(publicKey: string): Uint8Array<ArrayBuffer> {
  const bytes = fromBase64Url(publicKey);
  if (bytes.length !== PUBLIC_KEY_BYTES || bytes[0] !== 4) throw new HandoverError("BAD_KEY", "That is not a P-256 public key.");
  return bytes;
}

/** A fresh key pair for one exchange; the private key can never be exported, only used. */
export async function generateKeyPair(): Promise<{ privateKey: CryptoKey; publicKey: string }> {
  const pair = await crypto.subtle.generateKey(ECDH, false, ["deriveBits"]);
  const raw = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
  return { privateKey: pair.privateKey, publicKey: toBase64Url(raw) };
}

async function sha256(data: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", data));
}

async function commitmentOf(requestId: string, publicKey: string, nonce: string): Promise<string> {
  const digest = await sha256(
    framed(encoder.encode(`${VERSION}/commit`), encoder.encode(requestId), publicKeyBytes(publicKey), fromBase64Url(nonce)),
  );
  return toBase64Url(digest);
}

/** The desk's commitment to its public key, sent with exchange.select; the nonce stays on the desk until the reveal. */
export async function commit(requestId: string, publicKey: string): Promise<{ commitment: string; nonce: string }> {
  const nonce = toBase64Url(randomBytes(NONCE_BYTES));
  return { commitment: await commitmentOf(requestId, publicKey, nonce), nonce };
}

/** The phone's check of the desk's reveal against the commitment it received first. */
export async function verifyCommitment(requestId: string, commitment: string, publicKey: string, nonce: string): Promise<void> {
  const expected = await commitmentOf(requestId, publicKey, nonce);
  if (expected !== commitment) {
    throw new HandoverError("COMMITMENT_MISMATCH", "The processor's key does not match the commitment it made when it selected this request.");
  }
}

function transcript(requestId: string, requesterKey: string, processorKey: string): Uint8Array<ArrayBuffer> {
  return framed(encoder.encode(VERSION), encoder.encode(requestId), publicKeyBytes(requesterKey), publicKeyBytes(processorKey));
}

/**
 * The 6-digit code both screens show, from the transcript alone: 64 bits of
 * HKDF output reduced mod 10^6 (the bias is below 10^-13).
 */
export async function shortCode(requestId: string, requesterKey: string, processorKey: string): Promise<string> {
  const ikm = await crypto.subtle.importKey("raw", transcript(requestId, requesterKey, processorKey), "HKDF", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits(
    { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: encoder.encode(`${VERSION}/short-code`) },
    ikm,
    64,
  );
  const value = new DataView(bits).getBigUint64(0) % 10n ** BigInt(SHORT_CODE_DIGITS);
  return value.toString().padStart(SHORT_CODE_DIGITS, "0");
}

/** One side's view of the agreed channel: the code, and sealing in its own direction, opening in the other. */
export interface HandoverChannel {
  code: string;
  seal(plaintext: unknown): Promise<SealedMessage>;
  open<T = unknown>(message: SealedMessage): Promise<T>;
}

export interface ChannelInput {
  requestId: string;
  role: "requester" | "processor";
  privateKey: CryptoKey;
  requesterKey: string;
  processorKey: string;
}

async function directionKey(secret: CryptoKey, salt: Uint8Array<ArrayBuffer>, direction: Direction, usage: KeyUsage): Promise<CryptoKey> {
  return crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt, info: encoder.encode(`${VERSION}/${direction}`) },
    secret,
    { name: "AES-GCM", length: 256 },
    false,
    [usage],
  );
}

function associatedData(requestId: string, direction: Direction): Uint8Array<ArrayBuffer> {
  return framed(encoder.encode(VERSION), encoder.encode(direction), encoder.encode(requestId));
}

/** Derives both direction keys from the ECDH secret and the transcript. */
export async function openChannel(input: ChannelInput): Promise<HandoverChannel> {
  const { requestId, role, privateKey, requesterKey, processorKey } = input;
  const peer = role === "requester" ? processorKey : requesterKey;
  let peerKey: CryptoKey;
  try {
    peerKey = await crypto.subtle.importKey("raw", publicKeyBytes(peer), ECDH, false, []);
  } catch (error) {
    if (error instanceof HandoverError) throw error;
    throw new HandoverError("BAD_KEY", "The other side's public key is not a point on P-256.");
  }
  const shared = await crypto.subtle.deriveBits({ name: "ECDH", public: peerKey }, privateKey, 256);
  const secret = await crypto.subtle.importKey("raw", shared, "HKDF", false, ["deriveKey"]);
  const salt = await sha256(transcript(requestId, requesterKey, processorKey));
  const outgoing: Direction = role === "requester" ? "requester-to-processor" : "processor-to-requester";
  const incoming: Direction = role === "requester" ? "processor-to-requester" : "requester-to-processor";
  const sealKey = await directionKey(secret, salt, outgoing, "encrypt");
  const openKey = await directionKey(secret, salt, incoming, "decrypt");
  const code = await shortCode(requestId, requesterKey, processorKey);

  return {
    code,
    async seal(plaintext) {
      const iv = randomBytes(IV_BYTES);
      const data = encoder.encode(JSON.stringify(plaintext));
      const ciphertext = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: associatedData(requestId, outgoing) }, sealKey, data);
      return { v: 1, requestId, iv: toBase64Url(iv), ciphertext: toBase64Url(new Uint8Array(ciphertext)) };
    },
    async open<T>(message: SealedMessage): Promise<T> {
      if (message.requestId !== requestId) {
        throw new HandoverError("WRONG_REQUEST", "This message was sealed for another request.");
      }
      let plaintext: ArrayBuffer;
      try {
        plaintext = await crypto.subtle.decrypt(
          { name: "AES-GCM", iv: fromBase64Url(message.iv), additionalData: associatedData(requestId, incoming) },
          openKey,
          fromBase64Url(message.ciphertext),
        );
      } catch {
        throw new HandoverError("TAMPERED", "The data could not be decrypted: it was altered on the way, or sealed for another device.");
      }
      return JSON.parse(decoder.decode(plaintext)) as T;
    },
  };
}
