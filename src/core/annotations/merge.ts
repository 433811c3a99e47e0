/**
 * Merging two versions of one sidecar by annotation id, for when another process (git pull,
 * a teammate, a second window) changed the file while this window has unsaved changes.
 */
import type { Sidecar, SidecarAnnotation, SidecarSource } from './model';
import { serializeSidecar } from './serialize';

/** What {@link mergeSidecars} decided, for logging and tests. */
export interface MergeResult {
  sidecar: Sidecar;
  /** Ids changed on both sides, with the side whose version was kept. */
  conflicts: { id: string; kept: 'local' | 'disk' }[];
  /** Ids that only the disk version has and that were added to the local state. */
  addedFromDisk: string[];
  /** Ids removed because the other side deleted them and this side had not changed them. */
  removed: string[];
}

/**
 * Merges `local` (this window's state) with `disk` (what is in the file now).
 *
 * - An annotation only one side has is kept, unless `base` (the version both started from)
 *   shows the other side deleted it and this side did not change it since.
 * - An annotation both sides have: if only one side changed it since `base`, that side wins;
 *   otherwise the newer `modified` wins (ties broken by content, so two windows agree).
 * - Source-level fields: local wins unless local still has the `base` value.
 *
 * Without `base` nothing is ever removed (both sides' annotations are kept). The positions of
 * annotations taken from `disk` refer to the text `disk.source.sha256` names; the result keeps
 * the local hash, so callers re-anchor the result (`reanchorAll`) against the current text.
 */
export function mergeSidecars(local: Sidecar, disk: Sidecar, base?: Sidecar): MergeResult {
  const localById = new Map(local.annotations.map((a) => [a.id, a]));
  const diskById = new Map(disk.annotations.map((a) => [a.id, a]));
  const baseById = new Map((base?.annotations ?? []).map((a) => [a.id, a]));
  const conflicts: MergeResult['conflicts'] = [];
  const addedFromDisk: string[] = [];
  const removed: string[] = [];
  const annotations: SidecarAnnotation[] = [];

  for (const [id, mine] of localById) {
    const theirs = diskById.get(id);
    const original = baseById.get(id);
    if (!theirs) {
      // Deleted on disk, or added here.
      if (original && same(original, mine)) removed.push(id);
      else annotations.push(mine);
      continue;
    }
    if (same(mine, theirs)) {
      annotations.push(mine);
      continue;
    }
    if (original && same(original, mine)) {
      annotations.push(theirs);
      continue;
    }
    if (original && same(original, theirs)) {
      annotations.push(mine);
      continue;
    }
    const kept = newer(mine, theirs);
    conflicts.push({ id, kept });
    annotations.push(kept === 'local' ? mine : theirs);
  }
  for (const [id, theirs] of diskById) {
    if (localById.has(id)) continue;
    const original = baseById.get(id);
    if (original && same(original, theirs)) {
      removed.push(id);
      continue;
    }
    addedFromDisk.push(id);
    annotations.push(theirs);
  }

  const sidecar: Sidecar = {
    ...local,
    source: mergeSource(local.source, disk.source, base?.source),
    annotations,
  };
  const unknown = { ...(disk.unknownFields ?? {}), ...(local.unknownFields ?? {}) };
  if (Object.keys(unknown).length > 0) sidecar.unknownFields = unknown;
  return { sidecar, conflicts, addedFromDisk, removed };
}

function same(a: SidecarAnnotation, b: SidecarAnnotation): boolean {
  return canonical(a) === canonical(b);
}

/** Content identity: the serialized form (fixed key order), so property order does not matter. */
function canonical(a: SidecarAnnotation): string {
  return serializeSidecar({ version: 1, source: { path: '-', sha256: '', tags: [] }, annotations: [a] });
}

function time(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? -Infinity : t;
}

function newer(mine: SidecarAnnotation, theirs: SidecarAnnotation): 'local' | 'disk' {
  const a = time(mine.modified);
  const b = time(theirs.modified);
  if (a !== b) return a > b ? 'local' : 'disk';
  return canonical(mine) >= canonical(theirs) ? 'local' : 'disk';
}

function mergeSource(local: SidecarSource, disk: SidecarSource, base: SidecarSource | undefined): SidecarSource {
  if (!base) return local;
  const pick = <K extends keyof SidecarSource>(key: K): SidecarSource[K] =>
    JSON.stringify(local[key]) === JSON.stringify(base[key]) ? disk[key] : local[key];
  const merged: SidecarSource = { path: local.path, sha256: local.sha256, tags: pick('tags') };
  const reliability = pick('reliability');
  if (reliability !== undefined) merged.reliability = reliability;
  const note = pick('note');
  if (note !== undefined) merged.note = note;
  const unknownFields = pick('unknownFields');
  if (unknownFields !== undefined) merged.unknownFields = unknownFields;
  return merged;
}
