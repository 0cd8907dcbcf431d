import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twoPeopleInASession, type TwoPeople } from './fixtures/two-people';
import type { User } from './helpers/browser';
import { waitForEditorValue } from './helpers/monaco';
import { fileTreeItem } from './helpers/session';
import { selectLines, sparkCursor, waitForEditState } from './helpers/spark';

/** Alice's file: an unused import to organize away, and a function to document. */
const CODE =
  "import { readFile } from 'node:fs';\nimport { basename } from 'node:path';\n\n" +
  'export function greet(name: string): string {\n  return `Hello, ${basename(name)}!`;\n}\n';
const DOCUMENTED = '/**\n * \n * @param name\n */\nexport function greet(name: string): string {';
const ORGANIZED = "import { basename } from 'node:path';\n\nexport function greet(";

/** Ctrl+K on the selection, then one of the language service's actions from the Ask Spark panel. */
async function chooseAction(page: User['page'], title: string): Promise<void> {
  await page.keyboard.press('Control+k');
  const actions = page.locator('[data-testid="spark-code-actions"][data-state="ready"]');
  await actions.getByRole('button', { name: title }).click();
}

async function undoSparkEdit(page: User['page']): Promise<void> {
  await page.getByTestId('spark-undo').click();
  await page.locator('[data-testid="spark-undo-status"][data-state="undone"]').waitFor();
}

describe('language-service actions with no key', () => {
  let people: TwoPeople;
  let alice: User;
  let bob: User;

  beforeAll(async () => {
    // No tier URL: the embedded engine is all there is.
    people = await twoPeopleInASession({ files: { 'greet.ts': CODE } });
    ({ alice, bob } = people);
    for (const user of [alice, bob]) {
      await fileTreeItem(user.page, 'greet.ts').click();
      await waitForEditorValue(user.page, { equals: CODE });
    }
  });
  afterAll(async () => {
    await people?.close();
  });

  it('Add JSDoc on a selected function lands as Spark’s edit for both, and undoes in one step', async () => {
    await selectLines(alice.page, 4, 6);
    await chooseAction(alice.page, 'Add JSDoc');
    // Spark types it: Bob sees its labelled cursor, as for any Spark edit.
    await sparkCursor(bob.page).waitFor({ state: 'visible' });
    await waitForEditState(alice.page, 'done');
    expect(await alice.page.getByTestId('spark-edit-status').textContent()).toContain('“Add JSDoc”');
    await Promise.all([alice, bob].map((user) => waitForEditorValue(user.page, { includes: [DOCUMENTED] })));
    await undoSparkEdit(alice.page);
    await Promise.all([alice, bob].map((user) => waitForEditorValue(user.page, { equals: CODE })));
  });

  it('Organize imports drops the unused import for both, and undoes in one step', async () => {
    await selectLines(alice.page, 4, 6);
    await chooseAction(alice.page, 'Organize imports');
    await waitForEditState(alice.page, 'done');
    await Promise.all([alice, bob].map((user) => waitForEditorValue(user.page, { includes: [ORGANIZED], excludes: ['readFile'] })));
    await undoSparkEdit(alice.page);
    await Promise.all([alice, bob].map((user) => waitForEditorValue(user.page, { equals: CODE })));
  });
});
