/**
 * Typed settings for the editor layer: a read-only snapshot per resource built by the pure
 * `parseSettings`, and one event that fires only when our section changed.
 */
import * as vscode from 'vscode';
import { parseSettings, type Settings } from '../core/settings/settings';

export const SECTION = 'sourceAnnotator';

/**
 * Snapshots per resource, dropped on any change of our section: settings are read on every
 * decoration update, hover and cursor move, and validating regexes each time would be waste.
 */
const cache = new Map<string, Settings>();

/**
 * Keeps the settings cache fresh. Call first in `activate()`, before anything subscribes to
 * `onDidChangeSettings`, so the cache is cleared before other listeners read settings.
 */
export function trackSettings(): vscode.Disposable[] {
  cache.clear();
  return [
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SECTION)) cache.clear();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => cache.clear()),
  ];
}

/** Reads the settings that apply to `resource` (a source file) or the window. */
export function readSettings(resource?: vscode.Uri): Settings {
  const key = resource?.toString() ?? '';
  const hit = cache.get(key);
  if (hit) return hit;
  const cfg = vscode.workspace.getConfiguration(SECTION, resource);
  // `get` without a default gives the contributed default, which is what the snapshot should use.
  const settings = parseSettings((k) => cfg.get<unknown>(k));
  if (cache.size > 500) cache.clear();
  cache.set(key, settings);
  return settings;
}

/** Fires with the change event when any `sourceAnnotator.*` setting changed. */
export function onDidChangeSettings(listener: (e: vscode.ConfigurationChangeEvent) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(SECTION)) listener(e);
  });
}

/**
 * Reports invalid settings once per distinct message set, so a bad boilerplate pattern is
 * explained when it is entered, not on every keystroke.
 */
export class SettingsProblemReporter {
  private lastReported = '';

  constructor(private readonly log: vscode.LogOutputChannel) {}

  report(settings: Settings): void {
    const key = settings.problems.join('\n');
    if (key === this.lastReported) return;
    this.lastReported = key;
    if (!settings.problems.length) return;
    for (const p of settings.problems) this.log.warn(p);
    const first = settings.problems[0] ?? '';
    const more = settings.problems.length > 1 ? ` (and ${settings.problems.length - 1} more, see the log)` : '';
    void vscode.window
      .showWarningMessage(`Source Annotator settings: ${first}${more}`, 'Open Settings')
      .then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', SECTION);
      });
  }
}
