import "server-only";
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

/**
 * PGlite must have exactly one owner: two processes on one data folder
 * corrupt it. A lock file beside the database holds the owner's PID; a second
 * process is refused with a message naming the folder and that PID; a lock
 * whose process is gone (a crash, a kill -9) is taken over.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(
      `The data folder ${dataDir} is in use by another Nearby Exchange process (PID ${ownerPid}). ` +
        `Stop that process first, or give this one its own DATA_DIR (or a DATABASE_URL). Nothing was changed.`,
    );
    this.name = "DataDirLockedError";
  }
}

export interface DataDirLock {
  /** Passes the lock to another process (the server `npm start` spawns), which then holds it as its own. */
  handOver(pid: number): void;
  /** Removes the lock if this acquisition made it, it still names its holder, and a handed-over holder has exited. */
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just not ours to signal.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function ownerOf(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Locks the PGlite folder `dataDir` for this process. Already held by this process (handed over), it is a no-op lock. */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const folder = resolve(dataDir);
  const file = `${folder}.lock`;
  mkdirSync(dirname(file), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: "wx", mode: 0o644 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = ownerOf(file);
    if (owner === process.pid) return { handOver: () => {}, release: () => {} };
    if (owner !== null && alive(owner)) throw new DataDirLockedError(dirname(folder), owner);
    // Stale (its process is gone) or half-written: take it over. Two racing takers: only one `wx` wins.
    if (attempt >= 3) throw new DataDirLockedError(dirname(folder), owner ?? 0);
    try {
      unlinkSync(file);
    } catch {
      // another taker removed it first
    }
  }
  let holder = process.pid;
  const release = () => {
    // A lock handed over stays while its new holder lives, whatever happens to this process.
    if (ownerOf(file) !== holder || (holder !== process.pid && alive(holder))) return;
    try {
      unlinkSync(file);
    } catch {
      // gone already
    }
  };
  process.once("exit", release);
  return {
    handOver(pid) {
      holder = pid;
      writeFileSync(file, String(pid));
    },
    release,
  };
}
