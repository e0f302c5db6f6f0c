import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../../src/server/db/client";
import { openTestDatabase } from "../../src/server/test/databases";
import {
  agreeKeys,
  answerSealed,
  confirmSealed,
  deskSelects,
  type RunningServer,
  signedInAccount,
  startNext,
  startServer,
  submitted,
} from "./support";

/*
 * Nothing readable left behind: after a full exchange (done) and after a
 * refusal, no file under the embedded database's DATA_DIR (WAL included), no
 * pg_dump of a PostgreSQL run of the same flow, and nothing the server
 * printed holds the account number in any form, or the payment answer.
 */

// HTTP_TEST_PORT + 5 and + 6 (3315, 3316 by default), beside the other HTTP tests' ports.
const basePort = Number(process.env.HTTP_TEST_PORT || 3310) + 5;
const shop = { latitude: 47.3769, longitude: 8.5417 };
const account = { type: "BANK_ACCOUNT" as const, holderName: "Vera Leftover", bankName: "Lake Bank", accountNumber: "CH93 0076 2011 6238 5295 7" };
const answer = { paymentReference: "PAYREF-LEFTOVER-8841", amount: "77.00", currency: "CHF", payer: "Zurich Desk" };

/** Every form the secrets could take: as typed, normalised, the digits alone, lower case, base64, UTF-16. */
function forbiddenForms(): Buffer[] {
  const typed = account.accountNumber;
  const normalized = typed.replace(/\s/g, "");
  const texts = [typed, normalized, normalized.toLowerCase(), normalized.slice(4), "0076201162385295", answer.paymentReference];
  const forms = texts.flatMap((text) => [
    Buffer.from(text, "utf8"),
    Buffer.from(text, "utf16le"),
    Buffer.from(Buffer.from(text).toString("base64").replace(/=+$/, "")),
  ]);
  return forms;
}

function findLeaks(label: string, bytes: Buffer): string[] {
  return forbiddenForms()
    .filter((form) => bytes.includes(form))
    .map((form) => `${label} contains ${JSON.stringify(form.toString("latin1"))}`);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** One exchange to the end and one refused, over HTTP, each side running the protocol. */
async function runFlows(url: string) {
  const requester = await signedInAccount(url, "vera");
  const processor = await signedInAccount(url, "desk");
  await processor.api.processor.register.mutate({ ...shop, radiusMeters: 1000, types: ["BANK_ACCOUNT"] });

  const done = await requester.api.request.submit.mutate({ ...submitted(account), position: shop, trigger: "TAP" });
  const keys = await deskSelects(processor.api, done);
  const channels = await agreeKeys(requester.api, processor.api, keys);
  await confirmSealed(requester.api, channels, done.id, account, requester.identification);
  await answerSealed(processor.api, channels, done.id, answer);
  await requester.api.exchange.acknowledge.mutate({ requestId: done.id });

  const refused = await requester.api.request.submit.mutate({ ...submitted(account), position: shop, trigger: "TAP" });
  const refusedKeys = await deskSelects(processor.api, refused);
  await agreeKeys(requester.api, processor.api, refusedKeys);
  await requester.api.exchange.refuse.mutate({ requestId: refused.id });
  const mine = await requester.api.request.mine.query();
  expect(mine.map((r) => r.status).sort()).toEqual(["CANCELLED", "DONE"]);
}

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe("nothing readable left behind", () => {
  it("the scan finds each form it looks for (so a leak would fail the tests below)", () => {
    const normalized = account.accountNumber.replace(/\s/g, "");
    for (const planted of [
      account.accountNumber,
      normalized,
      Buffer.from(normalized, "utf16le").toString("latin1"),
      Buffer.from(normalized).toString("base64"),
    ]) {
      expect(findLeaks("probe", Buffer.from(`{"x":"${planted}"}`, "latin1"))).not.toEqual([]);
    }
  });

  it("on the embedded database: every file under DATA_DIR, WAL included, and the server's output", { timeout: 180_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "nearby-leftovers-"));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const server: RunningServer = await startServer(basePort, { DATA_DIR: dataDir });
    cleanups.push(() => server.stop());
    await runFlows(server.url);
    // Read while it runs (the WAL as written) and after a clean shutdown (checkpointed).
    const leaks: string[] = [];
    const scan = () => {
      const files = filesUnder(dataDir);
      expect(files.length).toBeGreaterThan(10);
      for (const file of files) leaks.push(...findLeaks(file, readFileSync(file)));
    };
    scan();
    await server.stop();
    scan();
    leaks.push(...findLeaks("server output", Buffer.from(server.output())));
    expect(leaks).toEqual([]);
  });

  it("on PostgreSQL: a pg_dump of the same flow run over HTTP, and the server's output", { timeout: 180_000 }, async () => {
    const database: OpenDatabase = await openTestDatabase("postgres");
    cleanups.push(() => database.close());
    if (database.location.kind !== "postgres") throw new Error("expected a PostgreSQL database");
    const dataDir = mkdtempSync(join(tmpdir(), "nearby-leftovers-pg-"));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const server = await startNext(basePort + 1, {
      DATABASE_URL: database.location.url,
      DATA_DIR: dataDir,
      AUTH_SECRET: randomBytes(32).toString("hex"),
      REDIS_URL: "",
    });
    cleanups.push(() => server.stop());
    await runFlows(server.url);
    const dump = execFileSync("pg_dump", ["--no-owner", database.location.url], { maxBuffer: 64 * 1024 * 1024 });
    // The dump does hold the exchanges (so the check reads real rows), only never the secrets.
    expect(dump.toString()).toContain("ACKNOWLEDGED");
    await server.stop();
    expect([...findLeaks("pg_dump", dump), ...findLeaks("server output", Buffer.from(server.output()))]).toEqual([]);
  });
});
