/**
 * The sidecar annotation store's pure core: model, parse/validate/migrate, serialize, merge,
 * selectors, re-anchoring and edit shifting. No `vscode`, no file I/O (see
 * `src/extension/sidecarFile.ts` and `src/node/sidecarNode.ts` for that).
 */
export * from './model';
export { parseSidecar, isPlainRelativePath, reliabilityWarnings } from './parse';
export { serializeSidecar, compareAnnotations, toJson } from './serialize';
export { mergeSidecars, type MergeResult } from './merge';
export { migrate, declaredVersion, MIGRATABLE_VERSIONS } from './migrate';
export { createTarget, createAnnotation, updateAnnotation, newAnnotationId, nowIso, type NewAnnotation } from './selectors';
export { anchorTarget, reanchorAll, reanchorAllAsync, DEFAULT_ANCHOR_OPTIONS, type AnchorOptions, type ReanchorResult } from './anchor';
export {
  applyContentChanges,
  applyContentChangesToSidecar,
  applyChangesToText,
  type TrackedSpan,
  type ShiftedSpan,
  type SidecarShift,
} from './edits';
export { sha256Hex } from './hash';
export { sidecarPathFor, sourcePathFor, emptySidecar, describeProblem, corruptPathFor } from './paths';
