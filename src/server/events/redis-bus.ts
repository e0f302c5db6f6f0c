import "server-only";
import { Redis } from "ioredis";
import superjson from "superjson";
import { logger } from "../logging/logger";
import { type EventBus, Subscriptions } from "./bus";
import { type Channel } from "./channel";

export interface RedisEventBusOptions {
  url: string;
  /** Put before every channel name, so deployments (or parallel test runs) sharing one Redis never hear each other. */
  prefix?: string;
}

/**
 * The bus for several instances: Redis pub/sub, so a message published on any
 * instance reaches subscribers on every instance. One connection publishes;
 * one more carries all of this process's subscriptions, multiplexed, since a
 * subscribed connection can do nothing else. Messages are superjson text so
 * the Dates in request summaries survive the trip.
 *
 * Redis pub/sub is fire-and-forget: messages sent while a connection is down
 * are gone. Every stream can catch up from the database, so when the
 * subscriber connection drops, its streams are failed and their clients
 * reconnect (session: from the last event id; live list: a fresh snapshot).
 */
export class RedisEventBus implements EventBus {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly prefix: string;
  private readonly subscriptions = new Subscriptions((topic) => {
    this.live.delete(topic);
    // Ordered after any SUBSCRIBE on the same connection, so a later re-subscribe wins.
    if (!this.closed) this.subscriber.unsubscribe(this.prefix + topic).catch(() => {});
  });
  /** The SUBSCRIBE in flight or acknowledged per topic, so concurrent first subscribers share one round trip. */
  private readonly live = new Map<string, Promise<unknown>>();
  private closed = false;

  constructor(options: RedisEventBusOptions) {
    this.prefix = options.prefix ?? "";
    // Fail commands fast while disconnected rather than queueing them without bound.
    const common = { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false };
    // Named after the prefix so an operator (or a test) can tell whose connections these are.
    const name = `nx${this.prefix.replace(/[^A-Za-z0-9_.:-]/g, "_")}`;
    this.publisher = new Redis(options.url, { ...common, connectionName: `${name}pub` });
    this.subscriber = new Redis(options.url, { ...common, connectionName: `${name}sub` });
    for (const connection of [this.publisher, this.subscriber]) {
      // ioredis reconnects by itself; without a listener an error would crash the process.
      connection.on("error", (error: Error) => {
        // ioredis's messages name the connection's trouble (ECONNREFUSED host:port), never a message's content.
        if (!this.closed) logger().error({ reason: error.message }, "redis bus: connection error");
      });
    }
    this.subscriber.on("message", (channel: string, message: string) => this.deliver(channel, message));
    // A drop loses messages: end every stream so its client resumes from the database.
    this.subscriber.on("close", () => this.failAll(new Error("Lost the connection to Redis; reconnect to resume")));
  }

  async publish(topic: string, message: unknown): Promise<void> {
    try {
      await this.publisher.publish(this.prefix + topic, superjson.stringify(message));
    } catch (error) {
      // The change is committed already; a lost hint only delays streams, which
      // the subscriber's own drop handling ends so their clients catch up.
      logger().error({ topic, reason: (error as Error).message }, "redis bus: publish failed");
    }
  }

  async subscribe<T>(topic: string, signal: AbortSignal): Promise<AsyncIterableIterator<T>> {
    if (this.closed) throw new Error("The event bus is closed");
    const channel = this.subscriptions.add(topic, signal);
    let acknowledged = this.live.get(topic);
    if (!acknowledged) {
      acknowledged = this.subscriber.subscribe(this.prefix + topic);
      this.live.set(topic, acknowledged);
    }
    try {
      // Resolves when Redis acknowledges SUBSCRIBE: from then on nothing published is missed.
      await acknowledged;
    } catch (error) {
      if (this.live.get(topic) === acknowledged) this.live.delete(topic);
      channel.fail(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
    return channel as Channel<T>;
  }

  /** Number of live subscriptions in this process, for tests and diagnostics. */
  subscriberCount(topic?: string): number {
    return this.subscriptions.count(topic);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.subscriptions.endAll();
    this.live.clear();
    await Promise.allSettled([this.publisher.quit(), this.subscriber.quit()]);
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }

  private deliver(channelName: string, text: string): void {
    if (!channelName.startsWith(this.prefix)) return;
    const topic = channelName.slice(this.prefix.length);
    if (!this.subscriptions.has(topic)) return;
    let message: unknown;
    try {
      message = superjson.parse(text);
    } catch {
      logger().error({ topic }, "redis bus: dropped a message that is not superjson");
      return;
    }
    this.subscriptions.deliver(topic, message);
  }

  private failAll(error: Error): void {
    if (this.closed) return;
    this.subscriptions.failAll(error);
  }
}
