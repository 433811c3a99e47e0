/**
 * The hover tooltip for the spans under the pointer, as Markdown. Pure: the extension wraps
 * the result in a `MarkdownString` with `isTrusted = { enabledCommands }`. Every piece of text
 * that comes from the source, a sidecar or settings is escaped; links are only ever built by
 * `commandLink` to the extension's own commands.
 */
import type { DocumentAnalysis } from '../types';
import { CommandId, type CommandIdValue } from './commandIds';
import type { Entry, EntryKind } from './entries';
import { clip, commandLink, escapeMarkdown } from './markdown';

/** Arguments every span action receives: which document and which span. */
export interface TargetArgs {
  uri: string;
  id?: string;
  kind?: EntryKind;
  start?: number;
  end?: number;
}

/** The same statement found in another source. */
export interface CrossSourceRef {
  uri: string;
  /** Short name shown for the source (e.g. its workspace-relative path). */
  label: string;
  start: number;
  end: number;
  similarity: number;
  text?: string;
}

/** A person as the whole workspace knows them. */
export interface CorpusPersonSummary {
  sources: number;
  mentions: number;
}

export interface HoverInput {
  source: { uri: string; label: string; reliability?: string; note?: string };
  /** The entries under the pointer. */
  entries: readonly Entry[];
  analysis: DocumentAnalysis;
  /** False in an untrusted workspace (or a read-only sidecar): no action links, a short reason. */
  writable: boolean;
  readOnlyReason?: string;
  /** Cross-source matches per entry id; undefined when the workspace has not been analysed yet. */
  crossSource?: ReadonlyMap<string, readonly CrossSourceRef[]>;
  /** Corpus-wide figures per person id of this document. */
  corpusPeople?: ReadonlyMap<string, CorpusPersonSummary>;
}

export interface HoverOutput {
  markdown: string;
  /** The command ids the Markdown links to (for `isTrusted.enabledCommands`). */
  enabledCommands: CommandIdValue[];
}

const MAX_QUOTE = 240;
const MAX_LIST = 5;

const TITLE: Record<EntryKind, string> = {
  quote: 'Quote',
  term: 'Term (scare quotes)',
  person: 'Person',
  claim: 'Claim',
  boilerplate: 'Boilerplate',
  note: 'Note',
};

function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function code(text: string): string {
  // Inline code cannot carry links; strip backticks so the span cannot be closed early.
  return `\`${text.replace(/`/g, "'").replace(/\s+/g, ' ')}\``;
}

/** Builds the hover Markdown for the entries under the pointer (empty string when none). */
export function hoverContent(input: HoverInput): HoverOutput {
  const used = new Set<CommandIdValue>();
  const link = (label: string, command: CommandIdValue, args: unknown, tooltip?: string): string => {
    used.add(command);
    return commandLink(label, command, args, tooltip);
  };
  if (input.entries.length === 0) return { markdown: '', enabledCommands: [] };

  const parts: string[] = [];
  const src = input.source;
  const srcLine = [`**Source** ${escapeMarkdown(src.label)}`];
  srcLine.push(src.reliability ? `reliability ${code(src.reliability)}` : 'reliability not rated');
  if (input.writable) {
    srcLine.push(link('rate source', CommandId.setSourceReliability, { uri: src.uri }, 'Set the reliability of this source'));
  }
  parts.push(srcLine.join(' · '));
  if (src.note) parts.push(`*Source note:* ${escapeMarkdown(clip(src.note, 300))}`);
  if (!input.writable && input.readOnlyReason) parts.push(`*${escapeMarkdown(input.readOnlyReason)}*`);

  for (const e of input.entries) {
    parts.push('---');
    parts.push(...entrySection(e, input, link));
  }
  return { markdown: parts.join('\n\n'), enabledCommands: [...used] };
}

type Linker = (label: string, command: CommandIdValue, args: unknown, tooltip?: string) => string;

