import "server-only";
import type { BusinessDataType } from "~/shared/business-data";
import type { ServerDeps } from "../deps";
import { topics } from "../events/topics";
import type { Position } from "~/shared/geo/distance";
import { type Found, GridIndex } from "../geo/grid-index";
import type { RequestFeedMessage } from "../events/topics";

export interface IndexedRequest extends Position {
  id: string;
  type: BusinessDataType;
  requesterId: string;
  deadline: Date | null;
}

export interface NearQuery extends Position {
  radiusMeters: number;
  types: BusinessDataType[];
  excludeRequesterId: string;
  now: Date;
  limit: number;
}

/** How often requests whose deadline passed long ago leave the index (they were never closed by a message). */
const SWEEP_MS = 5 * 60_000;

/**
 * The open requests of the whole deployment, in this process's memory, in
 * grid cells: a radius query is a few hundred distance checks instead of a
 * database round trip (bench/RESULTS.md has the measurements that chose it).
 *
 * Built from the database on first use, then kept current from the request
 * feed, which on Redis carries every instance's changes. It subscribes before
 * it reads, so nothing slips between the two. It only proposes candidates:
 * callers confirm them against the database, which stays the record, so an
 * entry a late or duplicated message left behind is never shown. When the
 * feed fails (a Redis drop loses messages) the index is rebuilt on next use.
 */
export class OpenRequestIndex {
  private grid = new GridIndex<IndexedRequest>();
  private ready: Promise<void> | null = null;
  private readonly stop = new AbortController();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly deps: Pick<ServerDeps, "db" | "bus" | "now">) {
    this.sweeper = setInterval(() => this.sweep(), SWEEP_MS);
    this.sweeper.unref();
  }

  async nearest(query: NearQuery): Promise<Array<Found<IndexedRequest>>> {
    await (this.ready ??= this.build());
    const now = query.now.getTime();
    return this.grid.nearest(
      query,
      query.radiusMeters,
      query.limit,
      (r) => query.types.includes(r.type) && r.requesterId !== query.excludeRequesterId && (r.deadline === null || r.deadline.getTime() > now),
    );
  }

  get size(): number {
    return this.grid.size;
  }

  close(): void {
    this.stop.abort();
    clearInterval(this.sweeper);
  }

  private async build(): Promise<void> {
    try {
      const feed = await this.deps.bus.subscribe<RequestFeedMessage>(topics.requestFeed, this.stop.signal);
      const grid = new GridIndex<IndexedRequest>();
      // Deadlines are checked at query time against the caller's clock, so load every OPEN row.
      const rows = await this.deps.db.request.findMany({
        // A request sent by desk code is matched by its target, never by position (listing/service reads those).
        where: { status: "OPEN", targetProcessorId: null },
        select: { id: true, type: true, requesterId: true, latitude: true, longitude: true, deadline: true },
      });
      for (const { latitude, longitude, ...row } of rows) if (latitude !== null && longitude !== null) grid.add({ ...row, latitude, longitude });
      this.grid = grid;
      void this.follow(feed);
    } catch (error) {
      this.ready = null;
      throw error;
    }
  }

  private async follow(feed: AsyncIterableIterator<RequestFeedMessage>): Promise<void> {
    try {
      for await (const message of feed) {
        if (message.kind === "closed") this.grid.remove(message.requestId);
        else if (message.targetProcessorId === undefined) this.grid.add({ ...message.request, requesterId: message.requesterId });
      }
    } catch {
      // The feed failed (messages were lost): fall through and rebuild on next use.
    } finally {
      if (!this.stop.signal.aborted) this.ready = null;
    }
  }

  private sweep(): void {
    const cutoff = this.deps.now().getTime() - SWEEP_MS;
    for (const r of this.grid.items()) if (r.deadline && r.deadline.getTime() < cutoff) this.grid.remove(r.id);
  }
}

const indexes = new WeakMap<ServerDeps["bus"], OpenRequestIndex>();

/** One index per bus, i.e. per process in the app and per harness in tests. */
export function openRequestIndex(deps: Pick<ServerDeps, "db" | "bus" | "now">): OpenRequestIndex {
  let index = indexes.get(deps.bus);
  // Keep only what the index needs: callers pass a whole request context.
  if (!index) indexes.set(deps.bus, (index = new OpenRequestIndex({ db: deps.db, bus: deps.bus, now: deps.now })));
  return index;
}
