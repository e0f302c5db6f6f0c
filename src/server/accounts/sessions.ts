import "server-only";
import type { ServerDeps } from "../deps";
import type { EventBus } from "../events/bus";
import { topics } from "../events/topics";

/**
 * Sessions that end. Every session cookie carries the account's session
 * version from when it was issued; signing out raises the version, so every
 * cookie issued before is refused from then on, on any instance, and the
 * account's open streams hear it on the bus and end.
 *
 * Each instance hears every sign-out on the bus (one subscription per bus),
 * so it may keep the versions it has read: a sign-out anywhere drops the
 * account's entry here. Reading the version was one database round trip on
 * every API request, as many as the submit itself.
 */

interface SignedOut {
  userId: string;
}

/** Versions are forgotten this often anyway, so a version changed outside endSessions (by hand, in SQL) is seen. */
const VERSIONS_FORGOTTEN_MS = 60_000;
/** Past this many accounts the oldest version is forgotten; an entry is ~100 bytes. */
const MAX_VERSIONS = 50_000;

class SessionWatch {
  /** The open streams of each account, by the function that ends each. */
  readonly streams = new Map<string, Set<() => void>>();
  /** Session versions read while sign-outs were heard (null: no such account). */
  private readonly versions = new Map<string, number | null>();
  private forgottenAt = Date.now();
  /** Counts sign-outs heard: a read that began before one must not be kept. */
  private signOuts = 0;
  /** False once sign-outs can no longer be heard: nothing is kept from then on. */
  private hearing = true;

  cached(userId: string): number | null | undefined {
    if (Date.now() - this.forgottenAt > VERSIONS_FORGOTTEN_MS) {
      this.versions.clear();
      this.forgottenAt = Date.now();
    }
    return this.versions.get(userId);
  }

  /** Reads a version from the database and keeps it, unless a sign-out was heard while it was read. */
  async read(deps: Pick<ServerDeps, "sql">, userId: string): Promise<number | null> {
    const before = this.signOuts;
    const version = await readSessionVersion(deps, userId);
    if (this.hearing && this.signOuts === before) {
      if (this.versions.size >= MAX_VERSIONS) this.versions.delete(this.versions.keys().next().value!);
      this.versions.set(userId, version);
    }
    return version;
  }

  signedOut(userId: string): void {
    this.signOuts++;
    this.versions.delete(userId);
    for (const end of [...(this.streams.get(userId) ?? [])]) end();
  }

  deaf(): void {
    this.hearing = false;
    this.signOuts++;
    this.versions.clear();
    for (const streams of [...this.streams.values()]) for (const end of [...streams]) end();
  }
}

/** Per bus, its watch (on globalThis: Next.js loads this module once per route bundle, and sign-out runs in one). */
const store = globalThis as typeof globalThis & { __nearbyExchangeSessionWatches?: WeakMap<EventBus, Promise<SessionWatch>> };
const watches = (store.__nearbyExchangeSessionWatches ??= new WeakMap());

function watchOf(bus: EventBus): Promise<SessionWatch> {
  let watch = watches.get(bus);
  if (!watch) {
    const pending = (async () => {
      const watching = new SessionWatch();
      // For the bus's lifetime: closing the bus ends it.
      const messages = await bus.subscribe<SignedOut>(topics.signedOut, new AbortController().signal);
      void (async () => {
        for await (const { userId } of messages) watching.signedOut(userId);
      })().catch(() => {
        // Sign-outs can no longer be heard: forget every version, end every stream (the clients reconnect, and their
        // sessions are checked again) and let the next request subscribe afresh.
        if (watches.get(bus) === pending) watches.delete(bus);
        watching.deaf();
      });
      return watching;
    })();
    pending.catch(() => {
      if (watches.get(bus) === pending) watches.delete(bus);
    });
    watches.set(bus, pending);
    watch = pending;
  }
  return watch;
}

/** Raw SQL (db/client.ts's sql): a request with a cookie not seen before reads this, and Prisma's own code was most of its cost. */
async function readSessionVersion(deps: Pick<ServerDeps, "sql">, userId: string): Promise<number | null> {
  const [user] = await deps.sql<{ sessionVersion: number }>(`SELECT "sessionVersion" FROM "User" WHERE "id" = $1`, [userId]);
  return user?.sessionVersion ?? null;
}

/** The account's session version: kept from an earlier read while this instance hears sign-outs, else from the database. */
export async function sessionVersionOf(deps: Pick<ServerDeps, "sql" | "bus">, userId: string): Promise<number | null> {
  // Without a watch (the bus refused the subscription) every read goes to the database.
  const watch = await watchOf(deps.bus).catch(() => null);
  if (!watch) return readSessionVersion(deps, userId);
  const cached = watch.cached(userId);
  return cached !== undefined ? cached : watch.read(deps, userId);
}

export async function endSessions(deps: Pick<ServerDeps, "db" | "bus">, userId: string): Promise<void> {
  await deps.db.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
  // This instance forgets the old version at once; the others when the bus tells them, within milliseconds.
  const watch = await watches.get(deps.bus)?.catch(() => null);
  watch?.signedOut(userId);
  await deps.bus.publish(topics.signedOut, { userId } satisfies SignedOut);
}

/**
 * A signal that aborts when the account signs out, or when any of `signals`
 * aborts: a stream opened under an ended session stops, on every instance.
 * It checks the version once more after registering the stream, so a
 * sign-out racing the stream's open is not missed. Plain listeners rather
 * than AbortSignal.any, whose composite signals cost several objects per stream.
 * `own`, when the caller has one, is the controller aborted: a stream whose
 * signal is among `signals` then needs no second controller.
 */
export async function untilSignedOut(
  deps: Pick<ServerDeps, "sql" | "bus">,
  userId: string,
  sessionVersion: number,
  signals: readonly AbortSignal[],
  own?: AbortController,
): Promise<AbortSignal> {
  const stream = own ?? new AbortController();
  const { streams } = await watchOf(deps.bus);
  const mine = streams.get(userId) ?? new Set();
  streams.set(userId, mine);
  // One function ends the stream, however it ends: a sign-out heard, or any of `signals`.
  const end = () => {
    for (const signal of signals) signal.removeEventListener("abort", end);
    mine.delete(end);
    if (mine.size === 0 && streams.get(userId) === mine) streams.delete(userId);
    stream.abort();
  };
  mine.add(end);
  for (const signal of signals) {
    if (signal.aborted) end();
    else signal.addEventListener("abort", end, { once: true });
  }
  // A sign-out heard before the stream was registered dropped the kept version: this reads the database again.
  if ((await sessionVersionOf(deps, userId)) !== sessionVersion) end();
  return stream.signal;
}
