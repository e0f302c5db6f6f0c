import "server-only";
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { env } from "../../env";
import { RateLimitedError } from "../rate-limit/limits";
import { Semaphore } from "../rate-limit/semaphore";

// The rules live in identification.ts, free of node:crypto, so sign-up forms can share them.
export { passwordSchema } from "./identification";

/**
 * scrypt is memory-hard: each guess costs 128·N·r bytes (32 MiB here), which
 * makes GPU/ASIC cracking of a leaked hash expensive. Parameters are stored
 * in the hash so they can be raised later without breaking old hashes.
 */
const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
const MAX_MEMORY = 64 * 1024 * 1024;

// Hashes waiting beyond this are refused (429) instead of queued: a flood must not hold requests without end.
const MAX_WAITING_HASHES = 256;

let hashing: Semaphore | undefined;

/**
 * Every hash goes through one small queue (PASSWORD_HASH_CONCURRENCY at a
 * time): a flood of sign-ins then waits its turn instead of taking every core
 * and 32 MiB a guess from everyone else.
 */
function derive(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  hashing ??= new Semaphore(env().PASSWORD_HASH_CONCURRENCY, MAX_WAITING_HASHES, () => new RateLimitedError(1, "RATE_LIMITED"));
  return hashing.run(
    () =>
      new Promise((resolve, reject) => {
        scrypt(password, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
      }),
  );
}

// NFC so the same password typed on different keyboards (é vs e + ◌́) matches.
function prepare(password: string): string {
  return password.normalize("NFC");
}

/** Hashes a password as `scrypt$N$r$p$saltB64$hashB64`. */
export async function hashPassword(password: string): Promise<string> {
  if (typeof password !== "string") throw new TypeError("password must be a string");
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(prepare(password), salt, KEY_LENGTH, { N, r: R, p: P, maxmem: MAX_MEMORY });
  return ["scrypt", N, R, P, salt.toString("base64"), key.toString("base64")].join("$");
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function positiveInt(s: string | undefined, max: number): number | null {
  if (s === undefined || !/^[1-9][0-9]{0,9}$/.test(s)) return null;
  const n = Number(s);
  return n <= max ? n : null;
}

/**
 * True when the password matches the stored hash. Malformed or unknown hashes
 * are false rather than errors, so a corrupt row cannot become a 500 on sign-in.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (typeof password !== "string" || typeof stored !== "string") return false;
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const n = positiveInt(parts[1], 2 ** 20);
  const r = positiveInt(parts[2], 32);
  const p = positiveInt(parts[3], 16);
  const saltB64 = parts[4] ?? "";
  const hashB64 = parts[5] ?? "";
  if (n === null || r === null || p === null || n < 2 || (n & (n - 1)) !== 0) return false;
  if (!BASE64.test(saltB64) || !BASE64.test(hashB64)) return false;
  const salt = Buffer.from(saltB64, "base64");
  const expected = Buffer.from(hashB64, "base64");
  if (salt.length < 8 || expected.length < 16) return false;
  try {
    // maxmem caps what a tampered hash can make us allocate; scrypt errors above it.
    const actual = await derive(prepare(password), salt, expected.length, { N: n, r, p, maxmem: MAX_MEMORY });
    return timingSafeEqual(actual, expected);
  } catch (error) {
    if (error instanceof RateLimitedError) throw error;
    return false;
  }
}

/** True when a stored hash uses weaker parameters than today's, so it should be re-hashed after sign-in. */
export function needsRehash(stored: string): boolean {
  const parts = stored.split("$");
  return parts.length !== 6 || parts[0] !== "scrypt" || Number(parts[1]) < N || Number(parts[2]) < R || Number(parts[3]) < P;
}
