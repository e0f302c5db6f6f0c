import "server-only";
import { createDecipheriv, createHash, createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import type { JWT } from "next-auth/jwt";

/**
 * next-auth's session cookie opened with node:crypto. The cookie is the JWE
 * that next-auth's encode makes: alg "dir", enc "A256CBC-HS512" (RFC 7518
 * §5.2.2), under a 64-byte key HKDF-derived from the secret and the cookie's
 * name, its kid the key's RFC 7638 thumbprint (SHA-512). It is checked as next-auth's
 * decode (jose's jwtDecrypt) checks it: the tag, then nbf and exp with 15 s
 * of clock tolerance, iat a number when present.
 *
 * Why: next-auth's decode derives the key again and runs AES and HMAC
 * through WebCrypto, most of the CPU a request with a new cookie costs on
 * the API path. Anything of another shape (another algorithm, a key id of
 * another secret, header parameters next-auth does not write) is null here,
 * and the caller asks next-auth's decode, which stays the authority.
 */

interface SessionKey {
  mac: Buffer;
  encryption: Buffer;
  kid: string;
}

const CLOCK_TOLERANCE_SECONDS = 15;
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const HEADER_PARAMETERS = new Set(["alg", "enc", "kid"]);
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Keys by salt (the cookie's name) and secret: two names per secret, one secret per process. */
const keys = new Map<string, SessionKey>();

function keyFor(secret: string, salt: string): SessionKey {
  const id = `${salt}\u0000${secret}`;
  let key = keys.get(id);
  if (!key) {
    const derived = Buffer.from(hkdfSync("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, 64));
    // next-auth names the key by its thumbprint under the hash of its own size: SHA-512 for 64 bytes.
    const kid = createHash("sha512")
      .update(`{"k":"${derived.toString("base64url")}","kty":"oct"}`)
      .digest("base64url");
    key = { mac: derived.subarray(0, 32), encryption: derived.subarray(32), kid };
    if (keys.size >= 8) keys.clear();
    keys.set(id, key);
  }
  return key;
}

function jsonObject(bytes: Buffer): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(utf8.decode(bytes));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The cookie's claims when it is next-auth's, sealed under `secret` for `salt`, and valid at `nowMs`; else null. */
export function openSessionToken(token: string, secret: string, salt: string, nowMs = Date.now()): JWT | null {
  const parts = token.split(".");
  if (parts.length !== 5 || parts[1] !== "" || !parts.every((part) => BASE64URL.test(part))) return null;
  const [encodedHeader, , encodedIv, encodedCiphertext, encodedTag] = parts as [string, string, string, string, string];
  const header = jsonObject(Buffer.from(encodedHeader, "base64url"));
  if (!header || header.alg !== "dir" || header.enc !== "A256CBC-HS512") return null;
  if (Object.keys(header).some((name) => !HEADER_PARAMETERS.has(name))) return null;
  const key = keyFor(secret, salt);
  if (header.kid !== undefined && header.kid !== key.kid) return null;

  const iv = Buffer.from(encodedIv, "base64url");
  const ciphertext = Buffer.from(encodedCiphertext, "base64url");
  const tag = Buffer.from(encodedTag, "base64url");
  if (iv.length !== 16 || tag.length !== 32 || ciphertext.length === 0 || ciphertext.length % 16 !== 0) return null;
  // RFC 7518 §5.2.2.1: the tag is the first half of HMAC-SHA-512 over AAD, IV, ciphertext and AAD's length in bits.
  const aad = Buffer.from(encodedHeader, "ascii");
  const aadBits = Buffer.alloc(8);
  aadBits.writeBigUInt64BE(BigInt(aad.length * 8));
  const expected = createHmac("sha512", key.mac).update(aad).update(iv).update(ciphertext).update(aadBits).digest().subarray(0, 32);
  if (!timingSafeEqual(expected, tag)) return null;

  let plaintext: Buffer;
  try {
    const decipher = createDecipheriv("aes-256-cbc", key.encryption, iv);
    plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    return null;
  }
  const claims = jsonObject(plaintext);
  if (!claims) return null;
  const now = Math.floor(nowMs / 1000);
  const { exp, nbf, iat } = claims;
  if (exp !== undefined && (typeof exp !== "number" || exp <= now - CLOCK_TOLERANCE_SECONDS)) return null;
  if (nbf !== undefined && (typeof nbf !== "number" || nbf > now + CLOCK_TOLERANCE_SECONDS)) return null;
  if (iat !== undefined && typeof iat !== "number") return null;
  return claims;
}
