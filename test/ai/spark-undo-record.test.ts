import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EditRecorder, type SparkEditRecord } from '../../server/ai/spark/edit-record';
import { SpanWriter } from '../../server/ai/spark/span-writer';
import { followMoved, undoSparkEdit } from '../../server/ai/spark/undo-edit';

const SOURCE = 'function add(a, b) {\n  return a + b;\n}\n';
const LINE_2 = { from: SOURCE.indexOf('  return'), to: SOURCE.indexOf('\n}') };

function docWith(content: string): { doc: Y.Doc; text: Y.Text } {
  const doc = new Y.Doc();
  const text = new Y.Text(content);
  doc.getMap<Y.Text>('files').set('add.ts', text);
  return { doc, text };
}

/** A second instance: it has only ever seen the first one's updates, so deleted text is collected there. */
function replica(source: Y.Doc): { doc: Y.Doc; text: () => string } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
  source.on('update', (update: Uint8Array) => Y.applyUpdate(doc, update));
  return { doc, text: () => doc.getMap<Y.Text>('files').get('add.ts')!.toString() };
}

/** Spark rewriting a span in chunks, as an edit does, recorded for undo. */
function sparkEdit(doc: Y.Doc, text: Y.Text, from: number, to: number, chunks: string[]): SparkEditRecord {
  const recorder = new EditRecorder(doc, 'add.ts', 'ana');
  const writer = new SpanWriter(text, from, to, recorder.origin, () => undefined);
  let written = '';
  for (const chunk of chunks) writer.update((written += chunk), false);
  writer.update(written, true);
  writer.dispose();
  return recorder.finish()!;
}

const undoOrigin = { spark: true, requester: 'ana' } as const;

describe('a recorded Spark edit, undone on any instance', () => {
  it('puts back the text Spark replaced on an instance that never held it', () => {
    const { doc, text } = docWith(SOURCE);
    const other = replica(doc);
    const record = sparkEdit(doc, text, LINE_2.from, LINE_2.to, ['  const sum', ' = a + b;\n', '  return sum;']);
    expect(other.text()).toContain('return sum;');
    // The record travels as JSON, as it does through Redis.
    const travelled = JSON.parse(JSON.stringify(record)) as SparkEditRecord;
    expect(undoSparkEdit(other.doc, travelled, undoOrigin).changed).toBe(true);
    expect(other.text()).toBe(SOURCE);
  });

  it("keeps a person's typing made after the edit, before and after the span", () => {
    const { doc, text } = docWith(SOURCE);
    const other = replica(doc);
    const record = sparkEdit(doc, text, LINE_2.from, LINE_2.to, ['  return (a + b);']);
    doc.transact(() => {
      text.insert(0, '// header\n');
      text.insert(text.length, '// end\n');
    }, 'person');
    expect(undoSparkEdit(other.doc, record, undoOrigin).changed).toBe(true);
    expect(other.text()).toBe(`// header\n${SOURCE}// end\n`);
  });

  it('undoes two edits of the same span one after the other, back to the start', () => {
    const { doc, text } = docWith(SOURCE);
    const other = replica(doc);
    const first = sparkEdit(doc, text, LINE_2.from, LINE_2.to, ['  return a + b; // first']);
    const afterFirst = text.toString();
    const second = sparkEdit(doc, text, LINE_2.from, LINE_2.from + '  return a + b; // first'.length, ['  return b + a; // second']);
    const undoneSecond = undoSparkEdit(other.doc, second, undoOrigin);
    expect(other.text()).toBe(afterFirst);
    // The first edit's text came back under new ids: its record must follow them.
    expect(undoSparkEdit(other.doc, followMoved(first, undoneSecond.moved), undoOrigin).changed).toBe(true);
    expect(other.text()).toBe(SOURCE);
  });

  it('changes nothing when people already removed everything the edit did', () => {
    const { doc, text } = docWith(SOURCE);
    const record = sparkEdit(doc, text, SOURCE.length, SOURCE.length, ['// added\n']);
    doc.transact(() => text.delete(SOURCE.length, '// added\n'.length), 'person');
    expect(undoSparkEdit(doc, record, undoOrigin).changed).toBe(false);
    expect(text.toString()).toBe(SOURCE);
  });
});
