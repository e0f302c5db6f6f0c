import "server-only";
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

/**
 * The channels of this process's live subscriptions, by topic: the part every
 * bus shares. `onEmpty` hears when a topic's last subscriber leaves.
 */
export class Subscriptions {
  private readonly byTopic = new Map<string, Set<Channel<unknown>>>();

  constructor(private readonly onEmpty: (topic: string) => void = () => {}) {}

  add(topic: string, signal: AbortSignal): Channel<unknown> {
    const set = this.byTopic.get(topic) ?? new Set();
    this.byTopic.set(topic, set);
    const channel: Channel<unknown> = new Channel(10_000, () => {
      set.delete(channel);
      if (set.size === 0 && this.byTopic.get(topic) === set) {
        this.byTopic.delete(topic);
        this.onEmpty(topic);
      }
    });
    set.add(channel);
    return channel.endWith(signal);
  }

  has(topic: string): boolean {
    return this.byTopic.has(topic);
  }

  deliver(topic: string, message: unknown): void {
    for (const channel of this.byTopic.get(topic) ?? []) channel.push(message);
  }

  /** Number of live subscriptions, for tests and diagnostics. */
  count(topic?: string): number {
    if (topic) return this.byTopic.get(topic)?.size ?? 0;
    let n = 0;
    for (const set of this.byTopic.values()) n += set.size;
    return n;
  }

  endAll(): void {
    for (const set of [...this.byTopic.values()]) for (const channel of [...set]) channel.end();
  }

  failAll(error: Error): void {
    for (const set of [...this.byTopic.values()]) for (const channel of [...set]) channel.fail(error);
  }
}

/** The default bus: one process, no server to run. */
export class InProcessEventBus implements EventBus {
  private readonly subscriptions = new Subscriptions();

  async publish(topic: string, message: unknown): Promise<void> {
    this.subscriptions.deliver(topic, message);
  }

  async subscribe<T>(topic: string, signal: AbortSignal): Promise<AsyncIterableIterator<T>> {
    return this.subscriptions.add(topic, signal) as Channel<T>;
  }

  subscriberCount(topic?: string): number {
    return this.subscriptions.count(topic);
  }

  async close(): Promise<void> {
    this.subscriptions.endAll();
  }
}
