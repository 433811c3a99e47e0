/**
 * Typed settings for the editor layer: a read-only snapshot per resource built by the pure
 * `parseSettings`, and one event that fires only when our section changed.
 */
import * as vscode from 'vscode';
import { parseSettings, type Settings } from '../core/settings/settings';

export const SECTION = 'sourceAnnotator';

/** Reads the settings that apply to `resource` (a source file) or the window. */
export function readSettings(resource?: vscode.Uri): Settings {
  const cfg = vscode.workspace.getConfiguration(SECTION, resource);
  return parseSettings((key) => {
    // `inspect` distinguishes "not set" from "set to the default"; `get` with no default gives
    // the contributed default, which is what the snapshot should use.
    return cfg.get<unknown>(key);
  });
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
