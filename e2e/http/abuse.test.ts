import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  authPost,
  bankAccount,
  client,
  type RunningServer,
  sessionCookieOf,
  signedInAccount,
  signInRequest,
  startServer,
  submitted,
} from "./support";

// Ports 3330 and 3331 unless ABUSE_TEST_PORT moves them, for runs beside others on one machine.
const port = Number(process.env.ABUSE_TEST_PORT || 3330);

let server: RunningServer;

beforeAll(async () => {
  server = await startServer(port, {
    SIGN_IN_LOCKOUT_SECONDS: "2",
    RATE_LIMIT_LIST: "3/60",
    RATE_LIMIT_SIGN_UP_IP: "200/3600",
    MAX_BODY_BYTES: "4096",
  });
});

afterAll(async () => {
  await server?.stop();
});

const shop = { latitude: 48.8566, longitude: 2.3522 };

function trpcPost(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/api/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

const signUpInput = (identification: string) => ({ json: { identification, displayName: "Abuse", password: "correct horse battery" } });

describe("security headers", () => {
  const routes = [
    "/",
    "/processor",
    "/sign-in",
    "/sign-up",
    "/offline",
    "/manifest.webmanifest",
    "/serwist/sw.js",
    "/icons/icon.svg",
    "/api/auth/csrf",
    "/api/trpc/account.me",
    "/no-such-page",
  ];

  it.each(routes)("are on %s", async (route) => {
    const response = await fetch(`${server.url}${route}`, { redirect: "manual" });
    const csp = response.headers.get("content-security-policy") ?? "";
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? "";
    expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/connect-src 'self'(;|$)/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("permissions-policy")).toContain("geolocation=(self)");
    expect(response.headers.get("permissions-policy")).toContain("camera=(self)");
    expect(response.headers.get("strict-transport-security")).toBeNull();
  });

  it("on an event stream are its own: it may load nothing and be framed by no one", async () => {
    const account = await signedInAccount(server.url, "stream-headers");
    for (const https of [false, true]) {
      const controller = new AbortController();
      const response = await fetch(`${server.url}/api/trpc/list.live`, {
        headers: {
          cookie: account.cookie,
          accept: "text/event-stream",
          "x-request-id": "stream-headers-0001",
          ...(https ? { "x-forwarded-proto": "https" } : {}),
        },
        signal: controller.signal,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/event-stream");
      expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("x-request-id")).toBe("stream-headers-0001");
      expect(response.headers.get("strict-transport-security")).toBe(https ? "max-age=63072000; includeSubDomains" : null);
      controller.abort();
    }
  });

  it("give each page a fresh nonce that its scripts carry", async () => {
    const [one, two] = await Promise.all([fetch(`${server.url}/sign-in`), fetch(`${server.url}/sign-in`)]);
    const nonceOf = (r: Response) => /'nonce-([^']+)'/.exec(r.headers.get("content-security-policy") ?? "")?.[1];
    expect(nonceOf(one)).not.toBe(nonceOf(two));
    const html = await one.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonceOf(one)}"`);
  });

  it("add HSTS and Secure cookies when served over HTTPS", async () => {
    const https = { "x-forwarded-proto": "https" };
    const page = await fetch(`${server.url}/sign-in`, { headers: https });
    expect(page.headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);
    const account = await signedInAccount(server.url, "secure");
    const signIn = await signInRequest(server.url, account.identification, "correct horse battery", https);
    const setCookie = signIn.headers.getSetCookie().find((c) => c.includes("session-token="));
    expect(setCookie).toMatch(/^__Secure-/);
    expect(setCookie).toMatch(/;\s*Secure/i);
  });
});

