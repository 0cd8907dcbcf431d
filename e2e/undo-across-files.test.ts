import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { STARTER_FILE } from '../lib/shared/document/doc-model';
import { onePersonInASession, type OnePerson } from './fixtures/one-person';
import type { User } from './helpers/browser';
import { focusEditor, typeAtEnd, waitForEditorValue } from './helpers/monaco';
import { fileTreeItem } from './helpers/session';

/** Opens a file from the tree and waits until Monaco holds it (the files' texts differ here). */
async function openFile(page: Page, path: string): Promise<void> {
  await fileTreeItem(page, path).locator('.file-tree-open').click();
  await page.waitForFunction((p) => {
    const handle = window.sparkpad;
    return handle?.openFile() === p && handle.editorValue() === handle.fileText(p);
  }, path);
}

function fileText(page: Page, path: string): Promise<string | null> {
  return page.evaluate((p) => window.sparkpad?.fileText(p) ?? null, path);
}

describe('undo history per file', () => {
  let person: OnePerson;
  let alice: User;

  beforeAll(async () => {
    person = await onePersonInASession();
    ({ alice } = person);
  });
  afterAll(() => person?.close());

  it('undo after switching to another file and back removes your own last edit in the first file', async () => {
    await waitForEditorValue(alice.page, { equals: STARTER_FILE.content });
    await typeAtEnd(alice.page, '// in main');
    await waitForEditorValue(alice.page, { equals: `${STARTER_FILE.content}// in main` });

    await alice.page.getByTestId('new-file-button').click();
    await alice.page.getByTestId('new-file-input').fill('utils.ts');
    await alice.page.getByTestId('new-file-input').press('Enter');
    await alice.page.waitForFunction(() => window.sparkpad?.openFile() === 'utils.ts');
    await typeAtEnd(alice.page, '// in utils');
    await waitForEditorValue(alice.page, { includes: ['// in utils'] });

    await openFile(alice.page, 'main.ts');
    await focusEditor(alice.page);
    await alice.page.keyboard.press('Control+z');
    await waitForEditorValue(alice.page, { equals: STARTER_FILE.content });
    // The other file's edit is its own history: untouched by undo in this one.
    expect(await fileText(alice.page, 'utils.ts')).toContain('// in utils');
  });

});
