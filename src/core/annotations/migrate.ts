/**
 * Migrations from older sidecar versions to the current one ({@link SIDECAR_VERSION}).
 *
 * Version 0 is the prototype format (before the W3C selectors), identified by
 * `"schemaVersion": 0`:
 * ```json
 * { "schemaVersion": 0, "file": "a.txt", "hash": "<sha256>", "rating": "likely",
 *   "comment": "…", "labels": ["…"],
 *   "items": [{ "uuid": "…", "type": "quote", "quote": "…", "before": "…", "after": "…",
 *               "start": 0, "end": 5, "state": "accepted" | "rejected" | "added",
 *               "rating": "…", "who": "Name", "comment": "…", "labels": [],
 *               "user": "…", "createdAt": "…", "updatedAt": "…" }] }
 * ```
 * Migrations only rename and reshape; they never drop a field they do not know (it is carried
 * over and ends up in `unknownFields`). The result is then validated like any current file.
 */
import { SIDECAR_VERSION } from './model';

type Json = Record<string, unknown>;

/** The version a parsed JSON object declares, or `undefined` when it declares none. */
export function declaredVersion(data: Json): number | undefined {
  if (typeof data.version === 'number') return data.version;
  if (typeof data.schemaVersion === 'number') return data.schemaVersion;
  return undefined;
}

/** Versions {@link migrate} can upgrade from. */
export const MIGRATABLE_VERSIONS: readonly number[] = [0];

/**
 * Upgrades `data` (declaring `fromVersion`) to the current version's shape. Returns a new
 * object; the input is not modified. Unknown versions are returned unchanged (validation
 * then reports them).
 */
export function migrate(data: Json, fromVersion: number): Json {
  let current = data;
  let version = fromVersion;
  if (version === 0) {
    current = migrate0to1(current);
    version = 1;
  }
  return version === SIDECAR_VERSION ? current : data;
}

const V0_STATE: Record<string, string> = { accepted: 'confirmed', rejected: 'rejected', added: 'manual' };

function migrate0to1(old: Json): Json {
  const { schemaVersion: _v, file, hash, rating, comment, labels, items, ...rest } = old;
  const source: Json = { path: file, sha256: hash ?? '' };
  if (rating !== undefined) source.reliability = rating;
  if (comment !== undefined) source.note = comment;
  source.tags = labels ?? [];
  const annotations = Array.isArray(items) ? items.map((item: unknown) => migrateItem0(item)) : items;
  return withLeftovers({ version: 1, source, annotations }, rest);
}

function migrateItem0(item: unknown): unknown {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
  const {
    uuid, type, quote, before, after, start, end, state, rating, who, comment, labels, user, createdAt, updatedAt,
    ...rest
  } = item as Json;
  const next: Json = {
    id: uuid,
    kind: type,
    target: {
      quote: { type: 'TextQuoteSelector', exact: quote, prefix: before ?? '', suffix: after ?? '' },
      position: { type: 'TextPositionSelector', start, end },
    },
    status: typeof state === 'string' ? (V0_STATE[state] ?? state) : state,
  };
  if (rating !== undefined) next.reliability = rating;
  if (typeof who === 'string') next.speaker = { name: who };
  else if (who !== undefined) next.speaker = who;
  if (comment !== undefined) next.note = comment;
  next.tags = labels ?? [];
  if (user !== undefined) next.author = user;
  next.created = createdAt;
  next.modified = updatedAt ?? createdAt;
  return withLeftovers(next, rest);
}

/** Adds the fields a migration did not know; a name the new shape now uses is kept as `v0:<name>`. */
function withLeftovers(next: Json, leftovers: Json): Json {
  const out: Json = { ...next };
  for (const [key, value] of Object.entries(leftovers)) out[key in next ? `v0:${key}` : key] = value;
  return out;
}
