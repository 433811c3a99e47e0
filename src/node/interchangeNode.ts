/**
 * `source-annotator export` and `source-annotator import`: the file I/O around the pure
 * interchange core (`src/core/interchange`), over `node:fs`. Sidecars are read and written
 * through the store's `SidecarStorage` (`sidecarNode.ts`), so a corrupt sidecar is never
 * overwritten and writes are atomic here too.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { analyzeDocument } from '../core/analyze';
import type { Sidecar } from '../core/annotations/model';
import {
  EXPORT_FORMATS,
  EXPORT_FORMAT_DESCRIPTIONS,
  fromBrat,
  fromW3C,
  mergeImport,
  placeAnnotations,
  planExport,
  readW3C,
  itemsForNamedSource,
  baseName,
  relativeIri,
  BRAT_METADATA_COMMENT,
  detectedCuesOf,
  type ExportFormat,
  type ImportedAnnotations,
} from '../core/interchange';
import { openSidecar, SidecarBlockedError, SidecarWriteError } from './sidecarNode';
import { collectSourceFiles, displayPath, readSourceFile, statInput, UserInputError } from './sourceFiles';

type Writer = (s: string) => void;

/** Usage lines of the two subcommands (for the CLI's `--help`). */
export const INTERCHANGE_USAGE = `  source-annotator export --format <${EXPORT_FORMATS.join('|')}> [--out DIR] [--bom] <file|dir>...
  source-annotator import --format <brat|w3c> <file.ann|file.jsonld|dir>... [--source FILE]
`;

/** Help for the two subcommands (the CLI includes it in its `--help`). */
export const INTERCHANGE_HELP = `  export     Export each source's annotations (its sidecar <file>.annotations.json):
${EXPORT_FORMATS.map((f) => `               ${f.padEnd(6)} ${EXPORT_FORMAT_DESCRIPTIONS[f]}`).join('\n')}
             --out DIR  write into DIR instead of next to each source
             --bom      CSV: start with a UTF-8 byte order mark (for Excel). CSV cells
                        starting with = + - @ get a ' prefix so spreadsheets do not run them.
  import     Add annotations from another tool to <source>.annotations.json (importing
             the same file again adds nothing):
               brat   <name>.ann with its text <name>.txt next to it (or --source FILE);
                      Source/Speaker/Person spans become people, Content/Quote spans quotes
                      linked to their speaker (relations, attribution events); Cue and
                      unknown types become notes tagged brat:<Type>
               w3c    W3C Web Annotation JSON-LD, each annotation re-anchored on the text;
                      targets are file URLs or paths relative to the .jsonld file, inside
                      the current folder or the .jsonld's folder, or all go to --source FILE
`;

/**
 * Runs `export` or `import`; returns the exit code (0 ok, 1 a file could not be handled,
 * 2 usage, 70 internal error). Never throws: problems are one line on `err`, as in `analyze`.
 */
export async function runInterchange(command: 'export' | 'import', argv: string[], out: Writer, err: Writer): Promise<number> {
  try {
    return await runInterchangeUnguarded(command, argv, out, err);
  } catch (e) {
    if (e instanceof UserInputError) {
      err(`source-annotator: ${e.message}\n`);
      return 1;
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EISDIR' || code === 'ENOENT' || code === 'EPERM' || code === 'ENOTDIR' || code === 'EROFS' || code === 'ENOSPC') {
      err(`source-annotator: ${(e as Error).message}\n`);
      return 1;
    }
    err(`source-annotator: internal error: ${(e as Error).message}\nPlease report this with the file that caused it.\n`);
    return 70;
  }
}

