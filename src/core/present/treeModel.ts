/**
 * The item model behind the sidebar's tree views (This Source, Sources, People, Cross-source
 * quotes). Pure: the extension turns a `TreeNode` into a `vscode.TreeItem` one to one, so
 * grouping, labels, icons, menu keys, stable ids and tooltips are unit-tested here.
 *
 * Why nodes carry `uri` / `id` / `kind` / `start` / `end` at top level: VS Code passes the
 * tree element itself to a `view/item/context` menu command, and the editor commands take
 * exactly such an argument object (see `CommandArgs` in src/extension/commands.ts). So a tree
 * node *is* a valid command argument, and the tree reuses the editor's commands unchanged.
 * The tree's own identity lives in `key` (never `id`, which is the annotation id).
 *
 * Why children are thunks: a workspace with thousands of sources or people must show its
 * first level at once; a level below is built only when someone expands it.
 */
import type { CorpusPerson, QuoteMatch } from '../types';
import { reliabilityTier } from '../decorationPlan';
import type { Entry, EntryKind } from './entries';
import { clip, escapeMarkdown } from './markdown';

/** A codicon id and an optional theme colour id (both resolved by the extension). */
export interface IconSpec {
  id: string;
  color?: string;
}

/** Where clicking a node goes: a source, optionally a span in it (code points). */
export interface OpenTarget {
  uri: string;
  start?: number;
  end?: number;
}

export type NodeType =
  | 'group'
  | 'speaker'
  | 'personHere'
  | 'entry'
  | 'orphan'
  | 'reliabilityGroup'
  | 'source'
  | 'person'
  | 'personSource'
  | 'personQuote'
  | 'quoteGroup'
  | 'variant'
  | 'more';

export interface TreeNode {
  /** Unique within the view and stable across rebuilds (VS Code keeps expansion by it). */
  readonly key: string;
  readonly parentKey: string | undefined;
  readonly type: NodeType;
  readonly label: string;
  readonly description?: string;
  readonly icon?: IconSpec;
  /** Menu key (`viewItem` in `when` clauses). */
  readonly contextValue: string;
  readonly collapsible: 'none' | 'collapsed' | 'expanded';
  /** What a click does (undefined: nothing, e.g. a group). */
  readonly open?: OpenTarget;
  /** Command-argument fields (see the module comment). */
  readonly uri?: string;
  readonly id?: string;
  readonly kind?: EntryKind;
  readonly start?: number;
  readonly end?: number;
  /** Markdown, every user- or source-supplied piece escaped; built only when hovered. */
  readonly tooltip?: () => string;
}

/**
 * Leaf children whose nodes are made only when listed. Their keys are known up front (for
 * lookups and `reveal`); a speaker with 8,000 quotes then costs 250 nodes per page shown.
 */
export class LeafList {
  private readonly made: (TreeNode | undefined)[] = [];

  constructor(
    readonly keys: readonly string[],
    private readonly make: (index: number, key: string) => TreeNode,
  ) {}

  get length(): number {
    return this.keys.length;
  }

  at(index: number): TreeNode {
    let node = this.made[index];
    if (!node) {
      node = this.make(index, this.keys[index] as string);
      this.made[index] = node;
    }
    return node;
  }
}

type ChildList = readonly TreeNode[] | LeafList;

/** A tree whose levels are built on demand, with parent lookup for `reveal`. */
export class LazyTree {
  private readonly nodes = new Map<string, TreeNode>();
  private readonly built = new Map<string, ChildList>();
  private rootNodes: readonly TreeNode[] | undefined;

  constructor(
    private readonly buildRoots: () => TreeNode[],
    private readonly buildChildren: (node: TreeNode) => TreeNode[] | LeafList,
  ) {}

  roots(): readonly TreeNode[] {
    this.rootNodes ??= this.register(this.buildRoots());
    return this.rootNodes;
  }

  /** Every child of `node` (all made: tests, small lists). */
  children(node: TreeNode): readonly TreeNode[] {
    return this.page(node, Number.POSITIVE_INFINITY);
  }

  /** The first `count` children of `node`. */
  page(node: TreeNode, count: number): TreeNode[] {
    const list = this.childList(node);
    if (!(list instanceof LeafList)) return list.slice(0, count);
    const out: TreeNode[] = [];
    for (let i = 0; i < Math.min(count, list.length); i++) out.push(this.registered(list.at(i)));
    return out;
  }

  /** How many children `node` has. */
  childCount(node: TreeNode): number {
    return this.childList(node).length;
  }

  /** The position of the child `key` among the children of `parent` (-1: not there). */
  childIndex(parent: TreeNode, key: string): number {
    const list = this.childList(parent);
    return list instanceof LeafList ? list.keys.indexOf(key) : list.findIndex((n) => n.key === key);
  }

  /** A node built so far, by key (the first level is always built). */
  node(key: string): TreeNode | undefined {
    this.roots();
    return this.nodes.get(key);
  }

  /**
   * The parent of a node, also of a node from an earlier build of the same data (VS Code may
   * ask about an element it got before a refresh): missing levels are built to find it.
   */
  parent(node: TreeNode): TreeNode | undefined {
    if (node.parentKey === undefined) return undefined;
    return this.node(node.parentKey) ?? this.find(node.parentKey);
  }

