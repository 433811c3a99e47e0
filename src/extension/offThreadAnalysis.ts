/**
 * Analysis of long sources on a worker thread. Measured in the real extension host (issue 9,
 * docs/hardening.md): analysing a 240,000-character source on the host's event loop blocked
 * it for 0.5–1 s, far over the 50 ms budget, and typing re-analysed it after every pause.
 * Sources above {@link OFF_THREAD_MIN_CHARS} are therefore analysed by one lazily started
 * worker (dist/analysisWorker.js); shorter ones (typical articles, a few milliseconds) stay
 * synchronous so hovers and commands see their detections at once.
 *
 * Where no worker can run (a web extension host has no `worker_threads`, or the worker file is
 * missing) `analyse` rejects and the caller falls back to analysing on the host thread.
 */
import type { AnalysisReply, WorkerRequest, MemoKey } from './analysisWorker';
import type { AnalyzeOptions, DocumentAnalysis } from '../core/types';

/** Sources at least this long (UTF-16 units) are analysed off the host's event loop. */
export const OFF_THREAD_MIN_CHARS = 30_000;

interface WorkerLike {
  postMessage(message: WorkerRequest): void;
  on(event: 'message', listener: (reply: AnalysisReply) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  on(event: 'exit', listener: (code: number) => void): void;
  terminate(): Promise<number>;
  unref(): void;
}

export class OffThreadAnalysis {
  private worker: WorkerLike | undefined;
  private broken: string | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (a: DocumentAnalysis) => void; reject: (e: Error) => void }>();

  constructor(private readonly workerPath: string) {}

  /** Analyses on the worker; rejects when no worker can run (the caller then analyses in place). */
  /**
   * Analyses on the worker; rejects when no worker can run (the caller then analyses in place).
   * With a `memoKey` the worker keeps that document's block-local results between requests
   * (core/blockMemo.ts), so re-analysis after an edit only redoes the touched paragraphs.
   */
  analyse(path: string, text: string, options: AnalyzeOptions, memoKey?: MemoKey): Promise<DocumentAnalysis> {
    const worker = this.start();
    if (!worker) return Promise.reject(new Error(this.broken ?? 'no worker'));
    const id = this.nextId++;
    return new Promise<DocumentAnalysis>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ kind: 'analyse', id, path, text, options, ...(memoKey ? { memoKey } : {}) });
    });
  }

  /** The document was closed: the worker drops its memo (a no-op when no worker runs). */
  forget(document: string): void {
    this.worker?.postMessage({ kind: 'forget', document });
  }

  dispose(): void {
    this.fail('the extension is shutting down');
    void this.worker?.terminate();
    this.worker = undefined;
    this.broken = 'disposed';
  }

  private start(): WorkerLike | undefined {
    if (this.worker || this.broken) return this.worker;
    try {
      // Loaded lazily: a web extension host has no worker_threads.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { Worker } = require('node:worker_threads') as { Worker: new (path: string) => WorkerLike };
      const worker = new Worker(this.workerPath);
      worker.unref();
      worker.on('message', (reply) => {
        const p = this.pending.get(reply.id);
        if (!p) return;
        this.pending.delete(reply.id);
        if (reply.ok) p.resolve(reply.analysis);
        else p.reject(new Error(reply.error));
      });
      worker.on('error', (e) => {
        this.broken = e.message;
        this.worker = undefined;
        this.fail(e.message);
      });
      worker.on('exit', () => {
        this.worker = undefined;
        this.fail('the analysis worker stopped');
      });
      this.worker = worker;
    } catch (e) {
      this.broken = e instanceof Error ? e.message : String(e);
    }
    return this.worker;
  }

  private fail(reason: string): void {
    for (const p of this.pending.values()) p.reject(new Error(reason));
    this.pending.clear();
  }
}