async function runInterchangeUnguarded(command: 'export' | 'import', argv: string[], out: Writer, err: Writer): Promise<number> {
  const usage = (message: string) => {
    err(`source-annotator ${command}: ${message}. Run 'source-annotator --help' for usage.\n`);
    return 2;
  };
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        out: { type: 'string', short: 'o' },
        bom: { type: 'boolean' },
        source: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return usage((e as Error).message.split('\n')[0] ?? 'invalid arguments');
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out(INTERCHANGE_HELP);
    return 0;
  }
  if (values.format === undefined) return usage('--format is required');
  if (positionals.length === 0) return usage('name at least one file or directory');
  if (command === 'export') {
    if (!EXPORT_FORMATS.includes(values.format as ExportFormat)) return usage(`unknown format '${values.format}' (use ${EXPORT_FORMATS.join(', ')})`);
    if (values.source !== undefined) return usage('--source is an import option');
    return exportSources(values.format as ExportFormat, positionals, { outDir: values.out, bom: values.bom === true }, out, err);
  }
  if (values.format !== 'brat' && values.format !== 'w3c') return usage(`unknown import format '${values.format}' (use brat or w3c)`);
  if (values.out !== undefined || values.bom !== undefined) return usage('--out and --bom are export options');
  if (values.source !== undefined && positionals.length > 1) return usage('--source can only be used with one input file');
  return values.format === 'brat'
    ? importBrat(positionals, values.source, out, err)
    : importW3c(positionals, values.source, out, err);
}

// ---------------------------------------------------------------------------------------------
// Export

