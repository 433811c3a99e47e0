/**
 * Read-only virtual documents for comparing how sources worded the same statement: one
 * document per variant (for `vscode.diff`, side by side) and one listing every variant of a
 * statement. Content is produced from the store's last workspace analysis by the pure
 * `variantDocument` / `comparisonDocument`.
 */
import * as vscode from 'vscode';
import { quoteSimilarity } from '../../core/corpus/quotes';
import {
  baseName,
  comparisonDocument,
  groupQuoteMatches,
  locationKey,
  variantDocument,
  type QuoteGroup,
  type QuoteVariant,
} from '../../core/present/treeModel';
import type { CorpusAnalysis } from '../../core/types';
import type { AnnotationStore } from '../annotationStore';

export const COMPARE_SCHEME = 'source-annotator-compare';

/** The statements found in several sources, cached per corpus analysis. */
export class QuoteGroups {
  private cache: { corpus: CorpusAnalysis; groups: QuoteGroup[] } | undefined;

  constructor(private readonly store: AnnotationStore) {}

  all(): QuoteGroup[] {
    const c = this.store.corpus;
    if (!c) return [];
    if (this.cache?.corpus === c.corpus) return this.cache.groups;
    const groups = groupQuoteMatches(
      c.corpus.quoteMatches,
      (l) => {
        const q = c.documents.get(l.path)?.quotes.find((x) => x.start === l.start && x.end === l.end);
        return q ? { text: q.text, ...(q.speaker ? { speaker: q.speaker.name } : {}) } : undefined;
      },
      quoteSimilarity,
    );
    this.cache = { corpus: c.corpus, groups };
    return groups;
  }

  byKey(key: string): QuoteGroup | undefined {
    return this.all().find((g) => g.key === key);
  }
}

/** Serves `source-annotator-compare:` documents. */
export class QuoteCompareProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly groups: QuoteGroups) {}

  /** A document with one variant's wording. */
  static variantUri(groupKey: string, v: QuoteVariant): vscode.Uri {
    return vscode.Uri.from({
      scheme: COMPARE_SCHEME,
      path: `/${baseName(v.path)}`,
      query: new URLSearchParams({ group: groupKey, variant: locationKey(v) }).toString(),
    });
  }

  /** A document listing every variant of a statement. */
  static groupUri(g: QuoteGroup): vscode.Uri {
    return vscode.Uri.from({ scheme: COMPARE_SCHEME, path: '/Same statement in several sources', query: new URLSearchParams({ group: g.key }).toString() });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const params = new URLSearchParams(uri.query);
    const g = this.groups.byKey(params.get('group') ?? '');
    if (!g) return 'This statement is no longer in the last workspace analysis. Run "Source Annotator: Analyse Workspace Sources" again.\n';
    const variantKey = params.get('variant');
    if (!variantKey) return comparisonDocument(g);
    const v = g.variants.find((x) => locationKey(x) === variantKey);
    return v ? variantDocument(v) : 'This variant is no longer in the last workspace analysis.\n';
  }
}
