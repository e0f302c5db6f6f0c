import "server-only";
/**
 * A bounded async queue: producers push, one consumer iterates. A consumer
 * that falls too far behind is failed rather than allowed to grow memory
 * without bound; every stream built on it can resume from the database.
 */
export class Channel<T> implements AsyncIterableIterator<T>, EventListenerObject {
  private readonly items: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | null = null;
  private failWaiting: ((error: Error) => void) | null = null;
  private done = false;
  private error: Error | null = null;
  private endsWith: AbortSignal | null = null;

  constructor(
    private readonly capacity = 10_000,
    private readonly onClose?: () => void,
  ) {}

  push(item: T): void {
    if (this.done) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = this.failWaiting = null;
      resolve({ value: item, done: false });
      return;
    }
    if (this.items.length >= this.capacity) {
      this.fail(new Error(`Consumer fell more than ${this.capacity} messages behind`));
      return;
    }
    this.items.push(item);
  }

  /**
   * Ends the channel when `signal` aborts, at once if it has. The channel is
   * its own listener (handleEvent): no closure per channel, of which a
   * process holds one per open stream.
   */
  endWith(signal: AbortSignal): this {
    if (signal.aborted) this.end();
    else if (!this.done) {
      this.endsWith = signal;
      signal.addEventListener("abort", this, { once: true });
    }
    return this;
  }

  handleEvent(): void {
    this.end();
  }

  /** Ends the iteration after the queued items are consumed. */
  end(): void {
    if (this.done) return;
    this.done = true;
    this.closed();
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = this.failWaiting = null;
      resolve({ value: undefined, done: true });
    }
  }

  fail(error: Error): void {
    if (this.done) return;
    this.error = error;
    this.items.length = 0;
    this.done = true;
    this.closed();
    if (this.failWaiting) {
      const reject = this.failWaiting;
      this.waiting = this.failWaiting = null;
      reject(error);
    }
  }

  next(): Promise<IteratorResult<T>> {
    if (this.items.length > 0) return Promise.resolve({ value: this.items.shift() as T, done: false });
    if (this.error) return Promise.reject(this.error);
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failWaiting = reject;
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.end();
    this.items.length = 0;
    return Promise.resolve({ value: undefined, done: true });
  }

  private closed(): void {
    this.endsWith?.removeEventListener("abort", this);
    this.endsWith = null;
    this.onClose?.();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
