import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { acquireDataDirLock, DataDirLockedError } from "./data-dir-lock";

const root = mkdtempSync(join(tmpdir(), "nearby-lock-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("the data folder lock", () => {
  it("is held by this process and released on close", () => {
    const dir = join(root, "a", "pglite");
    const lock = acquireDataDirLock(dir);
    expect(readFileSync(`${dir}.lock`, "utf8")).toBe(String(process.pid));
    // This process again (the server start.ts handed it to): a no-op lock, the first stays.
    acquireDataDirLock(dir).release();
    expect(existsSync(`${dir}.lock`)).toBe(true);
    lock.release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  it("refuses a folder a live process holds, naming the folder and its PID", async () => {
    const dir = join(root, "b", "pglite");
    const owner = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    try {
      const first = acquireDataDirLock(dir);
      first.handOver(owner.pid!);
      let error: unknown;
      try {
        acquireDataDirLock(dir);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DataDirLockedError);
      expect((error as Error).message).toContain(join(root, "b"));
      expect((error as Error).message).toContain(`PID ${owner.pid}`);
      // Handed over: this process's release leaves the new holder's lock alone.
      first.release();
      expect(readFileSync(`${dir}.lock`, "utf8")).toBe(String(owner.pid));
    } finally {
      owner.kill("SIGKILL");
      await new Promise((resolve) => owner.once("exit", resolve));
    }
  });

  it("takes over a lock its dead owner left behind", () => {
    const dir = join(root, "c", "pglite");
    const dead = spawnSync(process.execPath, ["-e", "process.exit(0)"]).pid;
    acquireDataDirLock(join(root, "c", "other")).release(); // makes the folder
    writeFileSync(`${dir}.lock`, String(dead));
    const lock = acquireDataDirLock(dir);
    expect(readFileSync(`${dir}.lock`, "utf8")).toBe(String(process.pid));
    lock.release();
  });
});