describe("the origin check", () => {
  it("refuses state-changing requests from another site with 403", async () => {
    const evil = { origin: "http://evil.example" };
    const signUp = await trpcPost("account.signUp", signUpInput(`evil-${Date.now()}`), evil);
    expect(signUp.status).toBe(403);
    expect(await signUp.text()).toContain("another site");
    const victim = await signedInAccount(server.url, "victim");
    const submit = await trpcPost(
      "request.submit",
      { json: { ...submitted(bankAccount), position: shop, trigger: "TAP" } },
      { ...evil, cookie: victim.cookie },
    );
    expect(submit.status).toBe(403);
    expect(await victim.api.request.mine.query()).toEqual([]);
    const signIn = await signInRequest(server.url, victim.identification, "correct horse battery", evil);
    expect(signIn.status).toBe(403);
    const crossSite = await trpcPost("account.signUp", signUpInput(`cross-${Date.now()}`), { "sec-fetch-site": "cross-site" });
    expect(crossSite.status).toBe(403);
  });

  it("lets the app's own pages through", async () => {
    const own = await trpcPost("account.signUp", signUpInput(`own-${Date.now()}`), { origin: server.url, "sec-fetch-site": "same-origin" });
    expect(own.status).toBe(200);
    const account = await signedInAccount(server.url, "own");
    const signIn = await signInRequest(server.url, account.identification, "correct horse battery", { origin: server.url });
    expect(sessionCookieOf(signIn)).toBeTruthy();
    // Reading needs no origin check: a cross-site GET changes nothing.
    expect((await fetch(`${server.url}/sign-in`, { headers: { origin: "http://evil.example" } })).status).toBe(200);
  });
});

describe("rate limits over HTTP", () => {
  it("refuses the sixth sign-in after five wrong passwords with 429, even with the right password, until Retry-After", async () => {
    const account = await signedInAccount(server.url, "guessed");
    for (let i = 0; i < 5; i++) {
      const wrong = await signInRequest(server.url, account.identification, `wrong password ${i}`);
      expect(wrong.status).not.toBe(429);
      expect(sessionCookieOf(wrong)).toBeUndefined();
    }
    const right = await signInRequest(server.url, account.identification, "correct horse battery", { "x-auth-return-redirect": "1" });
    expect(right.status).toBe(429);
    const retryAfter = Number(right.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(2);
    expect(sessionCookieOf(right)).toBeUndefined();
    expect(((await right.json()) as { message: string }).message).toMatch(/Try again in \d+ s/);

    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 200));
    expect(sessionCookieOf(await signInRequest(server.url, account.identification, "correct horse battery"))).toBeTruthy();
  });

  it("limits list calls per account with 429 and Retry-After", async () => {
    const desk = await signedInAccount(server.url, "desk");
    await desk.api.processor.register.mutate({ ...shop, radiusMeters: 1000, types: ["BANK_ACCOUNT"] });
    const input = encodeURIComponent(JSON.stringify({ json: { type: "BANK_ACCOUNT" } }));
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 4; i++) {
      last = await fetch(`${server.url}/api/trpc/list.byType?input=${input}`, { headers: { cookie: desk.cookie } });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(50);
    const body = (await last!.json()) as { error: { json: { message: string; data: { reason: string; retryAfterSeconds: number } } } };
    expect(body.error.json.data.reason).toBe("RATE_LIMITED");
    expect(body.error.json.data.retryAfterSeconds).toBeGreaterThan(50);
    // Another account is not affected.
    const other = await signedInAccount(server.url, "desk2");
    await other.api.processor.register.mutate({ ...shop, radiusMeters: 1000, types: ["BANK_ACCOUNT"] });
    expect(await other.api.list.byType.query({ type: "BANK_ACCOUNT" })).toEqual([]);
  });
});

