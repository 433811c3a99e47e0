/** Which documents are news sources: the `news-source` language, or a path matching `sourceGlobs`. */
import * as vscode from 'vscode';
import { SIDECAR_SUFFIX } from '../core/annotations/model';
import { readSettings } from './config';

export const SOURCE_LANGUAGE = 'news-source';

/** Schemes whose documents can be sources (files, remote and virtual file systems). */
const FILE_LIKE_SCHEMES = new Set(['file', 'vscode-remote', 'vscode-vfs', 'vscode-userdata', 'memfs', 'untitled']);

export function isSourceDocument(document: vscode.TextDocument): boolean {
  if (!FILE_LIKE_SCHEMES.has(document.uri.scheme)) return false;
  if (document.uri.path.endsWith(SIDECAR_SUFFIX)) return false;
  if (document.languageId === SOURCE_LANGUAGE) return true;
  const globs = readSettings(document.uri).sourceGlobs;
  return globs.some((pattern) => vscode.languages.match({ pattern }, document) > 0);
}

/** The sidecar of a source: `<name>.annotations.json` next to it. */
export function sidecarUriOf(source: vscode.Uri): vscode.Uri {
  return source.with({ path: `${source.path}${SIDECAR_SUFFIX}` });
}
