/**
 * Worker-thread entry (bundled to dist/analysisWorker.js): runs the analysis core off the
 * extension host's event loop, so a long source never blocks typing, hovers or other
 * extensions while it is analysed. Messages in and out are structured clones (RegExp and Set
 * included).
 */
import { parentPort } from 'node:worker_threads';
import { analyzeDocument } from '../core/analyze';
import { DocumentMemos } from '../core/blockMemo';
import type { AnalyzeOptions } from '../core/types';

/** Which document a request is for and a fingerprint of the options its memo was made with. */
export interface MemoKey {
  document: string;
  options: string;
}

export interface AnalysisRequest {
  kind: 'analyse';
  id: number;
  path: string;
  text: string;
  options: AnalyzeOptions;
  memoKey?: MemoKey;
}

export type WorkerRequest = AnalysisRequest | { kind: 'forget'; document: string };

export type AnalysisReply = { id: number; ok: true; analysis: ReturnType<typeof analyzeDocument> } | { id: number; ok: false; error: string };

/**
 * Memos of the documents analysed here. Bounded because the host's `forget` can be missed (a
 * worker restarted after a crash never heard of earlier documents).
 */
const memos = new DocumentMemos(8);

parentPort?.on('message', (req: WorkerRequest) => {
  if (req.kind === 'forget') {
    memos.forget(req.document);
    return;
  }
  let reply: AnalysisReply;
  try {
    const memo = req.memoKey ? memos.for(req.memoKey.document, req.memoKey.options) : undefined;
    reply = { id: req.id, ok: true, analysis: analyzeDocument(req.path, req.text, req.options, memo) };
  } catch (e) {
    reply = { id: req.id, ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort?.postMessage(reply);
});
