/**
 * A fixed-window counter per key (IP + login for sign-in attempts), in memory: enough for one
 * process; the per-user lockout in the database holds across processes.
 */
export class AttemptLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Counts an attempt; returns the seconds to wait when over the limit, else null. */
  hit(key: string, now = Date.now()): number | null {
    const current = this.windows.get(key);
    if (!current || now - current.start >= this.windowMs) {
      if (this.windows.size > 10_000) {
        this.prune(now);
      }
      this.windows.set(key, { start: now, count: 1 });
      return null;
    }
    current.count += 1;
    return current.count > this.max ? Math.ceil((current.start + this.windowMs - now) / 1000) : null;
  }

  private prune(now: number): void {
    for (const [key, w] of this.windows) {
      if (now - w.start >= this.windowMs) {
        this.windows.delete(key);
      }
    }
  }
}
