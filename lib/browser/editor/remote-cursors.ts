import * as Y from 'yjs';
import type * as monaco from 'monaco-editor';
import type { Peer, RelativePositionJSON } from '../../shared/protocol/awareness';
import { peerSelectionClass } from './peer-styles';

/**
 * Draws other people's carets and selections in the open file, each in the person's colour and with
 * their name (y-monaco draws neither labels nor per-file cursors). Selections are decorations; each
 * caret is a content widget so its name label is real DOM text that moves with the caret.
 */
export class RemoteCursors {
  private readonly decorations: monaco.editor.IEditorDecorationsCollection;
  private readonly widgets = new Map<number, CaretWidget>();

  constructor(
    private readonly editor: monaco.editor.IStandaloneCodeEditor,
    private readonly instance: typeof monaco,
    private readonly path: string,
    private readonly text: Y.Text,
  ) {
    this.decorations = editor.createDecorationsCollection();
  }

  render(peers: readonly Peer[]): void {
    const model = this.editor.getModel();
    const doc = this.text.doc;
    if (!model || !doc) return;
    const lineHeight = this.editor.getOption(this.instance.editor.EditorOption.lineHeight);
    const selections: monaco.editor.IModelDeltaDecoration[] = [];
    const seen = new Set<number>();
    for (const peer of peers) {
      if (peer.isLocal || peer.file !== this.path || !peer.selection) continue;
      const anchor = this.toIndex(peer.selection.anchor, doc);
      const head = this.toIndex(peer.selection.head, doc);
      if (anchor === null || head === null) continue;
      seen.add(peer.clientId);
      const headPosition = model.getPositionAt(head);
      if (anchor !== head) {
        const [from, to] = [model.getPositionAt(Math.min(anchor, head)), model.getPositionAt(Math.max(anchor, head))];
        selections.push({
          range: new this.instance.Range(from.lineNumber, from.column, to.lineNumber, to.column),
          options: { className: peerSelectionClass(peer), stickiness: 1 /* NeverGrowsWhenTypingAtEdges */ },
        });
      }
      this.widgetFor(peer).update(peer, headPosition, lineHeight);
    }
    this.decorations.set(selections);
    for (const [clientId, widget] of this.widgets) {
      if (seen.has(clientId)) continue;
      widget.dispose();
      this.editor.removeContentWidget(widget);
      this.widgets.delete(clientId);
    }
  }

  dispose(): void {
    this.decorations.clear();
    for (const widget of this.widgets.values()) {
      widget.dispose();
      this.editor.removeContentWidget(widget);
    }
    this.widgets.clear();
  }

  /** An index into this file's text, or null when the position belongs to another text or a deleted one. */
  private toIndex(json: RelativePositionJSON, doc: Y.Doc): number | null {
    const absolute = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(json), doc);
    return absolute && absolute.type === this.text ? absolute.index : null;
  }

  private widgetFor(peer: Peer): CaretWidget {
    let widget = this.widgets.get(peer.clientId);
    if (!widget) {
      widget = new CaretWidget(peer.clientId, this.instance, () => this.editor.layoutContentWidget(widget!));
      this.widgets.set(peer.clientId, widget);
      this.editor.addContentWidget(widget);
    }
    return widget;
  }
}

/** How long a caret stays still before it counts as idle. */
const LABEL_IDLE_MS = 3000;

class CaretWidget implements monaco.editor.IContentWidget {
  readonly allowEditorOverflow = false;
  readonly suppressMouseDown = true;
  private readonly node = document.createElement('div');
  private readonly label = document.createElement('div');
  private position: monaco.IPosition | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly clientId: number,
    private readonly instance: typeof monaco,
    private readonly relayout: () => void,
  ) {
    this.node.className = 'sp-remote-cursor';
    this.node.dataset.testid = 'remote-cursor';
    this.label.className = 'sp-remote-cursor-label';
    this.label.dataset.testid = 'remote-cursor-label';
    const caret = document.createElement('div');
    caret.className = 'sp-remote-caret';
    this.node.append(caret, this.label);
  }

  update(peer: Peer, position: monaco.IPosition, lineHeight: number): void {
    this.node.style.setProperty('--peer-color', peer.user.color);
    this.node.style.setProperty('--sp-line-height', `${lineHeight}px`);
    this.node.dataset.peerKind = peer.user.kind;
    // On the first line there is no room above the caret: the label hangs below it instead.
    this.node.classList.toggle('sp-remote-cursor--below', position.lineNumber === 1);
    if (this.label.textContent !== peer.user.name) this.label.textContent = peer.user.name;
    const moved = this.position?.lineNumber !== position.lineNumber || this.position?.column !== position.column;
    if (moved) this.wake();
    this.position = position;
    this.relayout();
  }

  dispose(): void {
    clearTimeout(this.idleTimer);
  }

  /**
   * A caret that has not moved for a while is marked idle; CSS may fade its label so a cursor left
   * somewhere (Spark's, once an edit is done) does not cover the line above for good.
   */
  private wake(): void {
    this.node.classList.remove('sp-remote-cursor--idle');
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.node.classList.add('sp-remote-cursor--idle'), LABEL_IDLE_MS);
  }

  getId(): string {
    return `sparkpad.remote-cursor.${this.clientId}`;
  }

  getDomNode(): HTMLElement {
    return this.node;
  }

  getPosition(): monaco.editor.IContentWidgetPosition {
    return { position: this.position ?? { lineNumber: 1, column: 1 }, preference: [this.instance.editor.ContentWidgetPositionPreference.EXACT] };
  }
}
