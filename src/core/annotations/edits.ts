/**
 * Moving annotation spans with the text while the source is edited in the editor: the pure
 * part of handling `onDidChangeTextDocument` (`contentChanges` are UTF-16 offsets; spans are
 * code points).
 */
import { OffsetMap } from '../text/offsets';
import { CONTEXT_LENGTH, type ContentChange, type Sidecar } from './model';
import { createTarget } from './selectors';

/** A span to move, in code points of the text before the changes. */
export interface TrackedSpan {
  start: number;
  end: number;
}

/** A span after the changes, in code points of the new text. */
export interface ShiftedSpan {
  start: number;
  end: number;
  /** The text the span now covers (`[...newText].slice(start, end).join('')`). */
  exact: string;
  /** An edit touched the span (inside it or replacing across one of its ends). */
  touched: boolean;
  /** All of the span's text was deleted; the caller should keep the old target and treat it as an orphan. */
  collapsed: boolean;
  /** An edit came within {@link CONTEXT_LENGTH} code points of the span, so its prefix/suffix may have changed. */
  contextTouched: boolean;
}

/** Applies `changes` in order to `text` (each change's offsets refer to the text after the previous ones). */
export function applyChangesToText(text: string, changes: readonly ContentChange[]): string {
  let out = text;
  for (const c of changes) out = out.slice(0, c.rangeOffset) + c.text + out.slice(c.rangeOffset + c.rangeLength);
  return out;
}

/**
 * Moves `spans` through `changes`. Rules, per change replacing `[a, b)` with `t`:
 * a span ending at or before `a` stays; a span starting at or after `b` shifts by the change
 * in length (so typing right before or right after a span does not grow it); a span the edit
 * overlaps keeps its outside parts and takes in `t` where the edit replaced one of its ends
 * or its inside. Pass `newText` (e.g. `document.getText()`) to avoid rebuilding it.
 */
export function applyContentChanges(
  oldText: string,
  spans: readonly TrackedSpan[],
  changes: readonly ContentChange[],
  newText?: string,
): { text: string; spans: ShiftedSpan[]; map: OffsetMap } {
  const oldMap = new OffsetMap(oldText);
  const work = spans.map((s) => ({
    start: oldMap.toUtf16(Math.max(0, Math.min(s.start, oldMap.codePointLength))),
    end: oldMap.toUtf16(Math.max(0, Math.min(s.end, oldMap.codePointLength))),
    touched: false,
    contextTouched: false,
  }));
  // Two UTF-16 units per code point covers the context even when it is all astral characters.
  const near = 2 * CONTEXT_LENGTH;
  for (const c of changes) {
    const a = c.rangeOffset;
    const b = a + c.rangeLength;
    const inserted = c.text.length;
    const delta = inserted - c.rangeLength;
    for (const s of work) {
      if (a < s.end + near && b > s.start - near) s.contextTouched = true;
      if (s.end <= a) continue;
      if (s.start >= b) {
        s.start += delta;
        s.end += delta;
        continue;
      }
      s.touched = true;
      const start = s.start <= a ? s.start : s.end <= b ? a : a + inserted;
      const end = s.end >= b ? s.end + delta : a + inserted;
      s.start = start;
      s.end = Math.max(start, end);
    }
  }
  const text = newText ?? applyChangesToText(oldText, changes);
  const newMap = new OffsetMap(text);
  return {
    text,
    spans: work.map((s) => {
      const start = newMap.toCodePoint(s.start);
      const end = newMap.toCodePoint(s.end);
      return { start, end, exact: text.slice(s.start, s.end), touched: s.touched, collapsed: s.touched && start === end, contextTouched: s.contextTouched };
    }),
    map: newMap,
  };
}

/** The outcome of {@link applyContentChangesToSidecar}. */
export interface SidecarShift {
  /** A copy with every moved annotation's target rebuilt on the new text (context included). */
  sidecar: Sidecar;
  text: string;
  /** Ids whose text an edit changed (their `exact` now holds the edited text). */
  touched: string[];
  /** Ids whose whole text was deleted: they keep their old target and are orphans until restored (undo). */
  collapsed: string[];
}

/**
 * Moves every annotation of `sidecar` through the editor's `changes`. Annotations are never
 * dropped and `modified` is not changed (moving is not an edit of the annotation).
 */
export function applyContentChangesToSidecar(
  sidecar: Sidecar,
  oldText: string,
  changes: readonly ContentChange[],
  newText?: string,
): SidecarShift {
  const shifted = applyContentChanges(
    oldText,
    sidecar.annotations.map((a) => a.target.position),
    changes,
    newText,
  );
  const map = shifted.map;
  const touched: string[] = [];
  const collapsed: string[] = [];
  const annotations = sidecar.annotations.map((annotation, i) => {
    const s = shifted.spans[i] as ShiftedSpan;
    if (s.collapsed) {
      collapsed.push(annotation.id);
      return annotation;
    }
    if (s.touched) touched.push(annotation.id);
    if (!s.touched && !s.contextTouched) {
      // Far from every edit: only the position moved; the quote and its context are as they were.
      const p = annotation.target.position;
      if (p.start === s.start && p.end === s.end) return annotation;
      return { ...annotation, target: { quote: annotation.target.quote, position: { type: 'TextPositionSelector' as const, start: s.start, end: s.end } } };
    }
    return { ...annotation, target: createTarget(shifted.text, s.start, s.end, map) };
  });
  return { sidecar: { ...sidecar, annotations }, text: shifted.text, touched, collapsed };
}
