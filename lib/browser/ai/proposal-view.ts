import type * as monaco from 'monaco-editor';
import type * as Y from 'yjs';
import { placeHunk, proposalsOf, readProposals, type Hunk, type Proposal } from '../../shared/document/proposals';
import { SPARK_USER } from '../../shared/protocol/awareness';

/** What the view needs from the page: who may act, how to act, and what the server said. */
export interface ProposalViewContext {
  canReview(proposal: Proposal): boolean;
  act(action: 'accept' | 'reject', proposal: string, hunk: string | null): void;
  notice(proposal: string): string | null;
  busy(proposal: string): boolean;
}

/** One pending hunk of the open file as drawn: where, what, and the key that says whether it changed. */
interface DrawnHunk {
  proposal: Proposal;
  hunk: Hunk;
  /** The first hunk of its proposal in this file carries the whole proposal's controls. */
  first: boolean;
  fromLine: number;
  /** Last removed line; fromLine - 1 for a pure insertion. */
  toLine: number;
  stale: boolean;
  key: string;
}

/**
 * Spark's proposals drawn over the open file, the same in every browser: removed lines struck through
 * (decorations) and the proposed lines as a block below them (a view zone) in Spark's colour, headed by
 * who asked, with accept and reject for each hunk and for the whole proposal to those who may. It is
 * redrawn from the document whenever the proposals or the file change; a zone whose hunk did not change
 * is kept, so streaming and typing elsewhere do not make blocks flicker.
 */
export class ProposalView {
  private readonly decorations: monaco.editor.IEditorDecorationsCollection;
  private readonly zones = new Map<string, { zoneId: string; key: string }>();
  private scheduled = false;

  constructor(
    private readonly editor: monaco.editor.IStandaloneCodeEditor,
    private readonly instance: typeof monaco,
    private readonly path: string,
    private readonly text: Y.Text,
    private readonly context: ProposalViewContext,
  ) {
    this.decorations = editor.createDecorationsCollection();
    proposalsOf(this.doc).observeDeep(this.schedule);
    text.observe(this.schedule);
    this.render();
  }

  private get doc(): Y.Doc {
    return this.text.doc!;
  }

  /** Page state the zones show (a refusal, a request in flight) changed. */
  refresh(): void {
    for (const entry of this.zones.values()) entry.key = '';
    this.render();
  }

  dispose(): void {
    proposalsOf(this.doc).unobserveDeep(this.schedule);
    this.text.unobserve(this.schedule);
    this.decorations.clear();
    this.editor.changeViewZones((accessor) => {
      for (const { zoneId } of this.zones.values()) accessor.removeZone(zoneId);
    });
    this.zones.clear();
  }

