import "server-only";

/**
 * Keys (the open streams) in the order they were last written to, oldest
 * first: a write moves its stream to the end, so the streams due for a ping
 * are a prefix, and a ping round reads only those, not every open stream.
 * `at` comes from a monotonic clock (performance.now()).
 */
export class WriteOrder<K> {
  private readonly lastWrite = new Map<K, number>();

  written(key: K, at: number): void {
    // Delete first: set alone keeps a key where it was first inserted.
    this.lastWrite.delete(key);
    this.lastWrite.set(key, at);
  }

  forget(key: K): void {
    this.lastWrite.delete(key);
  }

  /** The keys last written at or before `at`, oldest first, collected before the caller writes to any. */
  writtenBy(at: number): K[] {
    const due: K[] = [];
    for (const [key, written] of this.lastWrite) {
      if (written > at) break;
      due.push(key);
    }
    return due;
  }

  keys(): IterableIterator<K> {
    return this.lastWrite.keys();
  }
}
