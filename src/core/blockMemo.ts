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
 * Memory stays bounded by the live document: entries the latest analysis did not use are
 * dropped when it ends, so deleted or edited blocks do not pile up.
 *
 * Why one map per step and a use stamp per entry: the first version keyed one map by
 * `step + "\0" + text` and moved entries between two generation maps; building those keys
 * (copying every block's text) and refilling a map on every analysis made the lookups a third
 * of a re-analysis after a keystroke.
 */
export class BlockMemo {
  private readonly steps = new Map<string, Map<string, { value: unknown; used: number }>>();
  private analysis = 0;
  private hitCount = 0;
  private missCount = 0;

  /** The remembered result of `step` for `key`, computing (and remembering) it on a miss. */
  lookup<T>(step: string, key: string, compute: () => T): T {
    let entries = this.steps.get(step);
    if (!entries) {
      entries = new Map();
      this.steps.set(step, entries);
    }
    const entry = entries.get(key);
    if (entry) {
      entry.used = this.analysis;
      this.hitCount++;
      return entry.value as T;
    }
    this.missCount++;
    const value = compute();
    entries.set(key, { value, used: this.analysis });
    return value;
  }

  /** Called once an analysis is complete: what it did not use is forgotten. */
  endAnalysis(): void {
    for (const entries of this.steps.values()) {
      for (const [key, entry] of entries) if (entry.used !== this.analysis) entries.delete(key);
    }
    this.analysis++;
  }

  /** Hits and misses since the memo was made, and the entries kept (for tests and benchmarks). */
  get stats(): { hits: number; misses: number; entries: number } {
    let entries = 0;
    for (const m of this.steps.values()) entries += m.size;
    return { hits: this.hitCount, misses: this.missCount, entries };
  }
}

/**
 * The memos of several documents, each tied to a fingerprint of the options it was made with
 * (a memo made with other boilerplate patterns or another corpus is replaced, not reused). At
 * most `limit` documents are kept, the least recently used dropped first. Used by the
 * extension's store and by its analysis worker.
 */
export class DocumentMemos {
  private readonly held = new Map<string, { options: string; memo: BlockMemo }>();

  constructor(private readonly limit = Number.POSITIVE_INFINITY) {}

  /** The memo of `document` for analyses made with `options` (a fresh one if they changed). */
  for(document: string, options: string): BlockMemo {
    const held = this.held.get(document);
    this.held.delete(document);
    const entry = held?.options === options ? held : { options, memo: new BlockMemo() };
    this.held.set(document, entry);
    for (const oldest of this.held.keys()) {
      if (this.held.size <= this.limit) break;
      this.held.delete(oldest);
    }
    return entry.memo;
  }

  forget(document: string): void {
    this.held.delete(document);
  }

  clear(): void {
    this.held.clear();
  }
}
