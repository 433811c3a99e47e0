/**
 * Block-local analysis results remembered between analyses of the same document, so that after
 * a one-character edit only the blocks the edit touched are analysed again; the
 * document-wide passes (clustering people, resolving "he said", repeated titles…) still run
 * over the whole document, from the remembered per-block parts.
 *
 * Rules for a step that uses the memo:
 * - the key must contain everything the step reads (normally the block's kind and text; add
 *   anything else it looks at, such as the character before the block);
 * - the stored value must not depend on where the block sits: offsets relative to the block
 *   start, shifted into new objects by the caller;
 * - stored values are shared between analyses, so they are never mutated after `lookup`.
 *
 * Memory stays bounded by the live document: entries not used by one analysis are dropped at
 * the end of the next (two generations), so deleted or edited blocks do not pile up.
 */
export class BlockMemo {
  private current = new Map<string, unknown>();
  private previous = new Map<string, unknown>();
  private hitCount = 0;
  private missCount = 0;

  /** The remembered result of `step` for `key`, computing (and remembering) it on a miss. */
  lookup<T>(step: string, key: string, compute: () => T): T {
    const fullKey = `${step}\u0000${key}`;
    if (this.current.has(fullKey)) {
      this.hitCount++;
      return this.current.get(fullKey) as T;
    }
    if (this.previous.has(fullKey)) {
      const value = this.previous.get(fullKey) as T;
      this.current.set(fullKey, value);
      this.hitCount++;
      return value;
    }
    this.missCount++;
    const value = compute();
    this.current.set(fullKey, value);
    return value;
  }

  /** Called once an analysis is complete: what it did not use is forgotten after the next one. */
  endAnalysis(): void {
    this.previous = this.current;
    this.current = new Map();
  }

  /** Hits and misses since the memo was made (for tests and benchmarks). */
  get stats(): { hits: number; misses: number; entries: number } {
    return { hits: this.hitCount, misses: this.missCount, entries: this.previous.size + this.current.size };
  }
}
