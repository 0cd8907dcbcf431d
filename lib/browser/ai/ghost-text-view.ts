import type * as monaco from 'monaco-editor';

type Editor = monaco.editor.IStandaloneCodeEditor;

/** Every element of ours that shows ghost text has this class; tools look for `ghost-text` in class names. */
export const GHOST_TEXT_CLASS = 'spark-ghost-text';

/**
 * Draws a suggestion at the cursor the way Monaco's own ghost text looks, without its inline-completions
 * machinery: the first line as injected text right after the cursor (a decoration, so it is in the view
 * the moment the model changes and paints in the same frame as the keystroke), and the lines below, when
 * the cursor ends its line, in a view zone. Mid-line only the first line shows, so what Tab inserts is
 * always what is on screen: `text` is exactly the drawn suggestion.
 */
export class GhostTextView {
  private readonly decorations: monaco.editor.IEditorDecorationsCollection;
  private zoneId: string | null = null;
  private zoneKey = '';
  private drawnKey = '';
  /** The text on screen (or in the next frame), '' when nothing is drawn. */
  text = '';

  constructor(
    private readonly editor: Editor,
    private readonly instance: typeof monaco,
  ) {
    this.decorations = editor.createDecorationsCollection();
  }

  show(position: monaco.IPosition, suggestion: string): void {
    const model = this.editor.getModel();
    if (!model || suggestion === '') return this.clear();
    const atLineEnd = position.column > model.getLineMaxColumn(position.lineNumber) - 1;
    const newline = suggestion.indexOf('\n');
    const text = atLineEnd || newline === -1 ? suggestion : suggestion.slice(0, newline);
    const key = `${position.lineNumber}:${position.column}:${text}`;
    if (key === this.drawnKey) return;
    this.drawnKey = key;
    this.text = text;
    const lines = text.split('\n');
    const { lineNumber, column } = position;
    this.decorations.set(
      lines[0] === ''
        ? []
        : [
            {
              range: new this.instance.Range(lineNumber, column, lineNumber, column),
              options: {
                showIfCollapsed: true,
                after: { content: lines[0]!, inlineClassName: GHOST_TEXT_CLASS, cursorStops: this.instance.editor.InjectedTextCursorStops.Left },
              },
            },
          ],
    );
    this.setZone(lineNumber, lines.slice(1));
  }

  clear(): void {
    if (this.drawnKey === '') return;
    this.drawnKey = '';
    this.text = '';
    this.decorations.clear();
    this.setZone(0, []);
  }

  dispose(): void {
    this.clear();
  }

  /** The suggestion's further lines below the cursor's line; re-created only when they change. */
  private setZone(afterLine: number, lines: string[]): void {
    const key = lines.length === 0 ? '' : `${afterLine}:${lines.join('\n')}`;
    if (key === this.zoneKey) return;
    this.zoneKey = key;
    this.editor.changeViewZones((zones) => {
      if (this.zoneId !== null) zones.removeZone(this.zoneId);
      this.zoneId = null;
      if (lines.length === 0) return;
      const domNode = document.createElement('div');
      domNode.className = `${GHOST_TEXT_CLASS}-lines`;
      const { fontFamily, fontSize, lineHeight } = this.editor.getOption(this.instance.editor.EditorOption.fontInfo);
      Object.assign(domNode.style, { fontFamily, fontSize: `${fontSize}px`, lineHeight: `${lineHeight}px` });
      for (const line of lines) {
        const row = document.createElement('div');
        row.className = GHOST_TEXT_CLASS;
        row.style.height = `${lineHeight}px`;
        row.textContent = line.replace(/ /g, '\u00a0');
        domNode.append(row);
      }
      this.zoneId = zones.addZone({ afterLineNumber: afterLine, heightInLines: lines.length, domNode });
    });
  }
}
