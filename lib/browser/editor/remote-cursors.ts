import * as Y from 'yjs';
import type * as monaco from 'monaco-editor';
import type { Peer, RelativePositionJSON } from '../../shared/protocol/awareness';
import { placeLabels, type LabelPlacement } from './label-rows';
import { peerSelectionClass } from './peer-styles';

/**
 * Draws other people's carets and selections in the open file, each in the person's colour and with
 * their name (y-monaco draws neither labels nor per-file cursors). Selections are decorations; each
 * caret is a content widget so its name label is real DOM text that moves with the caret. Labels sit
 * off the caret's line and off each other (label-rows.ts), and fade while this person types.
 *
 * Labels are placed from where Monaco last drew each caret (afterRender), once its render is done: asking
 * Monaco where a position is would make it render the view there and then, inside the keystroke that
 * moved the text, and a typed key would pay for two renders.
 */
export class RemoteCursors {
  private readonly decorations: monaco.editor.IEditorDecorationsCollection;
  private readonly widgets = new Map<number, CaretWidget>();
  private readonly typing: TypingFade;
  private placing = false;

  constructor(
    private readonly editor: monaco.editor.IStandaloneCodeEditor,
    private readonly instance: typeof monaco,
    private readonly path: string,
    private readonly text: Y.Text,
  ) {
    this.decorations = editor.createDecorationsCollection();
    this.typing = new TypingFade(editor);
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

  /** Once per render of the carets: every caret of the render has reported where it was drawn by then. */
  private readonly rendered = (): void => {
    if (this.placing) return;
    this.placing = true;
    queueMicrotask(() => {
      this.placing = false;
      this.placeLabels();
    });
  };

  private placeLabels(): void {
    const boxes = [...this.widgets.entries()].flatMap(([id, widget]) => {
      const box = widget.labelBox();
      return box ? [{ id, ...box }] : [];
    });
    const placements = placeLabels(boxes);
    for (const [id, widget] of this.widgets) widget.place(placements.get(id) ?? { row: 0, below: false });
  }

  dispose(): void {
    this.typing.dispose();
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
      widget = new CaretWidget(peer.clientId, this.instance, () => this.editor.layoutContentWidget(widget!), this.rendered);
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
  /** Where Monaco last drew the caret, in pixels from the content's left; null while it is off screen. */
  private drawnLeft: number | null = null;
  private labelWidth: { name: string; px: number } | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly clientId: number,
    private readonly instance: typeof monaco,
    private readonly relayout: () => void,
    private readonly rendered: () => void,
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
    if (this.label.textContent !== peer.user.name) this.label.textContent = peer.user.name;
    const moved = this.position?.lineNumber !== position.lineNumber || this.position?.column !== position.column;
    if (moved) this.wake();
    this.position = position;
    this.relayout();
  }

  dispose(): void {
    clearTimeout(this.idleTimer);
  }

  /** The label's horizontal extent at the caret as last drawn, in editor pixels; null while off screen. */
  labelBox(): { lineNumber: number; left: number; width: number } | null {
    if (!this.position || this.drawnLeft === null) return null;
    return { lineNumber: this.position.lineNumber, left: this.drawnLeft, width: this.width() };
  }

  afterRender(_preference: monaco.editor.ContentWidgetPositionPreference | null, coordinate: monaco.editor.IContentWidgetRenderedCoordinate | null): void {
    this.drawnLeft = coordinate?.left ?? null;
    this.rendered();
  }

  /** Measured once per name: reading a width makes the browser lay the page out at that moment. */
  private width(): number {
    const name = this.label.textContent ?? '';
    if (this.labelWidth?.name === name) return this.labelWidth.px;
    const px = this.label.offsetWidth;
    // Before its first layout a label has no width yet: estimate from the name (11 px bold text).
    if (px === 0) return name.length * 7 + 16;
    this.labelWidth = { name, px };
    return px;
  }

  /** On the first line there is no room above the caret: the label hangs below it instead. */
  place({ row, below }: LabelPlacement): void {
    this.node.classList.toggle('sp-remote-cursor--below', below);
    this.node.style.setProperty('--sp-label-row', String(row));
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

/** How long after this person's last key other people's labels stay faded. */
const TYPING_FADE_MS = 1200;

/** Marks the editor while its person types, so labels near their caret step back (app/globals.css). */
class TypingFade {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscription: monaco.IDisposable;

  constructor(private readonly editor: monaco.editor.IStandaloneCodeEditor) {
    // Keys, not content changes: a peer's edits change the model too, and must not fade anything.
    this.subscription = editor.onKeyDown(() => {
      const node = this.editor.getDomNode();
      if (!node) return;
      node.classList.add('sp-typing');
      clearTimeout(this.timer);
      this.timer = setTimeout(() => node.classList.remove('sp-typing'), TYPING_FADE_MS);
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.subscription.dispose();
    this.editor.getDomNode()?.classList.remove('sp-typing');
  }
}
