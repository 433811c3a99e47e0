/**
 * The extension's settings as a typed, read-only snapshot. Pure: the extension passes a
 * getter over `workspace.getConfiguration('sourceAnnotator', resource)`; unit tests pass a
 * plain object. Invalid values fall back to defaults and are explained, never thrown.
 */
import { ALL_HIGHLIGHTS_ON, type HighlightToggles } from '../decorationPlan';
import { checkPatterns } from './regexSafety';

export type BoilerplateStyle = 'dim' | 'strikethrough' | 'dimAndStrikethrough';

export const DEFAULT_RELIABILITY_SCALE: readonly string[] = ['confirmed', 'likely', 'unverified', 'disputed', 'false'];

export const DEFAULT_SOURCE_GLOBS: readonly string[] = ['**/seeds/**/*.txt', '**/sources/**/*.{txt,md}'];

/** Keys under `sourceAnnotator.` (package.json `contributes.configuration` declares the same). */
export const SettingKey = {
  sourceGlobs: 'sourceGlobs',
  boilerplateStyle: 'boilerplateStyle',
  boilerplatePatterns: 'boilerplatePatterns',
  reliabilityScale: 'reliabilityScale',
  author: 'author',
  updateDelay: 'updateDelay',
  followCursor: 'followCursor',
  gutterIcons: 'gutterIcons',
  maxFileSize: 'maxFileSize',
  orphanDiagnostics: 'orphanDiagnostics',
} as const;

/** `sourceAnnotator.highlight.<toggle>` */
export const HIGHLIGHT_TOGGLES = Object.keys(ALL_HIGHLIGHTS_ON) as (keyof HighlightToggles)[];

export interface Settings {
  readonly sourceGlobs: readonly string[];
  readonly highlights: Readonly<HighlightToggles>;
  readonly boilerplateStyle: BoilerplateStyle;
  /** Validated, ReDoS-checked expressions. */
  readonly boilerplatePatterns: readonly RegExp[];
  readonly reliabilityScale: readonly string[];
  readonly author: string;
  /** Milliseconds between the last keystroke and re-analysis. */
  readonly updateDelay: number;
  readonly followCursor: boolean;
  readonly gutterIcons: boolean;
  /** Documents longer than this (characters) are not analysed; the user is told why. */
  readonly maxFileSize: number;
  readonly orphanDiagnostics: boolean;
  /** One sentence per ignored or invalid value, for the log and a warning. */
  readonly problems: readonly string[];
}

export const DEFAULT_UPDATE_DELAY = 300;
export const DEFAULT_MAX_FILE_SIZE = 250_000;

/** Reads settings through `get(key)` (keys relative to `sourceAnnotator.`). */
export function parseSettings(get: (key: string) => unknown): Settings {
  const problems: string[] = [];
  const bool = (key: string, fallback: boolean): boolean => {
    const v = get(key);
    if (v === undefined) return fallback;
    if (typeof v === 'boolean') return v;
    problems.push(`sourceAnnotator.${key} should be true or false; using ${fallback}.`);
    return fallback;
  };
  const num = (key: string, fallback: number, min: number, max: number): number => {
    const v = get(key);
    if (v === undefined) return fallback;
    if (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max) return v;
    problems.push(`sourceAnnotator.${key} should be a number from ${min} to ${max}; using ${fallback}.`);
    return fallback;
  };
  const strings = (key: string, fallback: readonly string[]): readonly string[] => {
    const v = get(key);
    if (v === undefined) return fallback;
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v;
    problems.push(`sourceAnnotator.${key} should be a list of strings; using the default.`);
    return fallback;
  };

  const highlights = { ...ALL_HIGHLIGHTS_ON };
  for (const k of HIGHLIGHT_TOGGLES) highlights[k] = bool(`highlight.${k}`, true);

  const styleRaw = get(SettingKey.boilerplateStyle);
  let boilerplateStyle: BoilerplateStyle = 'dim';
  if (styleRaw === 'dim' || styleRaw === 'strikethrough' || styleRaw === 'dimAndStrikethrough') boilerplateStyle = styleRaw;
  else if (styleRaw !== undefined) problems.push(`sourceAnnotator.boilerplateStyle ${JSON.stringify(styleRaw)} is unknown; using "dim".`);

  const { regexes, problems: patternProblems } = checkPatterns(strings(SettingKey.boilerplatePatterns, []));
  for (const p of patternProblems) problems.push(`Boilerplate pattern ${JSON.stringify(p.pattern)} ignored: ${p.reason}.`);

  let reliabilityScale = strings(SettingKey.reliabilityScale, DEFAULT_RELIABILITY_SCALE).map((s) => s.trim());
  if (reliabilityScale.length === 0 || reliabilityScale.some((s) => s === '') || new Set(reliabilityScale).size !== reliabilityScale.length) {
    problems.push('sourceAnnotator.reliabilityScale needs distinct, non-empty labels; using the default scale.');
    reliabilityScale = [...DEFAULT_RELIABILITY_SCALE];
  }

  const authorRaw = get(SettingKey.author);
  const author = typeof authorRaw === 'string' ? authorRaw.trim() : '';

  return {
    sourceGlobs: strings(SettingKey.sourceGlobs, DEFAULT_SOURCE_GLOBS),
    highlights,
    boilerplateStyle,
    boilerplatePatterns: regexes,
    reliabilityScale,
    author,
    updateDelay: num(SettingKey.updateDelay, DEFAULT_UPDATE_DELAY, 0, 10_000),
    followCursor: bool(SettingKey.followCursor, true),
    gutterIcons: bool(SettingKey.gutterIcons, false),
    maxFileSize: num(SettingKey.maxFileSize, DEFAULT_MAX_FILE_SIZE, 1_000, 100_000_000),
    orphanDiagnostics: bool(SettingKey.orphanDiagnostics, true),
    problems,
  };
}
