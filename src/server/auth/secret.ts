import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { env } from "../../env";

/**
 * AUTH_SECRET signs session cookies. A fresh clone has none, so one is made
 * once and kept beside the embedded database: sessions then survive restarts
 * without anyone having to configure a secret to try the app.
 */
export function authSecret(): string {
  const { AUTH_SECRET, DATA_DIR } = env();
  if (AUTH_SECRET) return AUTH_SECRET;
  const file = join(DATA_DIR, "auth-secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(DATA_DIR, { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    try {
      writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
      return secret;
    } catch {
      // Another instance wrote it first: use theirs.
      return readFileSync(file, "utf8").trim();
    }
  }
}
