#!/usr/bin/env node
/**
 * `source-annotator` command line. Thin: argument parsing and file I/O here, all analysis in
 * src/core (the same code the extension runs).
 */
import { parseArgs } from 'node:util';
import { analyzeSources, type SourceText } from './core/pipeline';
import { formatReport } from './core/report';
import { collectSourceFiles, displayPath, readSourceFile, UserInputError } from './node/sourceFiles';
import { INTERCHANGE_HELP, INTERCHANGE_USAGE, runInterchange } from './node/interchangeNode';

declare const PACKAGE_VERSION: string;

const HELP = `source-annotator: find quotes, speakers, people, claims and boilerplate in news articles

Usage:
  source-annotator analyze <file|dir>... [--json]
${INTERCHANGE_USAGE}  source-annotator --help
  source-annotator --version

Commands:
  analyze    Analyse text (.txt, .md) sources. Directories are searched recursively and
             analysed together as one corpus (lines repeated across sources, the same
             quote in several sources, people merged across sources).
${INTERCHANGE_HELP}
Options:
  --json     Print one JSON object {"version":1,"documents":[...],"corpus":{...}}
             with code point offsets, instead of the readable report.
  -h, --help     Show this help.
  -v, --version  Show the version.
`;

/**
 * Runs the CLI; returns the exit code (a promise for `export` / `import`, which do async file
 * I/O). Output goes through the given writers (for tests).
 */
export function main(argv: string[], out: (s: string) => void, err: (s: string) => void): number | Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      out(HELP);
      return command === undefined ? 2 : 0;
    }
    if (command === '-v' || command === '--version') {
      out(`${PACKAGE_VERSION}\n`);
      return 0;
    }
    if (command === 'export' || command === 'import') return runInterchange(command, rest, out, err);
    if (command !== 'analyze') {
      err(`source-annotator: unknown command '${command}'. Run 'source-annotator --help' for usage.\n`);
      return 2;
    }
    let parsed;
    try {
      parsed = parseArgs({
        args: rest,
        allowPositionals: true,
        strict: true,
        options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      });
    } catch (e) {
      err(`source-annotator analyze: ${(e as Error).message.split('\n')[0]}. Run 'source-annotator --help' for usage.\n`);
      return 2;
    }
    if (parsed.values.help) {
      out(HELP);
      return 0;
    }
    if (parsed.positionals.length === 0) {
      err(`source-annotator analyze: name at least one file or directory. Run 'source-annotator --help' for usage.\n`);
      return 2;
    }
    const files = collectSourceFiles(parsed.positionals);
    const sources: SourceText[] = files.map((f) => ({ path: displayPath(f), text: readSourceFile(f) }));
    const report = analyzeSources(sources);
    out(parsed.values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    return 0;
  } catch (e) {
    if (e instanceof UserInputError) {
      err(`source-annotator: ${e.message}\n`);
      return 1;
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EISDIR' || code === 'ENOENT' || code === 'EPERM') {
      err(`source-annotator: ${(e as Error).message}\n`);
      return 1;
    }
    err(`source-annotator: internal error: ${(e as Error).message}\nPlease report this with the file that caused it.\n`);
    return 70;
  }
}

if (require.main === module) {
  // A reader that stops early (`… --json | head`) closes the pipe: that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  void Promise.resolve(
    main(
      process.argv.slice(2),
      (s) => process.stdout.write(s),
      (s) => process.stderr.write(s),
    ),
  ).then((code) => {
    process.exitCode = code;
  });
}