  /** Depth-first search by key, building levels only until the node is found. */
  find(key: string): TreeNode | undefined {
    const walk = (list: readonly TreeNode[]): TreeNode | undefined => {
      for (const n of list) {
        if (n.key === key) return n;
        const children = this.childList(n);
        if (children instanceof LeafList) {
          const i = children.keys.indexOf(key);
          if (i >= 0) return this.registered(children.at(i));
          continue;
        }
        const found = walk(children);
        if (found) return found;
      }
      return undefined;
    };
    return this.nodes.get(key) ?? walk(this.roots());
  }

  /** Builds every level (small trees only: tests, reveal in This Source). */
  all(): TreeNode[] {
    const out: TreeNode[] = [];
    const walk = (list: readonly TreeNode[]): void => {
      for (const n of list) {
        out.push(n);
        walk(this.children(n));
      }
    };
    walk(this.roots());
    return out;
  }

  private childList(node: TreeNode): ChildList {
    let list = this.built.get(node.key);
    if (!list) {
      const made = node.collapsible === 'none' ? [] : this.buildChildren(node);
      list = made instanceof LeafList ? made : this.register(made);
      this.built.set(node.key, list);
    }
    return list;
  }

  private registered(node: TreeNode): TreeNode {
    this.nodes.set(node.key, node);
    return node;
  }

  private register(list: TreeNode[]): TreeNode[] {
    for (const n of list) this.nodes.set(n.key, n);
    return list;
  }
}

/** Makes keys unique in one list: a second node with the same key gets `~2`, and so on. */
function uniqueKeys<T extends { key: string }>(list: T[]): T[] {
  const keys = uniqueKeyStrings(list.map((n) => n.key));
  return list.map((n, i) => (keys[i] === n.key ? n : { ...n, key: keys[i] as string }));
}

function uniqueKeyStrings(keys: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return keys.map((key) => {
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    return count === 1 ? key : `${key}~${count}`;
  });
}

/** Leaf children for `entries`, made when listed (keys unique as with `uniqueKeys`). */
function leafList<T>(items: readonly T[], keyOf: (item: T) => string, make: (item: T) => TreeNode): LeafList {
  const keys = uniqueKeyStrings(items.map(keyOf));
  return new LeafList(keys, (i, key) => {
    const node = make(items[i] as T);
    return node.key === key ? node : { ...node, key };
  });
}

/**
 * Children listed per page: a dense source has thousands of quotes under one speaker, and
 * handing VS Code 8,000 tree items at once blocked the extension host for ~300 ms (issue 9).
 */
export const TREE_PAGE_SIZE = 250;

/**
 * The first `shown` of `children`, plus a "Show more" node when some are left out. `owner`
 * names the view; it travels in the node's `id` so the show-more command knows whose page grows.
 */
export function pageOf(parent: TreeNode, listed: readonly TreeNode[], total: number, owner: string): TreeNode[] {
  if (total <= listed.length) return [...listed];
  const hidden = total - listed.length;
  return [
    ...listed,
    {
      key: `${parent.key}#more`,
      parentKey: parent.key,
      type: 'more',
      label: `Show ${Math.min(hidden, TREE_PAGE_SIZE).toLocaleString('en')} more…`,
      description: `${hidden.toLocaleString('en')} not listed`,
      icon: { id: 'ellipsis' },
      contextValue: 'more',
      collapsible: 'none',
      id: owner,
    },
  ];
}


/**
 * Sort order for names and paths: one shared collator (far cheaper than `localeCompare` per
 * pair when a group of thousands of sources is expanded), numeric so `article-2` comes
 * before `article-10`.
 */
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const byText = (a: string, b: string): number => collator.compare(a, b);

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** `seeds/000_x.txt` → `000_x.txt` */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `seeds/000_x.txt` → `seeds` (empty for a top-level file). */
export function folderOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** Theme colour of a reliability value on the scale (undefined when not on it). */
export function reliabilityColor(reliability: string | undefined, scale: readonly string[]): string | undefined {
  if (reliability === undefined) return undefined;
  const tier = reliabilityTier(reliability, scale);
  return tier ? `sourceAnnotator.${tier}` : undefined;
}

// ---- This Source ------------------------------------------------------------------------

/** An annotation that could not be placed in the current text (kept in the sidecar). */
export interface OrphanView {
  id: string;
  kind: string;
  exact: string;
  status: string;
  reliability?: string;
  note?: string;
  speaker?: string;
}

export interface ThisSourceInput {
  uri: string;
  path: string;
  entries: readonly Entry[];
  orphans: readonly OrphanView[];
  scale: readonly string[];
  sourceReliability?: string;
}

/** The groups of This Source, in display order. */
export const THIS_SOURCE_GROUPS = ['quotes', 'terms', 'people', 'claims', 'boilerplate', 'notes', 'orphans'] as const;
export type ThisSourceGroup = (typeof THIS_SOURCE_GROUPS)[number];

const GROUP_LABEL: Record<ThisSourceGroup, string> = {
  quotes: 'Quotes',
  terms: 'Scare-quoted terms',
  people: 'People',
  claims: 'Claims',
  boilerplate: 'Boilerplate',
  notes: 'Notes',
  orphans: 'Orphaned annotations',
};

