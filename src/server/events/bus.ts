import { Channel } from "./channel";

/**
 * Fan-out of notifications between the code that changes state and the
 * streams that show it. Messages are hints: the database stays the record,
 * so a stream that misses one can always catch up from it.
 */
export interface EventBus {
  publish(topic: string, message: unknown): Promise<void>;
  /**
   * Resolves once the subscription is live, so a caller can subscribe first
   * and then read the database without a gap between the two.
   */
  subscribe<T>(topic: string, signal: AbortSignal): Promise<AsyncIterableIterator<T>>;
  close(): Promise<void>;
}

/** The default bus: one process, no server to run. */
export class InProcessEventBus implements EventBus {
  private readonly subscribers = new Map<string, Set<Channel<unknown>>>();

  async publish(topic: string, message: unknown): Promise<void> {
    for (const channel of this.subscribers.get(topic) ?? []) channel.push(message);
  }

  async subscribe<T>(topic: string, signal: AbortSignal): Promise<AsyncIterableIterator<T>> {
    const set = this.subscribers.get(topic) ?? new Set();
    this.subscribers.set(topic, set);
    const channel: Channel<unknown> = new Channel(10_000, () => {
      set.delete(channel);
      if (set.size === 0) this.subscribers.delete(topic);
      signal.removeEventListener("abort", onAbort);
    });
    const onAbort = () => channel.end();
    if (signal.aborted) channel.end();
    else signal.addEventListener("abort", onAbort, { once: true });
    set.add(channel);
    return channel as Channel<T>;
  }

  /** Number of live subscriptions, for tests and diagnostics. */
  subscriberCount(topic?: string): number {
    if (topic) return this.subscribers.get(topic)?.size ?? 0;
    let n = 0;
    for (const set of this.subscribers.values()) n += set.size;
    return n;
  }

  async close(): Promise<void> {
    for (const set of this.subscribers.values()) for (const channel of [...set]) channel.end();
  }
}

export const topics = {
  /** Every change to the set of open requests, for processors' live lists. */
  requestFeed: "requests",
  /** New events in one request's exchange session. */
  session: (requestId: string) => `session:${requestId}`,
} as const;
