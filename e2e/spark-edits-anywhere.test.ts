import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STARTER_FILE } from '../lib/shared/document/doc-model';
import { startModelSimulator, type ModelSimulator } from '../tools/sim/sim-server';
import { onePersonInASession, type OnePerson } from './fixtures/one-person';
import { waitForEditorValue } from './helpers/monaco';
import { waitForEditState } from './helpers/spark';

/** The model's answer: a change to the open file, a file created, and a block whose SEARCH is not there. */
const ANSWER = [
  'main.ts',
  '```ts',
  '<<<<<<< SEARCH',
  "console.log(greet('world'));",
  '=======',
  "console.log(greet('Sparkpad'));",
  '>>>>>>> REPLACE',
  '```',
  '',
  'main.ts',
  '```ts',
  '<<<<<<< SEARCH',
  'console.log(farewell());',
  '=======',
  'console.log(NEVER_APPLIED);',
  '>>>>>>> REPLACE',
  '```',
  '',
  'hello.ts',
  '```ts',
  '<<<<<<< SEARCH',
  '=======',
  "export const hello = 'hi';",
  '>>>>>>> REPLACE',
  '```',
  '',
].join('\n');

describe('Ask Spark about all files', () => {
  let sim: ModelSimulator;
  let person: OnePerson;

  beforeAll(async () => {
    sim = await startModelSimulator({ behaviour: { response: ANSWER, tokensPerSecond: 200 } });
    const env = { SPARKPAD_FAST_URL: sim.url, SPARKPAD_FAST_FORMAT: 'chat', SPARKPAD_DEEP_URL: sim.url, SPARKPAD_DEEP_FORMAT: 'chat' };
    person = await onePersonInASession({ env, sparkReady: true });
  });
  afterAll(async () => {
    await person?.close();
    await sim?.close();
  });

  it('changes the open file, creates a file, and names the block it could not place', async () => {
    const { page } = person.alice;
    await page.getByTestId('spark-instruction').fill("Greet Sparkpad and add a hello module");
    await page.getByTestId('spark-ask-workspace').click();
    await waitForEditState(page, 'done');
    const text = await waitForEditorValue(page, { includes: ["console.log(greet('Sparkpad'));"] });
    expect(text).not.toContain('NEVER_APPLIED');
    const stale = page.getByTestId('spark-stale-block');
    expect(await stale.count()).toBe(1);
    expect(await stale.getAttribute('data-file')).toBe(STARTER_FILE.path);
    expect(await stale.getAttribute('data-block')).toBe('2');
    expect(await stale.getAttribute('data-reason')).toBe('NOT_FOUND');
    await page.locator('[data-testid="file-tree-item"][data-path="hello.ts"]').waitFor();
    expect(await page.getByTestId('spark-edit-status').textContent()).toContain('2 places changed');
  });
});