describe("single calls, answered beside tRPC's adapter", () => {
  // A single query or mutation is answered by src/server/http/calls.ts; a batch of one still goes through
  // tRPC's node:http adapter. Each call below is made both ways: status, headers and body must agree.
  async function bothWays(path: string, input: unknown, cookie: string, method: "GET" | "POST") {
    const headers = { ...(cookie ? { cookie } : {}), ...(method === "POST" ? { "content-type": "application/json" } : {}) };
    const encoded = encodeURIComponent(JSON.stringify(input));
    const single =
      method === "GET"
        ? await fetch(`${server.url}/api/trpc/${path}?input=${encoded}`, { headers })
        : await fetch(`${server.url}/api/trpc/${path}`, { method, headers, body: JSON.stringify(input) });
    const batch =
      method === "GET"
        ? await fetch(`${server.url}/api/trpc/${path}?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: input }))}`, { headers })
        : await fetch(`${server.url}/api/trpc/${path}?batch=1`, { method, headers, body: JSON.stringify({ 0: input }) });
    const view = async (r: Response, item: (body: unknown) => unknown) => ({
      status: r.status,
      contentType: r.headers.get("content-type"),
      vary: r.headers.get("vary"),
      retryAfter: r.headers.get("retry-after") !== null,
      policy: r.headers.get("content-security-policy")?.replace(/'nonce-[^']+'/, "'nonce'"),
      body: item(await r.json()),
    });
    return { single: await view(single, (b) => b), batch: await view(batch, (b) => (b as unknown[])[0]) };
  }

  it("agree on success, refusals, bad input and rate limits", async () => {
    const desk = await signedInAccount(server.url, "calls");
    const compare = async (cases: readonly (readonly [string, unknown, string, "GET" | "POST"])[]) => {
      const statuses: number[] = [];
      for (const [path, input, cookie, method] of cases) {
        const { single, batch } = await bothWays(path, input, cookie, method);
        expect(single, `${method} ${path}`).toEqual(batch);
        statuses.push(single.status);
      }
      return statuses;
    };
    const registration = { json: { ...shop, radiusMeters: 1000, types: ["BANK_ACCOUNT"] } };
    expect(
      await compare([
        ["account.me", { json: null }, "", "GET"],
        ["account.me", { json: null }, desk.cookie, "GET"],
        ["processor.register", registration, desk.cookie, "POST"],
        ["processor.register", { json: { ...shop, radiusMeters: -5, types: [] } }, desk.cookie, "POST"],
        ["request.submit", { json: { nonsense: true } }, "", "POST"],
      ]),
    ).toEqual([401, 200, 200, 400, 401]);
    // The list limit is 3 a minute here: one call, one answered each way, then a refusal each way.
    await desk.api.list.byType.query({ type: "BANK_ACCOUNT" });
    const list = ["list.byType", { json: { type: "BANK_ACCOUNT" } }, desk.cookie, "GET"] as const;
    expect(await compare([list, list])).toEqual([200, 429]);
  });

  it("leave what they do not answer to the adapter: an empty body, a body that is not JSON, a wrong method, an unknown procedure", async () => {
    const account = await signedInAccount(server.url, "calls-odd");
    // An empty body is the adapter's to answer (it is not "no input"): its answer, as for the same body in a batch.
    const empty = await fetch(`${server.url}/api/trpc/processor.register`, {
      method: "POST",
      headers: { cookie: account.cookie, "content-type": "application/json" },
      body: "",
    });
    expect(empty.status).toBe(400);
    const emptyError = ((await empty.json()) as { error: { json: { message: string; data: { code: string } } } }).error.json;
    // The adapter's JSON parse failure, not the input schema's "required" (as it would be if read as no input).
    expect(emptyError.data.code).toBe("BAD_REQUEST");
    expect(emptyError.message).toMatch(/JSON/);
    const notJson = await fetch(`${server.url}/api/trpc/processor.register`, {
      method: "POST",
      headers: { cookie: account.cookie, "content-type": "application/json" },
      body: "{not json",
    });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { json: { data: { code: string } } } }).error.json.data.code).toBe("BAD_REQUEST");
    const wrongMethod = await fetch(`${server.url}/api/trpc/account.me`, {
      method: "POST",
      headers: { cookie: account.cookie, "content-type": "application/json" },
      body: "{}",
    });
    expect(wrongMethod.status).toBe(405);
    const unknown = await fetch(`${server.url}/api/trpc/account.nothing`, { headers: { cookie: account.cookie } });
    expect(unknown.status).toBe(404);
    // The unparsed registration was not made.
    expect(await account.api.processor.registration.query()).toBeNull();
  });
});

