import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getFile, listFiles } from '../../lib/shared/document/doc-model';
import { readRuns, runsOf, type RunRecord } from '../../lib/shared/document/run-log';

const RUN = {
  id: 'r1', by: 'Ada', color: '#22c55e', file: 'main.ts', startedAt: 1, durationMs: 2, status: 'ok',
  output: [{ level: 'log', text: 'hi' }], truncated: false,
} satisfies RunRecord;

describe('readers in the browser never trust an entry', () => {
  it('lists only files that hold text', () => {
    const doc = new Y.Doc();
    const files = doc.getMap<unknown>('files');
    files.set('good.ts', new Y.Text('ok'));
    files.set('bad.ts', 'a string');
    files.set('worse.ts', new Y.Map());
    expect(listFiles(doc)).toEqual(['good.ts']);
    expect(getFile(doc, 'bad.ts')).toBeUndefined();
    expect(getFile(doc, 'good.ts')?.toString()).toBe('ok');
  });

  it('skips runs that do not match the run schema', () => {
    const doc = new Y.Doc();
    runsOf(doc).push([RUN, { ...RUN, id: 'r2', output: 'not an array' }, 42, null]);
    expect(readRuns(doc).map((run) => run.id)).toEqual(['r1']);
  });
});