  // Yjs events fire inside the transaction, before y-monaco has updated the model: draw right after it.
  private readonly schedule = (): void => {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.render();
    });
  };

  private render(): void {
    const model = this.editor.getModel();
    if (!model || model.getValue().length !== this.text.length) return;
    const drawn = this.drawnHunks(model);
    this.decorations.set(
      drawn
        .filter((d) => d.toLine >= d.fromLine)
        .map((d) => ({
          range: new this.instance.Range(d.fromLine, 1, d.toLine, model.getLineMaxColumn(d.toLine)),
          options: { isWholeLine: true, className: d.stale ? 'spark-proposal-removed is-stale' : 'spark-proposal-removed', inlineClassName: 'spark-proposal-removed-text' },
        })),
    );
    const wanted = new Map(drawn.map((d) => [d.hunk.id, d]));
    this.editor.changeViewZones((accessor) => {
      for (const [id, entry] of this.zones) {
        if (wanted.get(id)?.key === entry.key) continue;
        accessor.removeZone(entry.zoneId);
        this.zones.delete(id);
      }
      for (const d of drawn) {
        if (this.zones.has(d.hunk.id)) continue;
        const lines = d.hunk.added === '' ? 0 : d.hunk.added.replace(/\n$/, '').split('\n').length;
        const zoneId = accessor.addZone({ afterLineNumber: Math.max(0, d.toLine), heightInLines: lines + 1, domNode: this.zoneNode(d) });
        this.zones.set(d.hunk.id, { zoneId, key: d.key });
      }
    });
  }

  private drawnHunks(model: monaco.editor.ITextModel): DrawnHunk[] {
    const out: DrawnHunk[] = [];
    for (const proposal of readProposals(this.doc)) {
      let first = true;
      for (const hunk of proposal.hunks) {
        if (hunk.file !== this.path || hunk.kind !== 'replace' || hunk.state !== 'pending') continue;
        const place = placeHunk(this.doc, hunk);
        if (!place) continue;
        const fromLine = model.getPositionAt(place.from).lineNumber;
        const toLine = place.to > place.from ? model.getPositionAt(place.to - 1).lineNumber : fromLine - 1;
        const state = `${proposal.status}|${this.context.canReview(proposal)}|${this.context.busy(proposal.id)}|${this.context.notice(proposal.id) ?? ''}`;
        out.push({ proposal, hunk, first, fromLine, toLine, stale: place.stale, key: `${toLine}|${place.stale}|${first}|${state}|${hunk.added}` });
        first = false;
      }
    }
    return out;
  }

  private zoneNode(d: DrawnHunk): HTMLElement {
    const { proposal, hunk } = d;
    const fontInfo = this.editor.getOption(this.instance.editor.EditorOption.fontInfo);
    const node = element('div', 'spark-proposal-zone');
    node.dataset.testid = 'proposal-hunk';
    node.dataset.proposal = proposal.id;
    node.dataset.hunk = hunk.id;
    node.dataset.stale = String(d.stale);
    node.style.setProperty('--spark-color', SPARK_USER.color);
    node.style.fontFamily = fontInfo.fontFamily;
    node.style.fontSize = `${fontInfo.fontSize}px`;
    node.style.lineHeight = `${fontInfo.lineHeight}px`;

    const header = element('div', 'spark-proposal-header');
    const who = element('span', 'spark-proposal-who');
    who.textContent = `${SPARK_USER.name} proposes · asked by ${proposal.askerName}`;
    who.title = proposal.title;
    header.append(who);
    const status = element('span', 'spark-proposal-status');
    status.textContent = d.stale ? 'edited since: cannot be accepted' : proposal.status === 'streaming' ? 'writing…' : (this.context.notice(proposal.id) ?? '');
    header.append(status);
    if (this.context.canReview(proposal) && proposal.status !== 'streaming') {
      const busy = this.context.busy(proposal.id);
      if (!d.stale) header.append(this.button('Accept', 'proposal-accept', busy, () => this.context.act('accept', proposal.id, hunk.id)));
      header.append(this.button('Reject', 'proposal-reject', busy, () => this.context.act('reject', proposal.id, hunk.id)));
      if (d.first && proposal.hunks.filter((h) => h.state === 'pending').length > 1) {
        header.append(this.button('Accept all', 'proposal-accept-all', busy, () => this.context.act('accept', proposal.id, null)));
        header.append(this.button('Reject all', 'proposal-reject-all', busy, () => this.context.act('reject', proposal.id, null)));
      }
    }
    node.append(header);

    const added = element('div', 'spark-proposal-added');
    added.dataset.testid = 'proposal-added';
    for (const line of hunk.added.replace(/\n$/, '').split('\n')) {
      if (hunk.added === '') break;
      const row = element('div', 'spark-proposal-line');
      row.textContent = line || '\u200b';
      added.append(row);
    }
    node.append(added);
    return node;
  }

  private button(label: string, testId: string, disabled: boolean, onClick: () => void): HTMLButtonElement {
    const button = element('button', 'spark-proposal-button');
    button.type = 'button';
    button.textContent = label;
    button.dataset.testid = testId;
    button.disabled = disabled;
    // Monaco would move the caret to the zone's line on mouse down; the click is ours.
    button.addEventListener('mousedown', (event) => event.stopPropagation());
    button.addEventListener('click', (event) => {
      event.stopPropagation();
      onClick();
    });
    return button;
  }
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  return node;
}