const GROUP_ICON: Record<ThisSourceGroup, IconSpec> = {
  quotes: { id: 'quote', color: 'sourceAnnotator.quoteRuler' },
  terms: { id: 'symbol-string', color: 'sourceAnnotator.termBorder' },
  people: { id: 'organization', color: 'sourceAnnotator.personRuler' },
  claims: { id: 'law', color: 'sourceAnnotator.claimRuler' },
  boilerplate: { id: 'circle-slash', color: 'sourceAnnotator.boilerplateForeground' },
  notes: { id: 'note', color: 'sourceAnnotator.noteRuler' },
  orphans: { id: 'warning', color: 'list.warningForeground' },
};

const KIND_ICON: Record<EntryKind, IconSpec> = {
  quote: { id: 'quote', color: 'sourceAnnotator.quoteRuler' },
  term: { id: 'symbol-string', color: 'sourceAnnotator.termBorder' },
  person: { id: 'person', color: 'sourceAnnotator.personRuler' },
  claim: { id: 'law', color: 'sourceAnnotator.claimRuler' },
  boilerplate: { id: 'circle-slash', color: 'sourceAnnotator.boilerplateForeground' },
  note: { id: 'note', color: 'sourceAnnotator.noteRuler' },
};

function groupOf(entry: Entry): ThisSourceGroup {
  switch (entry.kind) {
    case 'quote':
      return 'quotes';
    case 'term':
      return 'terms';
    case 'person':
      return 'people';
    case 'claim':
      return 'claims';
    case 'boilerplate':
      return 'boilerplate';
    case 'note':
      return 'notes';
  }
}

const UNATTRIBUTED = 'Unattributed';

/** Speaker group a quote belongs to (case-insensitive, so "Lavrov" corrections join). */
function speakerKeyOf(entry: Entry): string {
  return (entry.speaker ?? '').trim().toLowerCase() || '\u0000';
}

/**
 * Menu key of an entry: `entry-<kind>-<status>` plus `-annotated` when the user decided
 * something about it (so Delete shows only where there is an annotation to delete).
 */
export function entryContextValue(entry: Entry): string {
  return `entry-${entry.kind}-${entry.status}${entry.annotation ? '-annotated' : ''}`;
}

function statusWord(status: Entry['status']): string | undefined {
  return status === 'detected' ? undefined : status;
}

function entryDescription(entry: Entry, withSpeaker: boolean): string {
  const parts: string[] = [];
  if (withSpeaker && entry.speaker) parts.push(entry.speaker);
  if (entry.kind === 'person' && entry.person?.role) parts.push(entry.person.role);
  if (entry.reliability) parts.push(entry.reliability);
  const status = statusWord(entry.status);
  if (status) parts.push(status);
  if (entry.note) parts.push(`✎ ${clip(entry.note, 40)}`);
  return parts.join(' · ');
}

