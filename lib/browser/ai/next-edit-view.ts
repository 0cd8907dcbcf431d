import type * as monaco from 'monaco-editor';
import type { FollowUp } from '../../shared/protocol/next-edit';

type Editor = monaco.editor.IStandaloneCodeEditor;

/**
 * How next-edit follow-ups look in one editor, kept apart from ghost text (no `ghost-text` in any class
 * name): a pill at the end of the cursor's line says where Tab goes; at the follow-up itself the text it
 * replaces is struck and the new text shown in Spark's accent, with a pill saying Tab applies it; every
 * other follow-up in the file is underlined, with the name of whoever claimed it.
 */
export class NextEditView {
  private readonly decorations: monaco.editor.IEditorDecorationsCollection;
  private readonly pill: HTMLElement;
  private pillAt: monaco.IPosition | null = null;
  private readonly widget: monaco.editor.IContentWidget;
  private key = '';

  constructor(
    private readonly editor: Editor,
    private readonly instance: typeof monaco,
  ) {
    this.decorations = editor.createDecorationsCollection();
    this.pill = document.createElement('div');
    this.pill.className = 'spark-next-edit-pill';
    this.widget = {
      getId: () => 'spark.nextEdit.pill',
      getDomNode: () => this.pill,
      getPosition: () => (this.pillAt ? { position: this.pillAt, preference: [instance.editor.ContentWidgetPositionPreference.EXACT] } : null),
    };
    editor.addContentWidget(this.widget);
  }

  /**
   * Draws the follow-ups of this file; `next` is what Tab does now: `go` to a follow-up (the pill sits at
   * the cursor's line) or `apply` one here (drawn as the change it makes).
   */
  draw(followUps: readonly FollowUp[], next: { action: 'go' | 'apply'; followUp: FollowUp } | null, me: string): void {
    const model = this.editor.getModel();
    const cursor = this.editor.getPosition();
    if (!model) return this.clear();
    const key = JSON.stringify([followUps, next, cursor?.lineNumber]);
    if (key === this.key) return;
    this.key = key;
    const { Range } = this.instance;
    const range = (from: number, to: number) => Range.fromPositions(model.getPositionAt(from), model.getPositionAt(to));
    const decorations: monaco.editor.IModelDeltaDecoration[] = [];
    for (const f of followUps) {
      if (next?.action === 'apply' && next.followUp.id === f.id) continue;
      const claimed = f.claimedBy && f.claimedBy.userId !== me ? f.claimedBy.name : null;
      decorations.push({
        range: range(f.from, f.to),
        options: {
          inlineClassName: 'spark-next-edit-mark',
          hoverMessage: { value: `Spark: ${f.title}${claimed ? ` (claimed by ${claimed})` : ''}` },
          ...(claimed ? { after: { content: ` claimed by ${claimed}`, inlineClassName: 'spark-next-edit-claimed' } } : {}),
        },
      });
    }
    if (next?.action === 'apply') {
      const { followUp: f } = next;
      const { keep, removed, inserted } = smallestChange(f.before, f.after);
      const at = f.from + keep;
      if (removed > 0) decorations.push({ range: range(at, at + removed), options: { inlineClassName: 'spark-next-edit-removed' } });
      if (inserted) {
        decorations.push({
          range: range(at + removed, at + removed),
          options: { showIfCollapsed: true, after: { content: inserted, inlineClassName: 'spark-next-edit-inserted' } },
        });
      }
      // At the end of the line, so it never covers the new text drawn after the span.
      const line = model.getPositionAt(f.to).lineNumber;
      this.showPill({ lineNumber: line, column: model.getLineMaxColumn(line) }, 'apply', `Tab to apply · ${f.title}`, f);
    } else if (next && cursor) {
      const where = next.followUp.file === model.uri.path.slice(1) ? `line ${model.getPositionAt(next.followUp.from).lineNumber}` : next.followUp.file;
      this.showPill({ lineNumber: cursor.lineNumber, column: model.getLineMaxColumn(cursor.lineNumber) }, 'go', `Tab → next edit in ${where} · ${next.followUp.title}`, next.followUp);
    } else {
      this.showPill(null, 'go', '', null);
    }
    this.decorations.set(decorations);
  }

  clear(): void {
    this.key = '';
    this.decorations.clear();
    this.showPill(null, 'go', '', null);
  }

  dispose(): void {
    this.clear();
    this.editor.removeContentWidget(this.widget);
  }

  private showPill(at: monaco.IPosition | null, action: 'go' | 'apply', text: string, followUp: FollowUp | null): void {
    this.pillAt = at;
    this.pill.textContent = text;
    this.pill.dataset.testid = action === 'go' ? 'next-edit-hint' : 'next-edit-preview';
    this.pill.dataset.file = followUp?.file ?? '';
    this.pill.hidden = at === null;
    this.editor.layoutContentWidget(this.widget);
  }
}

/** The part of `before` a change replaces: characters kept at the start, removed after them, and what goes in. */
export function smallestChange(before: string, after: string): { keep: number; removed: number; inserted: string } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { keep: start, removed: before.length - start - end, inserted: after.slice(start, after.length - end) };
}