function entrySection(e: Entry, input: HoverInput, link: Linker): string[] {
  const lines: string[] = [];
  const target: TargetArgs = { uri: input.source.uri, id: e.id, kind: e.kind, start: e.start, end: e.end };
  const heading = [`**${TITLE[e.kind]}**`];
  if (e.status === 'detected') heading.push('detected');
  else if (e.status === 'manual') heading.push('added by hand');
  else heading.push(e.status);
  if (e.quote) heading.push(`confidence ${percent(e.quote.confidence)}`);
  if (e.claim) heading.push(`score ${percent(e.claim.score)}`);
  if (e.reliability) heading.push(`reliability ${code(e.reliability)}`);
  lines.push(heading.join(' · '));

  if (e.status === 'rejected') {
    lines.push('*Hidden: you rejected this detection.*');
    if (input.writable) lines.push(link('Restore', CommandId.deleteAnnotation, target, 'Forget the rejection'));
    return lines;
  }

  switch (e.kind) {
    case 'quote':
    case 'term':
      lines.push(`> ${escapeMarkdown(clip(e.text, MAX_QUOTE))}`);
      lines.push(speakerLine(e, input));
      if (e.quote?.cue) lines.push(`Cue: *${escapeMarkdown(clip(e.quote.cue.text, 80))}*`);
      break;
    case 'person':
      lines.push(...personLines(e, input, link));
      break;
    case 'claim':
      lines.push(`> ${escapeMarkdown(clip(e.text, MAX_QUOTE))}`);
      if (e.claim?.reasons.length) lines.push(`Why: ${e.claim.reasons.map((r) => escapeMarkdown(r)).join(', ')}`);
      break;
    case 'boilerplate':
      lines.push(`> ${escapeMarkdown(clip(e.text, 120))}`);
      if (e.boilerplate) lines.push(`Why: ${escapeMarkdown(e.boilerplate.reason)}`);
      break;
    case 'note':
      lines.push(`> ${escapeMarkdown(clip(e.text, MAX_QUOTE))}`);
      break;
  }
  if (e.note) lines.push(`*Note:* ${escapeMarkdown(clip(e.note, 500))}`);

  const others = input.crossSource?.get(e.id) ?? [];
  if (others.length) {
    const shown = others.slice(0, MAX_LIST).map((o) => {
      const open = link(o.label, CommandId.openLocation, { uri: o.uri, start: o.start, end: o.end }, 'Open this source at the quote');
      return `${open} (${percent(o.similarity)})`;
    });
    const more = others.length > MAX_LIST ? ` and ${others.length - MAX_LIST} more` : '';
    lines.push(`Also in: ${shown.join(', ')}${more}`);
  } else if (!input.crossSource && (e.kind === 'quote' || e.kind === 'term')) {
    lines.push(`*Other sources not compared yet:* ${link('analyse workspace', CommandId.analyzeWorkspace, {}, 'Find this quote in the other sources')}`);
  }

  if (input.writable) lines.push(actions(e, target, link).join(' · '));
  return lines;
}

function speakerLine(e: Entry, input: HoverInput): string {
  if (e.kind === 'term') return 'Scare quotes: a term the outlet distances itself from, not speech.';
  const detected = e.quote?.speaker;
  if (!e.speaker) return 'Speaker: *unattributed*';
  const person = detected?.personId ? input.analysis.people.find((p) => p.id === detected.personId) : undefined;
  const corrected = e.annotation?.speaker !== undefined && e.annotation.speaker !== detected?.name;
  const role = !corrected && person?.role ? ` (${escapeMarkdown(person.role)})` : '';
  return `Speaker: **${escapeMarkdown(e.speaker)}**${role}${corrected ? ' · corrected by you' : ''}`;
}

function personLines(e: Entry, input: HoverInput, link: Linker): string[] {
  const p = e.person;
  if (!p) return [`**${escapeMarkdown(e.text)}** (added by hand)`];
  const lines = [`**${escapeMarkdown(p.name)}**${p.role ? ` · ${escapeMarkdown(p.role)}` : ''}`];
  const aka = p.aliases.filter((a) => a !== p.name);
  if (aka.length) lines.push(`Also: ${aka.map((a) => escapeMarkdown(a)).join(', ')}`);
  const corpus = input.corpusPeople?.get(p.id);
  const here = `${p.mentions.length} mention${p.mentions.length === 1 ? '' : 's'} here`;
  lines.push(corpus ? `${here} · ${corpus.mentions} in ${corpus.sources} source${corpus.sources === 1 ? '' : 's'}` : here);
  const quotes = input.analysis.quotes.filter((q) => q.kind === 'speech' && q.speaker?.personId === p.id);
  if (quotes.length) {
    lines.push(`Quotes (${quotes.length}):`);
    for (const q of quotes.slice(0, MAX_LIST)) {
      const open = link('go', CommandId.openLocation, { uri: input.source.uri, start: q.start, end: q.end }, 'Go to the quote');
      lines.push(`- ${escapeMarkdown(clip(q.text, 100))} ${open}`);
    }
  }
  return lines;
}

function actions(e: Entry, target: TargetArgs, link: Linker): string[] {
  const out: string[] = [];
  if (e.kind !== 'boilerplate' && e.kind !== 'person') {
    out.push(link('Set reliability', CommandId.setReliability, target, 'Rate this span'));
  }
  if (e.kind === 'quote') out.push(link('Correct speaker', CommandId.correctSpeaker, target, 'Set who said this'));
  if (e.status !== 'manual') {
    if (e.status !== 'confirmed') out.push(link('Confirm', CommandId.confirm, target, 'The detection is right'));
    out.push(
      link(e.kind === 'boilerplate' ? 'Not boilerplate' : 'Reject', CommandId.reject, target, 'The detection is wrong: hide it'),
    );
  } else {
    out.push(link('Delete', CommandId.deleteAnnotation, target, 'Delete this annotation'));
  }
  out.push(link(e.note ? 'Edit note' : 'Add note', CommandId.editNote, target, 'Attach a note'));
  return out;
}
