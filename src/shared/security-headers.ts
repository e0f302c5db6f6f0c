/**
 * The security headers of every response (set in src/proxy.ts). Pure, so the
 * policy is unit-tested without a server.
 */
export interface SecurityHeaderOptions {
  /** A fresh random value per response: the only inline scripts that run carry it (Next.js adds it to its own). */
  nonce: string;
  /** Served over HTTPS (directly or behind a proxy that says so): HSTS and upgrading insecure requests. */
  https: boolean;
  /** The map's tile template (MAP_TILE_URL, read at run time), whose origin may serve images; null or unset, only self. */
  tileUrl?: string | null | undefined;
  /** Development needs eval and the HMR socket; production never. */
  development: boolean;
}

/** The origin of a tile template such as https://{s}.tiles.example.org/{z}/{x}/{y}.png, as a CSP source. */
export function tileSource(tileUrl: string | null | undefined): string | null {
  if (!tileUrl) return null;
  const match = /^(https?):\/\/([^/?#]+)/i.exec(tileUrl);
  if (!match) return null;
  // Leaflet's {s} subdomain placeholder becomes a wildcard; other placeholders cannot sit in a host.
  const host = match[2]!.replace(/^\{s\}\./, "*.");
  return /^[\w.*:-]+$/.test(host) ? `${match[1]!.toLowerCase()}://${host.toLowerCase()}` : null;
}

/** Where the nonce goes in a kept policy: a string no option can produce. */
const NONCE_SLOT = "\u0000nonce\u0000";
/** Built policies by options, nonce aside: every response needs one, and its options come from the environment. */
const policies = new Map<string, string>();

export function contentSecurityPolicy(options: SecurityHeaderOptions): string {
  const key = `${options.https}|${options.development}|${options.tileUrl ?? ""}`;
  let policy = policies.get(key);
  if (policy === undefined) {
    // A handful of keys in a process (the tile URL is configuration); the bound is a safety net.
    if (policies.size >= 16) policies.clear();
    policies.set(key, (policy = buildPolicy({ ...options, nonce: NONCE_SLOT })));
  }
  return policy.replace(NONCE_SLOT, () => options.nonce);
}

function buildPolicy({ nonce, https, tileUrl, development }: SecurityHeaderOptions): string {
  const tiles = tileSource(tileUrl);
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    // 'strict-dynamic': scripts the nonced ones load (Next.js's chunks) may run; nothing inline without the nonce.
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    // React and Leaflet set style attributes; styles cannot run code, scripts stay strict.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", ...(tiles ? [tiles] : [])],
    "connect-src": ["'self'", ...(development ? ["ws:"] : [])],
    "font-src": ["'self'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  const policy = Object.entries(directives).map(([name, values]) => `${name} ${values.join(" ")}`);
  if (https) policy.push("upgrade-insecure-requests");
  return policy.join("; ");
}

const HSTS = "max-age=63072000; includeSubDomains";

export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    // Location, the shake sensor's motion and the desk-code scanner's camera for this origin only; nothing else.
    "Permissions-Policy":
      "geolocation=(self), accelerometer=(self), gyroscope=(self), camera=(self), microphone=(), magnetometer=(), payment=(), usb=(), display-capture=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(options.https ? { "Strict-Transport-Security": HSTS } : {}),
  };
}

/**
 * The security headers of an event stream (the API's subscriptions): not a
 * document, so no script, frame or feature policy applies to it; it may load
 * nothing and be framed by no one. Fixed per scheme, so the thousands of
 * streams an instance holds share one set instead of each building its own.
 */
const eventStreamHeaders = {
  http: Object.freeze({
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
  }),
  https: Object.freeze({
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Strict-Transport-Security": HSTS,
  }),
};

export function eventStreamSecurityHeaders(https: boolean): Readonly<Record<string, string>> {
  return https ? eventStreamHeaders.https : eventStreamHeaders.http;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * True when a state-changing request comes from another site: its Origin
 * names another origin (or "null"), or the browser says it is cross-site.
 * Requests without either header (curl, server-to-server) are not browsers
 * carrying a victim's cookie, so they pass.
 */
export function isForeignRequest(method: string, headers: { get(name: string): string | null }, ownOrigin: string): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  const origin = headers.get("origin");
  if (origin !== null && origin.toLowerCase() !== ownOrigin.toLowerCase()) return true;
  const site = headers.get("sec-fetch-site");
  return site === "cross-site" || site === "same-site";
}

/** The origin the client addressed (as a proxy in front reports it) and whether it was HTTPS; `fallback` is the server's own view. */
export function requestOrigin(headers: { get(name: string): string | null }, fallback: { protocol: string; host: string }) {
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? fallback.protocol;
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? fallback.host;
  return { https: proto === "https", origin: `${proto}://${host}` };
}

/** The 403 answer's body of a request refused by isForeignRequest. */
export const foreignRequestRefusal = { error: { message: "This request came from another site and was refused.", code: "FORBIDDEN_ORIGIN" } };
