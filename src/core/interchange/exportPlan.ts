/**
 * What an export writes, as file names and contents, shared by the CLI and the editor command
 * (each does its own I/O).
 */
import type { Sidecar } from '../annotations/model';
import { bratAnnotationConf, toBrat, type DetectedCue } from './brat';
import { cleanText } from './cleanText';
import { toCsv } from './csv';
import { toW3C } from './w3c';

/** Export formats, as named on the command line and in the editor's quick pick. */
export type ExportFormat = 'w3c' | 'brat' | 'csv' | 'clean';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['w3c', 'brat', 'csv', 'clean'];

/** One-line descriptions (help text, quick pick). */
export const EXPORT_FORMAT_DESCRIPTIONS: Record<ExportFormat, string> = {
  w3c: 'W3C Web Annotation JSON-LD (<source>.jsonld)',
  brat: 'brat standoff: <name>.ann next to a copy of the text <name>.txt',
  csv: 'CSV, one row per annotation (<source>.csv)',
  clean: 'the source without confirmed boilerplate (<name>.clean.<ext>)',
};

/** One source to export. */
export interface ExportInput {
  /** File name of the source, e.g. `article.txt` (output names derive from it). */
  fileName: string;
  /** How the source is named in outputs (CSV `source` column, W3C label), e.g. a relative path. */
  displayPath: string;
  /** IRI of the source for W3C targets (e.g. its `file://` URI). */
  sourceIri: string;
  text: string;
  sidecar: Sidecar;
  /** The engine's quotes with their cues, for brat `Cue` spans (optional). */
  cues?: readonly DetectedCue[];
}

/** A file to write, relative to the destination folder. */
export interface ExportFile {
  name: string;
  content: string;
  /** Written only when no file of that name exists (e.g. brat's `annotation.conf`). */
  onlyIfMissing?: boolean;
  /** A copy of the source text (brat): must never replace the source itself. */
  isTextCopy?: boolean;
}

/** Files for one source in one format, plus what the user should be told. */
export interface ExportPlan {
  files: ExportFile[];
  /** Things worth saying (orphans left out or kept, boilerplate removed). */
  notes: string[];
}

/**
 * A relative IRI reference from a folder to a file (both `/`-separated absolute paths), used as
 * the W3C target `source`: JSON-LD resolves it against the export file's location, so the
 * export stays valid when the folder is moved or shared, and it does not leak the exporter's
 * home folder the way an absolute `file://` URL would.
 */
export function relativeIri(fromFolder: string, toFile: string): string {
  const from = fromFolder.split('/').filter((p) => p !== '');
  const to = toFile.split('/').filter((p) => p !== '');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  const parts = [...from.slice(common).map(() => '..'), ...to.slice(common)];
  return parts.map((p) => (p === '..' ? p : encodeURIComponent(p))).join('/');
}

/** `article.txt` → `article`; `notes` → `notes`; `.hidden` → `.hidden`. */
export function baseName(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(0, dot) : fileName;
}

function extension(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot) : '.txt';
}

/** Plans the export of one source in one format. */
export function planExport(format: ExportFormat, input: ExportInput, options: { bom?: boolean } = {}): ExportPlan {
  const notes: string[] = [];
  const orphanNote = (n: number, what: string) => {
    if (n > 0) notes.push(`${input.displayPath}: ${n} annotation${n === 1 ? '' : 's'} could not be found in the current text (orphans) and ${what}.`);
  };
  switch (format) {
    case 'w3c': {
      const { collection, orphans } = toW3C(input.sidecar, input.text, { sourceIri: input.sourceIri, sourceLabel: input.displayPath });
      orphanNote(orphans.length, 'were exported with their old selectors');
      return { files: [{ name: `${input.fileName}.jsonld`, content: `${JSON.stringify(collection, null, 2)}\n` }], notes };
    }
    case 'brat': {
      const exported = toBrat(input.sidecar, input.text, input.cues ? { cues: input.cues } : {});
      orphanNote(exported.orphans.length, 'were left out (brat needs offsets)');
      if (input.sidecar.source.reliability !== undefined || input.sidecar.source.note !== undefined || input.sidecar.source.tags.length > 0) {
        notes.push(`${input.displayPath}: the source-level rating, note and tags have no place in brat and were not exported (use W3C or CSV).`);
      }
      const base = baseName(input.fileName);
      return {
        files: [
          { name: `${base}.txt`, content: exported.txt, isTextCopy: true },
          { name: `${base}.ann`, content: exported.ann },
          { name: 'annotation.conf', content: bratAnnotationConf(exported.used.entities, exported.used.reliabilities), onlyIfMissing: true },
        ],
        notes,
      };
    }
    case 'csv': {
      const content = toCsv([{ path: input.displayPath, text: input.text, sidecar: input.sidecar }], options);
      return { files: [{ name: `${input.fileName}.csv`, content }], notes };
    }
    case 'clean': {
      const cleaned = cleanText(input.text, input.sidecar);
      notes.push(`${input.displayPath}: ${cleaned.removed} boilerplate span${cleaned.removed === 1 ? '' : 's'} removed.`);
      orphanNote(cleaned.orphans.length, 'were not removed');
      return { files: [{ name: `${baseName(input.fileName)}.clean${extension(input.fileName)}`, content: cleaned.text }], notes };
    }
  }
}
