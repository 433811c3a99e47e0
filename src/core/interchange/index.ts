/**
 * Interchange with other tools: W3C Web Annotation JSON-LD, brat standoff, CSV and clean text
 * export; brat and W3C import. Pure: no `vscode`, no file I/O (the CLI uses
 * `src/node/interchangeNode.ts`, the editor `src/extension/interchangeCommands.ts`).
 */
export { placeAnnotations, mergeImport, type ImportedAnnotations, type ImportOutcome, type PlacedSidecar } from './common';
export { toW3C, fromW3C, readW3C, iriFileName, itemsForNamedSource, annotationIri, idFromIri, W3C_CONTEXT, type W3CAnnotation, type W3CCollection, type W3CExport, type W3CDocument } from './w3c';
export {
  toBrat,
  fromBrat,
  parseAnn,
  bratAnnotationConf,
  BRAT_METADATA_COMMENT,
  BRAT_SPEAKER_RELATION,
  BRAT_CUE_RELATION,
  detectedCuesOf,
  type BratExport,
  type BratImport,
  type DetectedCue,
} from './brat';
export { toCsv, csvRows, csvCell, CSV_COLUMNS, type CsvSource, type CsvOptions } from './csv';
export { cleanText, type CleanTextResult } from './cleanText';
export { uuidV5, isUuid } from './ids';
export {
  planExport,
  baseName,
  relativeIri,
  EXPORT_FORMATS,
  EXPORT_FORMAT_DESCRIPTIONS,
  type ExportFormat,
  type ExportFile,
  type ExportInput,
  type ExportPlan,
} from './exportPlan';
