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
const PLANNING_REFERENCE =
  /\bissue\s*#?\d+|\bacceptance\s*(point|criteri|\d)|\bitem\s+\d+\b|\bthe lead\b|\((reliability|security|scale[- ]out)\s+\d+(\s*(,|and)\s*\d+)*\)/i;

/**
 * A test name is the promise a test keeps: a numbered label in it ("(scale out 5)", "(reliability 7 and 9)",
 * "#12") points at a plan instead. Bare numbers in parentheses stay allowed: "(401)" is what the test is about.
 */
const NUMBERED_LABEL = /\([a-z][a-z -]*\s#?\d+(\s*(,|and|&)\s*\d+)*\)|#\d+\b|\bacceptance\b/i;

/** The names given to describe, it and test (also .each, .skip, .only, .todo, .concurrent). */
const TEST_NAME = /\b(?:describe|it|test)(?:\.(?:each\([^)]*\)|skip|only|todo|concurrent|sequential))*\(\s*(['"`])((?:(?!\1)[^\\\n]|\\.)*)\1/g;

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

function testNames(text: string): string[] {
  return [...text.matchAll(TEST_NAME)].map((match) => match[2]!);
}

function numberedTestNames(root: string, files: string[]): string[] {
  return files.flatMap((file) =>
    testNames(fs.readFileSync(path.join(root, file), 'utf8'))
      .filter((name) => NUMBERED_LABEL.test(name))
      .map((name) => `${file}: ${name}`),
  );
}

describe('comments and test names', () => {
  const self = path.relative(repoRoot, import.meta.filename).split(path.sep).join('/');
  const files = sourceFiles(repoRoot, SOURCE_DIRS).filter((file) => file !== self);

  it('never refer to an issue number, an acceptance point or how the work was divided', () => {
    expect(files.length).toBeGreaterThan(200);
    expect(planningReferences(repoRoot, files)).toEqual([]);
  });

  it('test names say their promise, with no numbered label pointing at a plan', () => {
    const testFiles = files.filter((file) => file.endsWith('.test.ts'));
    expect(testFiles.flatMap((file) => testNames(fs.readFileSync(path.join(repoRoot, file), 'utf8'))).length).toBeGreaterThan(300);
    expect(numberedTestNames(repoRoot, testFiles)).toEqual([]);
  });

  it('recognises the references it forbids', () => {
    const lines = ["describe('chat (issue 7, acceptance 2)'", '// Scale out (issue 6)', '/* issue #12 */', "// the lead's Room", '(item 3): capacity', "describe('offline (reliability 2)'", '// (scale out 5)', '// (reliability 7 and 9)'];
    for (const line of lines) expect(PLANNING_REFERENCE.test(line), line).toBe(true);
    for (const line of ['// issues a token', 'signer.issue(room, 1)', '// accepts a word', '// the leading slash']) {
      expect(PLANNING_REFERENCE.test(line), line).toBe(false);
    }
  });

  it('recognises numbered labels in test names, and leaves status codes and plain words alone', () => {
    const named = testNames(
      ["describe('two browsers (scale out 5)', () => {", "it(`what reaches the browser (reliability 7 and 9)`, async () => {", "it.each([[1]])('keeps it #12', () => {", "test('meets acceptance', () => {"].join('\n'),
    );
    expect(named).toEqual(['two browsers (scale out 5)', 'what reaches the browser (reliability 7 and 9)', 'keeps it #12', 'meets acceptance']);
    for (const name of named) expect(NUMBERED_LABEL.test(name), name).toBe(true);
    for (const name of ['names the tier when the key is refused (401)', 'survives 10000 messages', 'hangs the label below the caret on line 1', 'the room chat (Spark side)']) {
      expect(NUMBERED_LABEL.test(name), name).toBe(false);
    }
  });
});
