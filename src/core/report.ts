import type { AnalysisReport, DocumentAnalysis, Quote } from './types';

const MAX_LINE = 110;

/** How a quote was attributed: its cue ("Kuleba told reporters"), or "inherited" / "no cue". */
function how(q: Quote): string {
  const cue = q.cue ? `cue "${clip(q.cue.text)}"` : q.speaker ? 'follows the previous quote' : 'no cue';
  return `(${cue}; ${q.confidence.toFixed(2)})`;
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > MAX_LINE ? `${one.slice(0, MAX_LINE - 1)}…` : one;
}

function documentSection(doc: DocumentAnalysis): string[] {
  const lines: string[] = [];
  const speech = doc.quotes.filter((q) => q.kind === 'speech');
  const terms = doc.quotes.filter((q) => q.kind === 'term');
  lines.push(`== ${doc.path}`);
  lines.push(
    `   ${doc.people.length} people, ${speech.length} quotes, ${terms.length} terms, ${doc.claims.length} claims, ${doc.boilerplate.length} boilerplate spans`,
  );
  lines.push('');
  lines.push('  People');
  for (const p of doc.people) {
    const aka = p.aliases.filter((a) => a !== p.name);
    lines.push(
      `  - ${p.name}${p.role ? ` (${p.role})` : ''}: ${p.mentions.length} mention${p.mentions.length === 1 ? '' : 's'}${aka.length ? `; also ${aka.join(', ')}` : ''}`,
    );
    for (const q of speech.filter((q) => q.speaker?.personId === p.id)) {
      lines.push(`      [${q.start}-${q.end}] ${clip(q.text)} ${how(q)}`);
    }
  }
  const otherQuotes = speech.filter((q) => !q.speaker?.personId);
  if (otherQuotes.length) {
    lines.push('  Other quotes');
    for (const q of otherQuotes) {
      lines.push(`  - ${q.speaker ? q.speaker.name : 'unattributed'}: [${q.start}-${q.end}] ${clip(q.text)} ${how(q)}`);
    }
  }
  if (terms.length) {
    lines.push('  Terms (scare quotes)');
    for (const q of terms) lines.push(`  - [${q.start}-${q.end}] ${clip(q.text)}${q.speaker ? ` (used by ${q.speaker.name})` : ''}`);
  }
  lines.push('  Claims');
  for (const c of doc.claims) {
    lines.push(`  - [${c.start}-${c.end}] (${c.score.toFixed(2)}; ${c.reasons.join(', ')}) ${clip(c.text)}`);
  }
  lines.push('  Boilerplate');
  for (const b of doc.boilerplate) lines.push(`  - [${b.start}-${b.end}] (${b.reason}) ${clip(b.text)}`);
  lines.push('');
  return lines;
}

/** The readable (non-JSON) report of `source-annotator analyze`. */
export function formatReport(report: AnalysisReport): string {
  const lines: string[] = [];
  for (const doc of report.documents) lines.push(...documentSection(doc));
  const corpus = report.corpus;
  if ('people' in corpus && report.documents.length > 1) {
    lines.push(`== Corpus: ${report.documents.length} sources`);
    lines.push(`   ${corpus.people.length} people across sources, ${corpus.quoteMatches.length} cross-source quote matches`);
    for (const p of corpus.people.filter((p) => p.documents.length > 1)) {
      lines.push(`  - ${p.name}: in ${p.documents.length} sources`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}