/** Opening quotation marks of the languages the sources come in. */
const OPENING_QUOTE = /^["“”„«»‹›‘’‚'「『]/u;

/** A quote for a label: the source's own quotation marks when it has them, else curly ones. */
export function quoted(text: string, max: number): string {
  const short = clip(text, max);
  return OPENING_QUOTE.test(short) ? short : `“${short}”`;
}

function entryLabel(entry: Entry): string {
  return entry.kind === 'quote' || entry.kind === 'term' ? quoted(entry.text, 70) : clip(entry.text, 70);
}

/** Hover text of an entry. Everything from the source or the sidecar is escaped. */
export function entryTooltip(entry: Entry): string {
  const lines: string[] = [];
  lines.push(`**${escapeMarkdown(entry.kind)}** · ${escapeMarkdown(entry.status)}`);
  lines.push(`> ${escapeMarkdown(clip(entry.text, 400))}`);
  if (entry.speaker) lines.push(`Speaker: ${escapeMarkdown(entry.speaker)}`);
  if (entry.quote?.cue) lines.push(`Cue: ${escapeMarkdown(entry.quote.cue.text)}`);
  if (entry.quote) lines.push(`Confidence: ${Math.round(entry.quote.confidence * 100)}%`);
  if (entry.person) {
    lines.push(`Person: ${escapeMarkdown(entry.person.name)}${entry.person.role ? ` (${escapeMarkdown(entry.person.role)})` : ''}`);
    const aliases = entry.person.aliases.filter((a) => a !== entry.person?.name);
    if (aliases.length) lines.push(`Also: ${aliases.map(escapeMarkdown).join(', ')}`);
  }
  if (entry.claim) lines.push(`Why a claim: ${entry.claim.reasons.map(escapeMarkdown).join('; ')}`);
  if (entry.boilerplate) lines.push(`Why boilerplate: ${escapeMarkdown(entry.boilerplate.reason)}`);
  lines.push(`Reliability: ${entry.reliability ? escapeMarkdown(entry.reliability) : 'not rated'}`);
  if (entry.note) lines.push(`Note: ${escapeMarkdown(entry.note)}`);
  return lines.join('\n\n');
}

function orphanTooltip(o: OrphanView): string {
  const lines = [
    `**${escapeMarkdown(o.kind)}** · orphaned: its text is no longer in the source; it is kept in the annotations file.`,
    `> ${escapeMarkdown(clip(o.exact, 400))}`,
  ];
  if (o.speaker) lines.push(`Speaker: ${escapeMarkdown(o.speaker)}`);
  if (o.reliability) lines.push(`Reliability: ${escapeMarkdown(o.reliability)}`);
  if (o.note) lines.push(`Note: ${escapeMarkdown(o.note)}`);
  return lines.join('\n\n');
}

/** Tree key of an entry in This Source (what follow-cursor reveals). */
export function entryNodeKey(uri: string, entry: Pick<Entry, 'kind' | 'id'>): string {
  return `${uri}#${entry.kind}:${entry.id}`;
}

/**
 * This Source: the active document's entries grouped by kind; quotes under their speaker,
 * person mentions under the person. Rejected detections stay listed (dimmed) so they can be
 * confirmed again.
 */
export function buildThisSourceTree(input: ThisSourceInput): LazyTree {
  const { uri } = input;
  const byGroup = new Map<ThisSourceGroup, Entry[]>();
  for (const e of input.entries) {
    const g = groupOf(e);
    const list = byGroup.get(g);
    if (list) list.push(e);
    else byGroup.set(g, [e]);
  }
  const groupKey = (g: ThisSourceGroup) => `${uri}#group:${g}`;
  const visibleCount = (list: readonly Entry[]) => list.filter((e) => e.status !== 'rejected').length;

  const entryNode = (e: Entry, parentKey: string, withSpeaker: boolean): TreeNode => {
    const rejected = e.status === 'rejected';
    const color = rejected ? 'disabledForeground' : (reliabilityColor(e.reliability, input.scale) ?? KIND_ICON[e.kind].color);
    return {
      key: entryNodeKey(uri, e),
      parentKey,
      type: 'entry',
      label: entryLabel(e),
      description: entryDescription(e, withSpeaker),
      icon: { id: rejected ? 'circle-slash' : e.reliability ? 'shield' : KIND_ICON[e.kind].id, ...(color ? { color } : {}) },
      contextValue: entryContextValue(e),
      collapsible: 'none',
      open: { uri, start: e.start, end: e.end },
      uri,
      id: e.id,
      kind: e.kind,
      start: e.start,
      end: e.end,
      tooltip: () => entryTooltip(e),
    };
  };

  const roots = (): TreeNode[] => {
    const out: TreeNode[] = [];
    for (const g of THIS_SOURCE_GROUPS) {
      const count = g === 'orphans' ? input.orphans.length : visibleCount(byGroup.get(g) ?? []);
      const total = g === 'orphans' ? input.orphans.length : (byGroup.get(g) ?? []).length;
      if (total === 0) continue;
      let description = String(count);
      if (g === 'people') description = plural(new Set((byGroup.get(g) ?? []).map(personKeyOf)).size, 'person', 'people');
      if (total > count) description += ` (+${total - count} rejected)`;
      out.push({
        key: groupKey(g),
        parentKey: undefined,
        type: 'group',
        label: GROUP_LABEL[g],
        description,
        icon: GROUP_ICON[g],
        contextValue: `group-${g}`,
        // Boilerplate is noise to most readers: folded until asked for.
        collapsible: g === 'boilerplate' || g === 'terms' ? 'collapsed' : 'expanded',
        uri,
      });
    }
    return out;
  };

  const children = (node: TreeNode): TreeNode[] | LeafList => {
    if (node.type === 'group') {
      const g = node.contextValue.slice('group-'.length) as ThisSourceGroup;
      if (g === 'orphans') {
        return uniqueKeys(
          input.orphans.map((o) => ({
            key: `${uri}#orphan:${o.id}`,
            parentKey: node.key,
            type: 'orphan' as const,
            label: quoted(o.exact, 70),
            description: [o.kind, o.reliability, o.note ? `✎ ${clip(o.note, 40)}` : undefined].filter(Boolean).join(' · '),
            icon: { id: 'warning', color: 'list.warningForeground' },
            contextValue: 'orphan',
            collapsible: 'none' as const,
            uri,
            id: o.id,
            tooltip: () => orphanTooltip(o),
          })),
        );
      }
      const list = byGroup.get(g) ?? [];
      if (g === 'quotes') return speakerGroups(list, node.key);
      if (g === 'people') return personGroups(list, node.key);
      return leafList(list, (e) => entryNodeKey(uri, e), (e) => entryNode(e, node.key, true));
    }
    if (node.type === 'speaker' || node.type === 'personHere') {
      const quotes = node.type === 'speaker';
      const list = (byGroup.get(quotes ? 'quotes' : 'people') ?? []).filter((e) => `${quotes ? speakerKeyOf(e) : personKeyOf(e)}` === node.id);
      return leafList(list, (e) => entryNodeKey(uri, e), (e) => entryNode(e, node.key, false));
    }
    return [];
  };

  const speakerGroups = (list: readonly Entry[], parentKey: string): TreeNode[] => {
    const groups = new Map<string, { name: string; entries: Entry[] }>();
    for (const e of list) {
      const k = speakerKeyOf(e);
      const g = groups.get(k) ?? { name: e.speaker?.trim() || UNATTRIBUTED, entries: [] };
      g.entries.push(e);
      groups.set(k, g);
    }
    return [...groups.entries()]
      .sort(([ka, a], [kb, b]) => Number(ka === '\u0000') - Number(kb === '\u0000') || b.entries.length - a.entries.length || byText(a.name, b.name))
      .map(([k, g]) => {
        const visible = visibleCount(g.entries);
        return {
          key: `${uri}#speaker:${k}`,
          parentKey,
          type: 'speaker' as const,
          label: g.name,
          description: plural(visible, 'quote'),
          icon: k === '\u0000' ? { id: 'question' } : { id: 'account', color: 'sourceAnnotator.personRuler' },
          contextValue: 'speaker',
          collapsible: 'expanded' as const,
          // `id` carries the grouping key (children filter by it); no command uses a speaker node.
          id: k,
        };
      });
  };

  const personGroups = (list: readonly Entry[], parentKey: string): TreeNode[] => {
    const groups = new Map<string, Entry[]>();
    for (const e of list) {
      const k = personKeyOf(e);
      const g = groups.get(k);
      if (g) g.push(e);
      else groups.set(k, [e]);
    }
    return [...groups.entries()]
      .sort(([, a], [, b]) => b.length - a.length || byText(nameOf(a[0]), nameOf(b[0])))
      .map(([k, g]) => {
        const first = g[0] as Entry;
        const person = first.person;
        return {
          key: `${uri}#person:${k}`,
          parentKey,
          type: 'personHere' as const,
          label: nameOf(first),
          description: [person?.role, plural(visibleCount(g), 'mention')].filter(Boolean).join(' · '),
          icon: { id: 'person', color: 'sourceAnnotator.personRuler' },
          contextValue: 'personHere',
          collapsible: 'collapsed' as const,
          id: k,
          tooltip: () => {
            const lines = [`**${escapeMarkdown(nameOf(first))}**`];
            if (person?.role) lines.push(escapeMarkdown(person.role));
            const aliases = person?.aliases.filter((a) => a !== person.name) ?? [];
            if (aliases.length) lines.push(`Also written: ${aliases.map(escapeMarkdown).join(', ')}`);
            lines.push(plural(g.length, 'mention'));
            return lines.join('\n\n');
          },
        };
      });
  };

  return new LazyTree(roots, children);
}

function personKeyOf(e: Entry): string {
  return e.person?.id ?? `text:${e.text.trim().toLowerCase()}`;
}

function nameOf(e: Entry | undefined): string {
  return e?.person?.name ?? e?.text.trim() ?? '';
}

// ---- Sources ----------------------------------------------------------------------------

/** What the index knows about one source of the workspace. */
export interface SourceInfo {
  uri: string;
  /** Workspace-relative path. */
  path: string;
  /** `unread`: there is a sidecar not read yet; `none`: no sidecar; `problem`: unusable sidecar. */
  sidecar: 'unread' | 'none' | 'read' | 'problem';
  reliability?: string;
  note?: string;
  /** Number of the user's annotations in the sidecar. */
  annotations?: number;
  problem?: string;
  /** Detection counts when the source was analysed (open, or in the last workspace analysis). */
  counts?: { quotes: number; people: number; claims: number; boilerplate: number };
}

const NOT_RATED = '\u0000not-rated';
const READING = '\u0000reading';
const UNUSABLE = '\u0000problem';

/**
 * Sources grouped by reliability, most reliable first, then values not on the scale, then
 * "Not rated"; sources whose sidecar is still being read wait in their own group. The first
 * level is a handful of groups whatever the number of sources; a group's sources are sorted
 * only when it is expanded.
 */
export function buildSourcesTree(sources: readonly SourceInfo[], scale: readonly string[]): LazyTree {
  const buckets = new Map<string, SourceInfo[]>();
  for (const s of sources) {
    const k = s.sidecar === 'unread' ? READING : s.sidecar === 'problem' ? UNUSABLE : (s.reliability ?? NOT_RATED);
    const list = buckets.get(k);
    if (list) list.push(s);
    else buckets.set(k, [s]);
  }
  const rank = (k: string): number => {
    const i = scale.indexOf(k);
    if (i >= 0) return i;
    if (k === NOT_RATED) return scale.length + 2;
    if (k === READING) return scale.length + 3;
    if (k === UNUSABLE) return scale.length + 4;
    return scale.length + 1;
  };
  const groupLabel = (k: string): string =>
    k === NOT_RATED ? 'Not rated' : k === READING ? 'Reading annotations…' : k === UNUSABLE ? 'Unusable annotations file' : k;
  const roots = (): TreeNode[] =>
    [...buckets.entries()]
      .sort(([a], [b]) => rank(a) - rank(b) || byText(a, b))
      .map(([k, list]) => {
        const color = reliabilityColor(k, scale);
        return {
          key: `sources:${k}`,
          parentKey: undefined,
          type: 'reliabilityGroup' as const,
          label: groupLabel(k),
          description: plural(list.length, 'source'),
          icon:
            k === NOT_RATED
              ? { id: 'circle-outline' }
              : k === READING
                ? { id: 'loading~spin' }
                : k === UNUSABLE
                  ? { id: 'warning', color: 'list.warningForeground' }
                  : { id: 'shield', ...(color ? { color } : {}) },
          contextValue: 'reliabilityGroup',
          // Expanded while small, so a five-source story shows everything at a glance.
          collapsible: list.length <= 50 ? ('expanded' as const) : ('collapsed' as const),
          id: k,
        };
      });
  const children = (node: TreeNode): TreeNode[] => {
    if (node.type !== 'reliabilityGroup' || node.id === undefined) return [];
    const list = [...(buckets.get(node.id) ?? [])].sort((a, b) => byText(a.path, b.path));
    return list.map((s) => sourceNode(s, node.key, scale));
  };
  return new LazyTree(roots, children);
}

/** Short figures for a source: detections when analysed, else the user's annotations. */
export function sourceCounts(s: SourceInfo): string {
  const parts: string[] = [];
  if (s.counts) {
    parts.push(plural(s.counts.quotes, 'quote'), plural(s.counts.people, 'person', 'people'), plural(s.counts.claims, 'claim'));
  }
  if (s.annotations) parts.push(plural(s.annotations, 'annotation'));
  if (!s.counts) parts.push('not analysed');
  return parts.join(' · ');
}

function sourceNode(s: SourceInfo, parentKey: string, scale: readonly string[]): TreeNode {
  const color = reliabilityColor(s.reliability, scale);
  const folder = folderOf(s.path);
  return {
    key: `source:${s.uri}`,
    parentKey,
    type: 'source',
    label: baseName(s.path),
    // Figures first: the folder is often the same for every source and is cut off first.
    description: [sourceCounts(s), folder].filter(Boolean).join(' · '),
    icon:
      s.sidecar === 'problem'
        ? { id: 'warning', color: 'list.warningForeground' }
        : s.reliability
          ? { id: 'verified-filled', ...(color ? { color } : {}) }
          : { id: 'file-text' },
    contextValue: s.reliability ? 'source-rated' : 'source',
    collapsible: 'none',
    open: { uri: s.uri },
    uri: s.uri,
    tooltip: () => {
      const lines = [`**${escapeMarkdown(s.path)}**`, `Reliability: ${s.reliability ? escapeMarkdown(s.reliability) : 'not rated'}`];
      if (s.note) lines.push(`Note: ${escapeMarkdown(s.note)}`);
      lines.push(escapeMarkdown(sourceCounts(s)));
      if (s.problem) lines.push(`⚠ ${escapeMarkdown(s.problem)}`);
      return lines.join('\n\n');
    },
  };
}

// ---- People -----------------------------------------------------------------------------

/** A quote of one document, with its speaker (as corrected by the user when they did). */
export interface PersonQuote {
  start: number;
  end: number;
  text: string;
  /** Per-document person id of the speaker, when known. */
  personId?: string;
  speaker?: string;
}

export interface PeopleInput {
  people: readonly CorpusPerson[];
  /** Speech quotes per document path. */
  quotesByPath: ReadonlyMap<string, readonly PersonQuote[]>;
  uriByPath: ReadonlyMap<string, string>;
}

const fold = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/**
 * People merged across the corpus (the core merges "Sergei Lavrov" and "Sergey Lavrov"),
 * each with the sources they appear in and, under each source, their quotes there.
 */
export function buildPeopleTree(input: PeopleInput): LazyTree {
  const quotesOf = (p: CorpusPerson, path: string): PersonQuote[] => {
    const ids = new Set(p.documents.filter((d) => d.path === path).map((d) => d.personId));
    const names = new Set(p.aliases.map(fold));
    // By the per-document person id; a speaker the user typed has no id, so by name then.
    return (input.quotesByPath.get(path) ?? []).filter((q) =>
      q.personId !== undefined ? ids.has(q.personId) : q.speaker !== undefined && names.has(fold(q.speaker)),
    );
  };
  const pathsOf = (p: CorpusPerson): string[] => [...new Set(p.documents.map((d) => d.path))];
  const roots = (): TreeNode[] =>
    uniqueKeys(
      input.people.map((p) => {
        const paths = pathsOf(p);
        const quotes = paths.reduce((n, path) => n + quotesOf(p, path).length, 0);
        const mentions = p.documents.reduce((n, d) => n + d.mentions, 0);
        return {
          key: `person:${p.id}`,
          parentKey: undefined,
          type: 'person' as const,
          label: p.name,
          description: [p.role, plural(paths.length, 'source'), quotes ? plural(quotes, 'quote') : undefined].filter(Boolean).join(' · '),
          icon: { id: 'person', color: 'sourceAnnotator.personRuler' },
          contextValue: quotes ? 'person-quoted' : 'person',
          collapsible: 'collapsed' as const,
          id: p.id,
          tooltip: () => {
            const lines = [`**${escapeMarkdown(p.name)}**`];
            if (p.role) lines.push(escapeMarkdown(p.role));
            const aliases = p.aliases.filter((a) => a !== p.name);
            if (aliases.length) lines.push(`Also written: ${aliases.map(escapeMarkdown).join(', ')}`);
            lines.push(`${plural(mentions, 'mention')} in ${plural(paths.length, 'source')}; ${plural(quotes, 'quote')}`);
            return lines.join('\n\n');
          },
        };
      }),
    );
  const children = (node: TreeNode): TreeNode[] => {
    if (node.type === 'person') {
      const p = input.people.find((x) => x.id === node.id);
      if (!p) return [];
      return pathsOf(p)
        .sort(byText)
        .map((path) => {
          const quotes = quotesOf(p, path);
          const mentions = p.documents.filter((d) => d.path === path).reduce((n, d) => n + d.mentions, 0);
          const uri = input.uriByPath.get(path);
          return {
            key: `${node.key}/${path}`,
            parentKey: node.key,
            type: 'personSource' as const,
            label: baseName(path),
            description: [quotes.length ? plural(quotes.length, 'quote') : undefined, plural(mentions, 'mention')].filter(Boolean).join(' · '),
            icon: { id: 'file-text' },
            contextValue: 'personSource',
            collapsible: quotes.length ? ('expanded' as const) : ('none' as const),
            ...(uri ? { open: { uri }, uri } : {}),
            id: p.id,
          };
        });
    }
    if (node.type === 'personSource' && node.parentKey) {
      const p = input.people.find((x) => x.id === node.id);
      const path = node.key.slice(node.parentKey.length + 1);
      if (!p) return [];
      const uri = input.uriByPath.get(path);
      return uniqueKeys(
        quotesOf(p, path).map((q) => ({
          key: `${node.key}/${q.start}-${q.end}`,
          parentKey: node.key,
          type: 'personQuote' as const,
          label: quoted(q.text, 70),
          ...(q.speaker && fold(q.speaker) !== fold(p.name) ? { description: `as ${q.speaker}` } : {}),
          icon: { id: 'quote', color: 'sourceAnnotator.quoteRuler' },
          contextValue: 'personQuote',
          collapsible: 'none' as const,
          ...(uri ? { open: { uri, start: q.start, end: q.end }, uri, start: q.start, end: q.end, kind: 'quote' as const } : {}),
          tooltip: () => `**${escapeMarkdown(p.name)}** in ${escapeMarkdown(path)}\n\n> ${escapeMarkdown(clip(q.text, 600))}`,
        })),
      );
    }
    return [];
  };
  return new LazyTree(roots, children);
}

// ---- Cross-source quotes ------------------------------------------------------------------

/** One occurrence of a statement. */
export interface QuoteVariant {
  path: string;
  start: number;
  end: number;
  text: string;
  speaker?: string;
}

/** The same statement found in several sources. */
export interface QuoteGroup {
  /** Stable key: the reference variant's location. */
  key: string;
  /** The variant the others are compared with (the one most similar to all others). */
  reference: QuoteVariant;
  variants: QuoteVariant[];
  /** Similarity of each variant to the reference (1 for the reference itself), by location key. */
  similarityToReference: Map<string, number>;
  /** Lowest and highest similarity of the matched pairs. */
  min: number;
  max: number;
}

export function locationKey(l: { path: string; start: number; end: number }): string {
  return `${l.path}:${l.start}-${l.end}`;
}

/**
 * Groups pairwise quote matches into statements (connected components). `lookup` gives a
 * location's quote text and speaker; `similarity` scores two texts (the core's
 * `quoteSimilarity`) for pairs the matcher did not report (large groups come as a star).
 */
export function groupQuoteMatches(
  matches: readonly QuoteMatch[],
  lookup: (l: { path: string; start: number; end: number }) => { text: string; speaker?: string } | undefined,
  similarity: (a: string, b: string) => number,
): QuoteGroup[] {
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let r = k;
    while (parent.get(r) !== r) r = parent.get(r) as string;
    let c = k;
    while (c !== r) {
      const next = parent.get(c) as string;
      parent.set(c, r);
      c = next;
    }
    return r;
  };
  const locs = new Map<string, { path: string; start: number; end: number }>();
  const pairSim = new Map<string, number>();
  for (const m of matches) {
    const a = locationKey(m.a);
    const b = locationKey(m.b);
    for (const [k, l] of [
      [a, m.a],
      [b, m.b],
    ] as const) {
      if (!parent.has(k)) {
        parent.set(k, k);
        locs.set(k, l);
      }
    }
    pairSim.set(`${a}|${b}`, m.similarity);
    pairSim.set(`${b}|${a}`, m.similarity);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  }
  const components = new Map<string, string[]>();
  for (const k of parent.keys()) {
    const r = find(k);
    const list = components.get(r);
    if (list) list.push(k);
    else components.set(r, [k]);
  }
  const groups: QuoteGroup[] = [];
  for (const keys of components.values()) {
    const variants: (QuoteVariant & { k: string })[] = [];
    for (const k of keys) {
      const l = locs.get(k) as { path: string; start: number; end: number };
      const found = lookup(l);
      if (!found) continue;
      variants.push({ ...l, text: found.text, ...(found.speaker ? { speaker: found.speaker } : {}), k });
    }
    if (variants.length < 2) continue;
    variants.sort((a, b) => byText(a.path, b.path) || a.start - b.start);
    const sim = (a: QuoteVariant & { k: string }, b: QuoteVariant & { k: string }): number =>
      a.k === b.k ? 1 : (pairSim.get(`${a.k}|${b.k}`) ?? similarity(a.text, b.text));
    // The reference is the variant closest to all others (first by path on a tie), so the
    // side-by-side views compare each wording with the most central one.
    let reference = variants[0] as QuoteVariant & { k: string };
    let best = -1;
    if (variants.length <= 30) {
      for (const v of variants) {
        const total = variants.reduce((n, w) => n + sim(v, w), 0);
        if (total > best + 1e-9) {
          best = total;
          reference = v;
        }
      }
    }
    const similarityToReference = new Map(variants.map((v) => [v.k, sim(reference, v)]));
    const pairs = [...pairSim.entries()].filter(([k]) => keys.includes(k.slice(0, k.indexOf('|')))).map(([, s]) => s);
    groups.push({
      key: reference.k,
      reference: stripK(reference),
      variants: variants.map(stripK),
      similarityToReference,
      min: Math.min(...pairs),
      max: Math.max(...pairs),
    });
  }
  return groups.sort(
    (a, b) =>
      new Set(b.variants.map((v) => v.path)).size - new Set(a.variants.map((v) => v.path)).size ||
      b.max - a.max ||
      byText(a.key, b.key),
  );
}

