/**
 * One `TreeDataProvider` for every sidebar view: it renders the pure `LazyTree` model
 * (src/core/present/treeModel.ts) and owns the refresh policy: the model is rebuilt lazily
 * after a change, and the view is told to refresh only while it is visible (a hidden view
 * catches up when it is shown again). Item ids are the model's stable keys, so VS Code keeps
 * expansion and selection across refreshes.
 */
import * as vscode from 'vscode';
import { pageOf, TREE_PAGE_SIZE, type LazyTree, type TreeNode } from '../../core/present/treeModel';

/** The command a "Show more…" node runs (registered once in registerTreeViews.ts). */
export const SHOW_MORE_COMMAND = 'sourceAnnotator.tree.showMore';

/** Milliseconds to coalesce bursts of store events (typing, a batch of sidecar reads). */
const REFRESH_DELAY = 150;

export class ModelTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined | void>();
  readonly onDidChangeTreeData: vscode.Event<TreeNode | undefined | void> = this.emitter.event;
  private model: LazyTree | undefined;
  private view: vscode.TreeView<TreeNode> | undefined;
  private dirtyWhileHidden = false;
  /** Counts invalidations, so a build that raced with one is not kept. */
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  /** How often the model was rebuilt and the view told to refresh (read by tests). */
  readonly stats = { builds: 0, refreshes: 0 };
  /** Children listed per parent key, when more than a page (kept across rebuilds). */
  private readonly shown = new Map<string, number>();

  constructor(
    /** Names the view in "Show more…" nodes (see `pageOf`). */
    readonly name: string,
    private readonly build: () => LazyTree | Promise<LazyTree>,
    private readonly commandFor: (node: TreeNode) => vscode.Command | undefined,
  ) {}

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }

  /** Connects the view whose visibility gates refreshes. */
  attach(view: vscode.TreeView<TreeNode>, onShown?: () => void): void {
    this.view = view;
    this.disposables.push(
      view.onDidChangeVisibility((e) => {
        if (!e.visible) return;
        onShown?.();
        if (this.dirtyWhileHidden) {
          this.dirtyWhileHidden = false;
          this.fire();
        }
      }),
    );
  }

  /** The data changed: rebuild on next read; refresh the view now if it is visible. */
  invalidate(): void {
    this.generation++;
    this.model = undefined;
    if (this.view && !this.view.visible) {
      this.dirtyWhileHidden = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // Hidden meanwhile: catch up when shown again instead.
      if (this.view && !this.view.visible) this.dirtyWhileHidden = true;
      else this.fire();
    }, REFRESH_DELAY);
  }

  /** The current model (built if stale). */
  async current(): Promise<LazyTree> {
    if (this.model) return this.model;
    const generation = this.generation;
    const built = await this.build();
    this.stats.builds++;
    // A change that arrived while building (even a synchronous build resumes a microtask
    // later) makes this model stale: use it for this answer only, never cache it.
    if (generation === this.generation) this.model = built;
    return built;
  }

  async getChildren(element?: TreeNode): Promise<TreeNode[]> {
    const model = await this.current();
    if (!element) return [...model.roots()];
    // The element may come from a model built before the last change: look it up by key.
    const fresh = model.node(element.key) ?? element;
    return pageOf(fresh, model.page(fresh, this.shown.get(fresh.key) ?? TREE_PAGE_SIZE), model.childCount(fresh), this.name);
  }

  /** A "Show more…" node was clicked: its parent lists another page. */
  async showMore(more: TreeNode): Promise<void> {
    if (more.type !== 'more' || more.parentKey === undefined) return;
    this.shown.set(more.parentKey, (this.shown.get(more.parentKey) ?? TREE_PAGE_SIZE) + TREE_PAGE_SIZE);
    const parent = (await this.current()).node(more.parentKey);
    this.stats.refreshes++;
    this.emitter.fire(parent);
  }

  /** Before `reveal`: lists enough pages of each level for `node` to be among the children. */
  async pageIn(node: TreeNode): Promise<void> {
    const model = await this.current();
    for (let child = node, parent = model.parent(node); parent; child = parent, parent = model.parent(parent)) {
      const index = model.childIndex(parent, child.key);
      const shown = this.shown.get(parent.key) ?? TREE_PAGE_SIZE;
      if (index < shown) continue;
      this.shown.set(parent.key, Math.ceil((index + 1) / TREE_PAGE_SIZE) * TREE_PAGE_SIZE);
      this.stats.refreshes++;
      this.emitter.fire(parent);
    }
  }

  async getParent(element: TreeNode): Promise<TreeNode | undefined> {
    return (await this.current()).parent(element);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const state =
      node.collapsible === 'none'
        ? vscode.TreeItemCollapsibleState.None
        : node.collapsible === 'expanded'
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(node.label, state);
    item.id = node.key;
    if (node.description) item.description = node.description;
    if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon.id, node.icon.color ? new vscode.ThemeColor(node.icon.color) : undefined);
    item.contextValue = node.contextValue;
    const command = node.type === 'more' ? { command: SHOW_MORE_COMMAND, title: node.label, arguments: [node] } : this.commandFor(node);
    if (command) item.command = command;
    return item;
  }

  /** Tooltips are built only when hovered; user text in them is escaped, and the Markdown is untrusted. */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node.tooltip) {
      const md = new vscode.MarkdownString(node.tooltip());
      md.isTrusted = false;
      md.supportHtml = false;
      item.tooltip = md;
    }
    return item;
  }

  private fire(): void {
    this.stats.refreshes++;
    this.emitter.fire();
  }
}
