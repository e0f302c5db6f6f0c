import "server-only";
import type { Db, SqlQuery } from "./db/client";
import type { EventBus } from "./events/bus";

/** What every domain service needs from the outside world, passed in so tests use real ones of their choosing. */
export interface ServerDeps {
  db: Db;
  /** Raw SQL beside Prisma on the same connections, for the hot paths (the submit, the session check: db/client.ts). */
  sql: SqlQuery;
  bus: EventBus;
  now(): Date;
}

/** The signed-in account acting on a request, taken from the session, never from input. */
export interface Actor {
  userId: string;
  identification: string;
}

/** The account a request acts as, read from its session cookie (null when signed out or its session ended). */
export interface RequestSession {
  actor: Actor | null;
  sessionVersion: number;
}