function stripK(v: QuoteVariant & { k?: string }): QuoteVariant {
  const { k: _k, ...rest } = v;
  return rest;
}

const percent = (x: number): string => `${Math.round(x * 100)}%`;

/** The Cross-source quotes tree: statements (most widely reported first), then their variants. */
export function buildCrossSourceTree(groups: readonly QuoteGroup[], uriByPath: ReadonlyMap<string, string>): LazyTree {
  const roots = (): TreeNode[] =>
    groups.map((g) => {
      const sources = new Set(g.variants.map((v) => v.path)).size;
      const range = g.min === g.max ? percent(g.max) : `${percent(g.min)}–${percent(g.max)}`;
      return {
        key: `quotes:${g.key}`,
        parentKey: undefined,
        type: 'quoteGroup' as const,
        label: quoted(g.reference.text, 70),
        description: [g.reference.speaker, `${plural(sources, 'source')} · ${range} similar`].filter(Boolean).join(' · '),
        icon: { id: g.min >= 0.999 ? 'pass' : 'diff', color: g.min >= 0.999 ? 'sourceAnnotator.reliability1' : 'sourceAnnotator.reliability3' },
        contextValue: 'quoteGroup',
        collapsible: 'collapsed' as const,
        id: g.key,
        tooltip: () =>
          [`**${plural(sources, 'source')}** report this statement (${range} similar):`, ...g.variants.map((v) => `${escapeMarkdown(v.path)}: ${escapeMarkdown(clip(v.text, 300))}`)].join(
            '\n\n',
          ),
      };
    });
  const children = (node: TreeNode): TreeNode[] => {
    const g = groups.find((x) => x.key === node.id);
    if (node.type !== 'quoteGroup' || !g) return [];
    return g.variants.map((v) => {
      const k = locationKey(v);
      const isReference = k === g.key;
      const s = g.similarityToReference.get(k) ?? 0;
      const uri = uriByPath.get(v.path);
      return {
        key: `${node.key}/${k}`,
        parentKey: node.key,
        type: 'variant' as const,
        label: baseName(v.path),
        description: [v.speaker, isReference ? 'reference' : `${percent(s)} similar`, quoted(v.text, 50)].filter(Boolean).join(' · '),
        icon: isReference ? { id: 'pinned' } : { id: s >= 0.999 ? 'pass' : 'diff' },
        contextValue: isReference ? 'variant-reference' : 'variant',
        collapsible: 'none' as const,
        ...(uri ? { uri, start: v.start, end: v.end, kind: 'quote' as const } : {}),
        id: g.key,
        tooltip: () => `${escapeMarkdown(v.path)}${v.speaker ? ` · ${escapeMarkdown(v.speaker)}` : ''}\n\n> ${escapeMarkdown(clip(v.text, 800))}`,
      };
    });
  };
  return new LazyTree(roots, children);
}

/**
 * The text of one variant for a side-by-side diff: a header naming the source and speaker,
 * then the quote broken after clause punctuation so the diff lines up clause by clause.
 */
export function variantDocument(v: QuoteVariant): string {
  const header = `${v.path}${v.speaker ? ` — ${v.speaker}` : ''}`;
  const body = v.text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/([,;:.!?…])\s+/g, '$1\n');
  return `${header}\n\n${body}\n`;
}

/** All variants of a statement in one read-only text, for groups of three or more. */
export function comparisonDocument(g: QuoteGroup): string {
  const lines: string[] = [`The same statement in ${new Set(g.variants.map((v) => v.path)).size} sources`, ''];
  for (const v of g.variants) {
    const k = locationKey(v);
    const s = g.similarityToReference.get(k) ?? 0;
    lines.push(`■ ${v.path}${v.speaker ? ` — ${v.speaker}` : ''} (${k === g.key ? 'reference' : `${percent(s)} similar to the reference`})`);
    lines.push(`  “${v.text.replace(/\s+/g, ' ').trim()}”`, '');
  }
  return lines.join('\n');
}