describe("bounded requests", () => {
  it("caps tRPC batches", async () => {
    const paths = Array.from({ length: 11 }, () => "account.me").join(",");
    const input = encodeURIComponent(JSON.stringify({}));
    const tooMany = await fetch(`${server.url}/api/trpc/${paths}?batch=1&input=${input}`);
    expect(tooMany.status).toBe(400);
    const ten = Array.from({ length: 10 }, () => "account.me").join(",");
    expect((await fetch(`${server.url}/api/trpc/${ten}?batch=1&input=${input}`)).status).toBe(401);
  });

  it("answers an oversized body with 413", async () => {
    const big = { json: { identification: "x".repeat(8000), displayName: "Big", password: "correct horse battery" } };
    const response = await trpcPost("account.signUp", big);
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("larger than 4096 bytes");
    const chunked = await fetch(`${server.url}/api/trpc/account.signUp`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode(" ".repeat(1000)));
          controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
  });

  it.each(["2147483648", "99999999999", "-1", "1e3"])("refuses lastEventId %s with 400, not a server error", async (lastEventId) => {
    const requester = await signedInAccount(server.url, "bounds");
    const request = await requester.api.request.submit.mutate({ ...submitted(bankAccount), position: shop, trigger: "TAP" });
    const input = encodeURIComponent(JSON.stringify({ json: { requestId: request.id, lastEventId } }));
    const response = await fetch(`${server.url}/api/trpc/exchange.session?input=${input}`, { headers: { cookie: requester.cookie } });
    const body = await response.text();
    expect(body).toContain("BAD_REQUEST");
    expect(body).not.toContain("INTERNAL_SERVER_ERROR");
  });
});

describe("sessions that end", () => {
  it("after sign-out the old cookie gets 401 and its open stream ends", async () => {
    const requester = await signedInAccount(server.url, "leaving");
    const request = await requester.api.request.submit.mutate({ ...submitted(bankAccount), position: shop, trigger: "TAP" });
    const input = encodeURIComponent(JSON.stringify({ json: { requestId: request.id } }));
    const stream = await fetch(`${server.url}/api/trpc/exchange.session?input=${input}`, { headers: { cookie: requester.cookie } });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let seen = "";
    while (!seen.includes("submitted")) seen += decoder.decode((await reader.read()).value);

    const signOut = await authPost(server.url, "signout", {}, {}, requester.cookie);
    expect(signOut.status).toBeLessThan(400);

    const ended = (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return "ended";
        seen += decoder.decode(value);
      }
    })();
    expect(await Promise.race([ended, new Promise((resolve) => setTimeout(() => resolve("still open"), 5000))])).toBe("ended");
    // Ended as a finished subscription, not a dropped connection, which the client would retry with the dead cookie.
    expect(seen).toContain("event: return");
    const me = await fetch(`${server.url}/api/trpc/account.me`, { headers: { cookie: requester.cookie } });
    expect(me.status).toBe(401);
    await expect(client(server.url, requester.cookie).account.me.query()).rejects.toThrow(/Sign in first/);
  });
});

describe("one process per data folder", () => {
  it("a second server on the same DATA_DIR exits with a message naming the folder and the owner; the first keeps its data", async () => {
    const accounts = await Promise.all([1, 2, 3, 4].map((i) => signedInAccount(server.url, `kept${i}`)));
    const second = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts", "--no-build"], {
      env: { ...process.env, PORT: String(port + 1), DATA_DIR: server.dataDir!, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    second.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    second.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => second.once("exit", resolve));
    expect(code).not.toBe(0);
    expect(output).toContain(`in use by another Nearby Exchange process (PID `);
    expect(output).toContain(server.dataDir!);
    for (const account of accounts) {
      expect(sessionCookieOf(await signInRequest(server.url, account.identification, "correct horse battery"))).toBeTruthy();
      expect((await account.api.account.me.query()).identification).toBe(account.identification);
    }
  });
});
