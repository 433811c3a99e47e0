/**
 * Every command id of the extension, in one place. Pure (no `vscode` import) because the
 * hover builder in the core creates `command:` links to them and the trusted-command list
 * of a hover is derived from this object.
 */
export const CommandId = {
  // User-facing (palette, menus, keybindings)
  analyzeActive: 'sourceAnnotator.analyzeActive',
  tagQuote: 'sourceAnnotator.tagSelectionAsQuote',
  tagPerson: 'sourceAnnotator.tagSelectionAsPerson',
  tagClaim: 'sourceAnnotator.tagSelectionAsClaim',
  tagBoilerplate: 'sourceAnnotator.tagSelectionAsBoilerplate',
  setReliability: 'sourceAnnotator.setReliability',
  setSourceReliability: 'sourceAnnotator.setSourceReliability',
  editNote: 'sourceAnnotator.editNote',
  correctSpeaker: 'sourceAnnotator.correctSpeaker',
  confirm: 'sourceAnnotator.confirmDetection',
  reject: 'sourceAnnotator.rejectDetection',
  deleteAnnotation: 'sourceAnnotator.deleteAnnotation',
  confirmAllBoilerplate: 'sourceAnnotator.confirmAllBoilerplate',
  nextAnnotation: 'sourceAnnotator.nextAnnotation',
  previousAnnotation: 'sourceAnnotator.previousAnnotation',
  toggleHighlights: 'sourceAnnotator.toggleHighlights',
  analyzeWorkspace: 'sourceAnnotator.analyzeWorkspace',
  openSidecar: 'sourceAnnotator.openSidecar',
  copyCleanText: 'sourceAnnotator.copyCleanText',
  treatAsSource: 'sourceAnnotator.treatAsSource',
  exportAnnotations: 'sourceAnnotator.export',
  importBrat: 'sourceAnnotator.importBrat',
  importW3c: 'sourceAnnotator.importW3c',
  // Internal (hover links, tree items); hidden from the palette
  openLocation: 'sourceAnnotator.openLocation',
} as const;

export type CommandIdValue = (typeof CommandId)[keyof typeof CommandId];

/** Commands a hover may link to: only ours, never built-ins such as `vscode.open`. */
export const HOVER_COMMANDS: readonly CommandIdValue[] = [
  CommandId.setReliability,
  CommandId.correctSpeaker,
  CommandId.confirm,
  CommandId.reject,
  CommandId.editNote,
  CommandId.deleteAnnotation,
  CommandId.setSourceReliability,
  CommandId.openLocation,
  CommandId.analyzeWorkspace,
];
