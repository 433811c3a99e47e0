/**
 * Markdown helpers for hovers. Everything a user, a teammate's sidecar or a scraped page can
 * supply goes through `escapeMarkdown`, so it renders as text: no link, no `command:` URI, no
 * HTML, no heading or list.
 */
import { type CommandIdValue } from './commandIds';

/**
 * Escapes text for CommonMark: every ASCII punctuation character gets a backslash (CommonMark
 * allows that for all of them), line breaks become hard breaks, and runs of spaces collapse
 * so indentation cannot start a code block.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+\-.!|<>~&:"'=$%@^,;?/]/g, '\\$&')
    .replace(/[ \t]+/g, ' ')
    .replace(/\r\n?|\n/g, '  \n');
}

/** Shortens text to at most `max` code points (with an ellipsis), on one line. */
export function clip(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const cps = [...oneLine];
  return cps.length > max ? `${cps.slice(0, max - 1).join('')}…` : oneLine;
}

/**
 * A `command:` link to one of the extension's own commands. The label is escaped; the
 * arguments are JSON, URI-encoded, so they cannot break out of the link target.
 */
export function commandLink(label: string, command: CommandIdValue, args: unknown, tooltip?: string): string {
  const target = `command:${command}?${encodeURIComponent(JSON.stringify([args]))}`;
  const title = tooltip ? ` "${tooltip.replace(/["\\]/g, '')}"` : '';
  return `[${escapeMarkdown(label)}](${target}${title})`;
}
