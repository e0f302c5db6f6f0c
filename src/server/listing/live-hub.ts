import "server-only";
import type { ServerDeps } from "../deps";
import { topics } from "../events/topics";
import { Channel } from "../events/channel";
import type { Position } from "~/shared/geo/distance";
import { GridIndex } from "../geo/grid-index";
import type { RequestFeedMessage } from "../events/topics";

export interface LiveArea extends Position {
  radiusMeters: number;
  /** Whose list this is: requests sent to this desk by its code reach it wherever they come from. */
  processorId?: string;
}

interface Listener extends LiveArea {
  id: string;
  channel: Channel<RequestFeedMessage>;
}

/** Where a feed message happens, when it says; a message without a place goes to every listener. */
export function placeOf(message: RequestFeedMessage): Position | null {
  if (message.kind === "opened") return message.request;
  return message.latitude === undefined || message.longitude === undefined ? null : { latitude: message.latitude, longitude: message.longitude };
}

/**
 * Push: which processors are near this request. One feed subscription per
 * process; each message goes only to the live lists whose radius covers the
 * request, found in a grid of the listeners' positions, instead of waking
 * every stream of the instance for every request in the city.
 */
export class LiveHub {
  private readonly listeners = new GridIndex<Listener>();
  private readonly radii = new Map<number, number>();
  private maxRadius = 0;
  private subscribed: Promise<void> | null = null;
  private nextId = 0;
  private readonly stop = new AbortController();

  constructor(private readonly bus: ServerDeps["bus"]) {}

  /** A channel of the feed messages within `area`, live when this resolves; ends with `signal`. */
  async join(area: LiveArea, signal: AbortSignal): Promise<Channel<RequestFeedMessage>> {
    await (this.subscribed ??= this.subscribe());
    const id = String(++this.nextId);
    const channel = new Channel<RequestFeedMessage>(10_000, () => {
      if (this.listeners.remove(id)) this.forgetRadius(area.radiusMeters);
    });
    this.listeners.add({
      id,
      latitude: area.latitude,
      longitude: area.longitude,
      radiusMeters: area.radiusMeters,
      processorId: area.processorId,
      channel,
    });
    this.radii.set(area.radiusMeters, (this.radii.get(area.radiusMeters) ?? 0) + 1);
    this.maxRadius = Math.max(this.maxRadius, area.radiusMeters);
    return channel.endWith(signal);
  }

  get size(): number {
    return this.listeners.size;
  }

  close(): void {
    this.stop.abort();
  }

  private async subscribe(): Promise<void> {
    try {
      const feed = await this.bus.subscribe<RequestFeedMessage>(topics.requestFeed, this.stop.signal);
      void this.follow(feed);
    } catch (error) {
      this.subscribed = null;
      throw error;
    }
  }

  private async follow(feed: AsyncIterableIterator<RequestFeedMessage>): Promise<void> {
    let failure: Error | null = null;
    try {
      for await (const message of feed) this.route(message);
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
    }
    // The feed ended (bus closed) or failed (messages lost): end every stream so
    // its client reconnects and starts from a fresh snapshot.
    this.subscribed = null;
    for (const listener of [...this.listeners.items()]) {
      if (failure) listener.channel.fail(failure);
      else listener.channel.end();
    }
  }

  private route(message: RequestFeedMessage): void {
    if (message.kind === "opened" && message.targetProcessorId !== undefined) {
      for (const listener of this.listeners.items()) if (listener.processorId === message.targetProcessorId) listener.channel.push(message);
      return;
    }
    const place = placeOf(message);
    if (!place) {
      for (const listener of [...this.listeners.items()]) listener.channel.push(message);
      return;
    }
    this.listeners.forEachWithin(place, this.maxRadius, (listener, distanceMeters) => {
      if (distanceMeters <= listener.radiusMeters) listener.channel.push(message);
    });
  }

  private forgetRadius(radius: number): void {
    const left = (this.radii.get(radius) ?? 1) - 1;
    if (left > 0) this.radii.set(radius, left);
    else this.radii.delete(radius);
    if (radius === this.maxRadius) this.maxRadius = Math.max(0, ...this.radii.keys());
  }
}

const hubs = new WeakMap<ServerDeps["bus"], LiveHub>();

/** One hub per bus, i.e. per process in the app and per harness in tests. */
export function liveHub(deps: Pick<ServerDeps, "bus">): LiveHub {
  let hub = hubs.get(deps.bus);
  if (!hub) hubs.set(deps.bus, (hub = new LiveHub(deps.bus)));
  return hub;
}
