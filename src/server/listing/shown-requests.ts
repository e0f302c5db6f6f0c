/**
 * The requests one live list shows, with when each expires. The stream asks
 * for its next expiry after every event it handles, so the deadlines sit in a
 * min-heap: a scan of every shown request took a quarter of a millisecond per
 * event with 2,500 shown, and every stream the event reached paid it in turn
 * before the next one was written to (bench/api-path.ts, part 3).
 */
export class ShownRequests {
  private readonly deadlines = new Map<string, number | null>();
  /** [expires at, id], earliest on top; an entry whose request is gone or re-shown is dropped when it surfaces. */
  private heap: [number, string][] = [];

  get size(): number {
    return this.deadlines.size;
  }

  has(id: string): boolean {
    return this.deadlines.has(id);
  }

  /** Shows `id` until `deadline` (null: until something else removes it). */
  add(id: string, deadline: Date | null): void {
    // Deletions leave their entries behind: rebuild before they outnumber the shown requests.
    if (this.heap.length > 2 * this.deadlines.size + 32) this.rebuild();
    const at = deadline?.getTime() ?? null;
    this.deadlines.set(id, at);
    if (at !== null) this.push([at, id]);
  }

  /** True when `id` was shown. */
  delete(id: string): boolean {
    return this.deadlines.delete(id);
  }

  /** Milliseconds from `now` until the earliest shown request expires (0 once one has), or null when none will. */
  nextExpiryIn(now: number): number | null {
    const top = this.top();
    return top === undefined ? null : Math.max(0, top[0] - now);
  }

  /** The shown requests whose deadline is at or before `now`, earliest first; they are no longer shown. */
  takeExpired(now: number): string[] {
    const expired: string[] = [];
    for (let top = this.top(); top !== undefined && top[0] <= now; top = this.top()) {
      this.pop();
      this.deadlines.delete(top[1]);
      expired.push(top[1]);
    }
    return expired;
  }

  /** The earliest entry still shown with that deadline, dropping stale ones above it. */
  private top(): [number, string] | undefined {
    while (this.heap.length > 0) {
      const [at, id] = this.heap[0]!;
      if (this.deadlines.get(id) === at) return this.heap[0];
      this.pop();
    }
    return undefined;
  }

  private rebuild(): void {
    this.heap = [];
    for (const [id, at] of this.deadlines) if (at !== null) this.push([at, id]);
  }

  private push(entry: [number, string]): void {
    const heap = this.heap;
    let i = heap.push(entry) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]![0] <= entry[0]) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = entry;
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && heap[right]![0] < heap[left]![0] ? right : left;
      if (heap[child]![0] >= last[0]) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = last;
  }
}

/**
 * The requests a live list saw close, so that an open which the bus delivers
 * after its own close (from another instance, through Redis) is not shown. A
 * close is remembered for `forMs`: a bus that lags longer has failed anyway,
 * and a list open all day in a busy street would otherwise keep every id that
 * ever closed near it (a flood of submits and cancels grew every nearby desk's
 * stream for as long as it stayed open).
 */
export class RecentlyClosed {
  /** id → when it closed; a Map keeps insertion order, which is the order of closing. */
  private readonly closedAt = new Map<string, number>();

  constructor(private readonly forMs: number) {}

  get size(): number {
    return this.closedAt.size;
  }

  add(id: string, now: number): void {
    this.closedAt.delete(id);
    this.closedAt.set(id, now);
    for (const [oldest, at] of this.closedAt) {
      if (at > now - this.forMs) break;
      this.closedAt.delete(oldest);
    }
  }

  has(id: string, now: number): boolean {
    const at = this.closedAt.get(id);
    return at !== undefined && at > now - this.forMs;
  }

  delete(id: string): void {
    this.closedAt.delete(id);
  }
}
