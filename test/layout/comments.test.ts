import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../helpers/import-graph';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const SOURCE_DIRS = ['app', 'components', 'lib', 'server', 'tools', 'scripts', 'bench', 'demo', 'test', 'e2e'];

/**
 * A comment or test name says why the code is as it is. References to how the work was planned
 * (a ticket number, an acceptance point, a numbered item, who wrote what) mean nothing to a reader.
 */
const PLANNING_REFERENCE = /\bissue\s*#?\d+|\bacceptance\s*(point|\d)|\bitem\s+\d+\b|\bthe lead\b|\((reliability|security|scale-out)\s+\d+\)/i;

function planningReferences(root: string, files: string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    fs.readFileSync(path.join(root, file), 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (PLANNING_REFERENCE.test(line)) found.push(`${file}:${index + 1}: ${line.trim()}`);
      });
  }
  return found;
}

describe('comments and test names', () => {
  it('never refer to an issue number, an acceptance point or how the work was divided', () => {
    const self = path.relative(repoRoot, import.meta.filename).split(path.sep).join('/');
    const files = sourceFiles(repoRoot, SOURCE_DIRS).filter((file) => file !== self);
    expect(files.length).toBeGreaterThan(200);
    expect(planningReferences(repoRoot, files)).toEqual([]);
  });

  it('recognises the references it forbids', () => {
    const lines = ["describe('chat (issue 7, acceptance 2)'", '// Scale out (issue 6)', '/* issue #12 */', "// the lead's Room", '(item 3): capacity', "describe('offline (reliability 2)'"];
    for (const line of lines) expect(PLANNING_REFERENCE.test(line), line).toBe(true);
    for (const line of ['// issues a token', 'signer.issue(room, 1)', '// accepts a word', '// the leading slash']) {
      expect(PLANNING_REFERENCE.test(line), line).toBe(false);
    }
  });
});
