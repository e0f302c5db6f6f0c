import { z } from "zod";

/**
 * The shapes of the protocol's public messages (src/shared/handover/protocol),
 * checked by the server on the way in and by the screens on the way out of the
 * session log. Shape only: the server cannot check more, by design.
 */

/** An uncompressed P-256 point, base64url: 65 bytes are 87 characters. */
export const publicKeySchema = z.string().regex(/^B[A-Za-z0-9_-]{86}$/, "A public key is an uncompressed P-256 point in base64url.");
/** A SHA-256 digest, base64url. */
export const commitmentSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "A commitment is a SHA-256 digest in base64url.");
/** 32 random bytes, base64url. */
export const nonceSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "A nonce is 32 bytes in base64url.");

/** The most a sealed message may carry; business data and an answer are well under 4 KiB. */
export const MAX_CIPHERTEXT_CHARS = 16_384;

export const sealedMessageSchema = z.object({
  v: z.literal(1),
  requestId: z.string().min(1).max(64),
  iv: z.string().regex(/^[A-Za-z0-9_-]{16}$/, "An AES-GCM nonce is 12 bytes in base64url."),
  ciphertext: z
    .string()
    .min(22)
    .max(MAX_CIPHERTEXT_CHARS)
    .regex(/^[A-Za-z0-9_-]+$/, "Ciphertext is base64url."),
});
