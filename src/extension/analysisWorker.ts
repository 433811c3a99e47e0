/**
 * Worker-thread entry (bundled to dist/analysisWorker.js): runs the analysis core off the
 * extension host's event loop, so a long source never blocks typing, hovers or other
 * extensions while it is analysed. Messages in and out are structured clones (RegExp and Set
 * included).
 */
import { parentPort } from 'node:worker_threads';
import { analyzeDocument } from '../core/analyze';
import type { AnalyzeOptions } from '../core/types';

export interface AnalysisRequest {
  id: number;
  path: string;
  text: string;
  options: AnalyzeOptions;
}

export type AnalysisReply = { id: number; ok: true; analysis: ReturnType<typeof analyzeDocument> } | { id: number; ok: false; error: string };

parentPort?.on('message', (req: AnalysisRequest) => {
  let reply: AnalysisReply;
  try {
    reply = { id: req.id, ok: true, analysis: analyzeDocument(req.path, req.text, req.options) };
  } catch (e) {
    reply = { id: req.id, ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort?.postMessage(reply);
});