async function exportSources(format: ExportFormat, inputs: string[], options: { outDir: string | undefined; bom: boolean }, out: Writer, err: Writer): Promise<number> {
  const files = collectSourceFiles(inputs);
  let failed = 0;
  let exported = 0;
  // Two sources with the same name exported into one --out folder must not overwrite each other.
  const writtenThisRun = new Map<string, string>();
  for (const file of files) {
    const label = displayPath(file);
    const load = await openSidecar(file).load();
    if (load.kind === 'problem') {
      err(`source-annotator export: ${load.message} Nothing exported for ${label}.\n`);
      failed++;
      continue;
    }
    // Without a sidecar there is nothing to export (and no confirmed boilerplate to remove); this
    // also skips earlier exports (brat copies, *.clean.txt) found when a folder is walked.
    if (load.kind === 'missing') {
      err(`source-annotator export: ${label} has no sidecar (${basename(file)}.annotations.json); nothing to export.\n`);
      continue;
    }
    const text = readSourceFile(file);
    const sidecar: Sidecar = load.sidecar;
    let dir = options.outDir ?? dirname(file);
    const plan = planExport(format, {
      fileName: basename(file),
      displayPath: label,
      sourceIri: relativeIri(toSlashes(resolve(dir)), toSlashes(resolve(file))),
      text,
      sidecar,
      // brat shows the engine's reporting cue of each quote annotation (cues are not stored).
      ...(format === 'brat' ? { cues: detectedCuesOf(analyzeDocument(label, text).quotes) } : {}),
    }, { bom: options.bom });
    // brat wants <name>.txt next to <name>.ann. When that .txt would be the source itself, the
    // source already is the copy if its bytes are exactly the UTF-8 text (no BOM, not UTF-16);
    // otherwise the pair goes to a brat/ folder so the source is never rewritten.
    const copy = plan.files.find((f) => f.isTextCopy);
    let skipCopy = false;
    if (copy && resolve(dir, copy.name) === resolve(file)) {
      if (Buffer.from(copy.content, 'utf8').equals(readFileSync(file))) skipCopy = true;
      else dir = join(dir, 'brat');
    }
    // Never replace a .ann this tool did not write (e.g. the corpus file it was imported from).
    const ann = plan.files.find((f) => f.name.endsWith('.ann'));
    if (ann && isForeignAnn(join(dir, ann.name))) {
      out(`note: ${displayPath(join(dir, ann.name))} was not written by Source Annotator; the export goes to ${displayPath(join(dir, 'brat'))} instead.\n`);
      dir = join(dir, 'brat');
      skipCopy = false;
    }
    const clash = plan.files.find((f) => !f.onlyIfMissing && writtenThisRun.has(resolve(dir, f.name)));
    if (clash) {
      err(`source-annotator export: ${label} would overwrite ${displayPath(join(dir, clash.name))}, just written for ${writtenThisRun.get(resolve(dir, clash.name))}; export these sources into separate folders.\n`);
      failed++;
      continue;
    }
    try {
      mkdirSync(dir, { recursive: true });
      for (const f of plan.files) {
        const target = join(dir, f.name);
        if ((f === copy && skipCopy) || (f.onlyIfMissing && existsSync(target))) continue;
        writtenThisRun.set(resolve(target), label);
        writeFileSync(target, f.content, 'utf8');
        out(`wrote ${displayPath(target)}\n`);
      }
    } catch (e) {
      err(`source-annotator export: could not write the ${format} export of ${label}: ${(e as Error).message}\n`);
      failed++;
      continue;
    }
    for (const note of plan.notes) out(`note: ${note}\n`);
    exported++;
  }
  if (exported === 0 && failed === 0) {
    err(`source-annotator export: none of the ${files.length} source${files.length === 1 ? '' : 's'} has a sidecar; nothing exported.\n`);
    return 1;
  }
  return failed > 0 ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Import

/** True when `path` is a `.ann` file without this tool's metadata comments. */
function isForeignAnn(path: string): boolean {
  if (!existsSync(path)) return false;
  const text = readFileSync(path, 'utf8');
  return text.trim() !== '' && !text.includes(`\t${BRAT_METADATA_COMMENT} T`);
}

/** A native path with `/` separators (Windows drive paths keep their drive letter as the first segment). */
function toSlashes(path: string): string {
  return path.split(sep).join('/');
}

function sha256Of(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Expands directories to the files in them with `extension` (not recursive: one corpus folder). */
function inputsWithExtension(inputs: string[], extension: string): string[] {
  const files: string[] = [];
  for (const input of inputs) {
    if (statInput(input).isDirectory()) {
      const found = readdirSync(input).filter((n) => n.toLowerCase().endsWith(extension)).sort().map((n) => join(input, n));
      if (found.length === 0) throw new UserInputError(`${input}: directory contains no ${extension} files`);
      files.push(...found);
    } else {
      files.push(input);
    }
  }
  return files;
}

/** Merges `imported` into the sidecar of `sourceFile` and saves it; returns false when it could not. */
async function saveImport(sourceFile: string, text: string, imported: ImportedAnnotations, from: string, out: Writer, err: Writer): Promise<boolean> {
  const storage = openSidecar(sourceFile);
  const load = await storage.load();
  if (load.kind === 'problem') {
    err(`source-annotator import: ${load.message} It was not changed; fix it or move it aside, then import again.\n`);
    return false;
  }
  const sha256 = sha256Of(text);
  // The existing annotations may refer to an older version of the text: place them on this one first.
  const existing = load.kind === 'loaded' ? placeAnnotations(load.sidecar, text).sidecar : undefined;
  const outcome = mergeImport(existing, imported, basename(sourceFile), sha256);
  for (const warning of imported.warnings) err(`${from}: ${warning}\n`);
  try {
    await storage.save(outcome.sidecar, { text });
  } catch (e) {
    if (e instanceof SidecarBlockedError || e instanceof SidecarWriteError) {
      err(`source-annotator import: ${e.message}\n`);
      return false;
    }
    throw e;
  }
  const parts = [`${outcome.added.length} added`, `${outcome.alreadyPresent.length} already present`];
  if (outcome.duplicates.length > 0) parts.push(`${outcome.duplicates.length} skipped (same span and kind already annotated)`);
  if (imported.orphans.length > 0) parts.push(`${imported.orphans.length} not found in the text (kept as orphans)`);
  out(`${displayPath(`${sourceFile}.annotations.json`)}: ${parts.join(', ')}\n`);
  return true;
}

async function importBrat(inputs: string[], sourceOption: string | undefined, out: Writer, err: Writer): Promise<number> {
  const annFiles = inputsWithExtension(inputs, '.ann');
  let failed = 0;
  for (const annFile of annFiles) {
    const txtFile = sourceOption ?? join(dirname(annFile), `${baseName(basename(annFile))}.txt`);
    if (!existsSync(txtFile)) {
      err(`source-annotator import: ${displayPath(annFile)}: the text it annotates (${displayPath(txtFile)}) does not exist; name it with --source.\n`);
      failed++;
      continue;
    }
    const text = readSourceFile(txtFile);
    const ann = readFileSync(annFile, 'utf8');
    const raw = readFileSync(txtFile);
    const textHadBom = raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf;
    const imported = fromBrat(ann, text, { sourceName: basename(txtFile), textHadBom });
    if (!(await saveImport(txtFile, text, imported, displayPath(annFile), out, err))) failed++;
  }
  return failed > 0 ? 1 : 0;
}

async function importW3c(inputs: string[], sourceOption: string | undefined, out: Writer, err: Writer): Promise<number> {
  let failed = 0;
  for (const file of inputsWithExtension(inputs, '.jsonld')) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
    } catch (e) {
      err(`source-annotator import: ${displayPath(file)} is not valid JSON (${(e as Error).message}).\n`);
      failed++;
      continue;
    }
    const doc = readW3C(json);
    for (const warning of doc.warnings) err(`${displayPath(file)}: ${warning}\n`);
    if (doc.bySource.size === 0) {
      failed++;
      continue;
    }
    const targets = new Map<string, Record<string, unknown>[]>();
    if (sourceOption !== undefined) {
      // Everything goes to the named source, unless the document annotates several sources and
      // some of them have the named file's name: then only those.
      targets.set(sourceOption, itemsForNamedSource(doc, basename(sourceOption)));
    } else {
      for (const [iri, items] of doc.bySource) {
        const path = localPath(iri, dirname(file));
        if (path === undefined) {
          err(`source-annotator import: ${displayPath(file)}: annotations of ${iri} cannot be matched to a local file; name it with --source.\n`);
          failed++;
          continue;
        }
        if (!isInside(path, process.cwd()) && !isInside(path, dirname(resolve(file)))) {
          // An import file comes from someone else: it must not make us write sidecars next to
          // files anywhere on the disk. Naming the source with --source is the deliberate way.
          err(`source-annotator import: ${displayPath(file)}: annotations of ${iri} point to ${path}, outside the current folder and the import file's folder; not imported (name the source with --source if you mean it).\n`);
          failed++;
          continue;
        }
        targets.set(path, [...(targets.get(path) ?? []), ...items]);
      }
    }
    for (const [sourceFile, items] of targets) {
      if (!existsSync(sourceFile)) {
        err(`source-annotator import: ${displayPath(file)}: the annotated source ${displayPath(sourceFile)} does not exist; name it with --source.\n`);
        failed++;
        continue;
      }
      const text = readSourceFile(sourceFile);
      if (!(await saveImport(sourceFile, text, fromW3C(items, text), displayPath(file), out, err))) failed++;
    }
  }
  return failed > 0 ? 1 : 0;
}

/** True when `path` is `folder` or lies below it (both made absolute; no symlink resolution). */
function isInside(path: string, folder: string): boolean {
  const rel = relative(resolve(folder), resolve(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** A `file:` URL or a relative reference as a local path; `undefined` for web addresses. */
function localPath(iri: string, baseDir: string): string | undefined {
  if (/^file:/i.test(iri)) {
    try {
      return fileURLToPath(iri);
    } catch {
      return undefined;
    }
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(iri)) return undefined;
  try {
    return resolve(baseDir, decodeURIComponent(iri));
  } catch {
    return resolve(baseDir, iri);
  }
}
