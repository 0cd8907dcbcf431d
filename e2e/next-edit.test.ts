import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twoPeopleInASession, type TwoPeople } from './fixtures/two-people';
import type { User } from './helpers/browser';
import { focusEditor, setTypingAids, waitForEditorValue } from './helpers/monaco';
import { fileTreeItem } from './helpers/session';
import { chooseSetting, closeSettings, openSettings } from './helpers/settings';

/** Two scripts sharing one global function: renaming it in greet.ts leaves the call in hello.ts behind. */
const GREET = 'function greet(name: string): string {\n  return `Hello, ${name}!`;\n}\n';
const HELLO = "// Says hello.\nconsole.log(greet('Ada'));\n";
/** The language service builds its first program in the background: the first hint can take seconds. */
const FIRST_HINT_MS = 30_000;

/** With E2E_SCREENSHOTS=<folder>, what each person sees at the steps that matter, for a look by eye. */
async function shot(user: User, name: string): Promise<void> {
  const folder = process.env.E2E_SCREENSHOTS;
  if (folder) await user.page.screenshot({ path: `${folder}/${name}.png` });
}

async function openFile(user: User, path: string, text: string): Promise<void> {
  await fileTreeItem(user.page, path).click();
  await waitForEditorValue(user.page, { equals: text });
}

describe('next-edit suggestions', () => {
  let people: TwoPeople;
  let alice: User;
  let bob: User;

  beforeAll(async () => {
    people = await twoPeopleInASession({ files: { 'greet.ts': GREET, 'hello.ts': HELLO } });
    ({ alice, bob } = people);
    // Ghost text off for Alice: with it on, Tab takes a suggestion first, as it should.
    await openSettings(alice.page);
    await chooseSetting(alice.page, 'ghost', 'off');
    await closeSettings(alice.page);
    await setTypingAids(alice.page, false);
    await openFile(alice, 'greet.ts', GREET);
    await openFile(bob, 'hello.ts', HELLO);
  }, 120_000);
  afterAll(async () => {
    await people?.close();
  });

  it('after a rename, Tab goes to the call site in the other file and Tab applies it; Bob sees it claimed', async () => {
    const page = alice.page;
    await focusEditor(page);
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 'function '.length; i++) await page.keyboard.press('ArrowRight');
    for (let i = 0; i < 'greet'.length; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.type('welcome');
    await waitForEditorValue(page, { includes: ['function welcome(name'] });

    const hint = page.locator('[data-testid="next-edit-hint"]:not([hidden])');
    await hint.waitFor({ timeout: FIRST_HINT_MS });
    expect(await hint.textContent()).toContain('hello.ts');
    expect(await hint.textContent()).toContain('greet → welcome');
    // Bob, who has hello.ts open, sees the follow-up marked there before anyone takes it.
    await bob.page.locator('.spark-next-edit-mark').first().waitFor();
    await shot(alice, 'next-edit-hint');

    await page.keyboard.press('Tab');
    await page.waitForFunction(() => window.sparkpad?.openFile() === 'hello.ts');
    const preview = page.locator('[data-testid="next-edit-preview"]:not([hidden])');
    await preview.waitFor();
    expect(await page.locator('.spark-next-edit-inserted').textContent()).toBe('welcome');
    // Going there claimed it: Bob sees whose it is, and his Tab does not offer it.
    const claimed = bob.page.locator('.spark-next-edit-claimed');
    await claimed.waitFor();
    expect((await claimed.textContent())?.replace(/\u00a0/g, ' ')).toContain('claimed by Alice');
    await shot(alice, 'next-edit-preview');
    await shot(bob, 'next-edit-claimed');

    await page.keyboard.press('Tab');
    const applied = "// Says hello.\nconsole.log(welcome('Ada'));\n";
    await Promise.all([alice, bob].map((user) => waitForEditorValue(user.page, { equals: applied })));
    // Nothing is left to do: the hint and the marks are gone for both.
    await bob.page.locator('.spark-next-edit-mark').waitFor({ state: 'detached' });
    await page.locator('[data-testid="next-edit-preview"]:not([hidden])').waitFor({ state: 'detached' });
    // Alice's edit: her own undo takes it back.
    await page.keyboard.press('Control+z');
    await Promise.all([alice, bob].map((user) => waitForEditorValue(user.page, { equals: HELLO })));
  });
});
