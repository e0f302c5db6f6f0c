import "server-only";
/**
 * A bounded async queue: producers push, one consumer iterates. A consumer
 * that falls too far behind is failed rather than allowed to grow memory
 * without bound; every stream built on it can resume from the database.
 */
export class Channel<T> implements AsyncIterableIterator<T> {
  private readonly items: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | null = null;
  private failWaiting: ((error: Error) => void) | null = null;
  private done = false;
  private error: Error | null = null;

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

  /** Ends the iteration after the queued items are consumed. */
  end(): void {
    if (this.done) return;
    this.done = true;
    this.onClose?.();
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
    this.onClose?.();
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

  [Symbol.asyncIterator](): this {
    return this;
  }
}
