import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { startCluster, type Cluster } from '../test/helpers/cluster';
import { startFailoverProxy, type FailoverProxy } from '../test/helpers/tcp-proxy';
import { startModelSimulator, type ModelSimulator } from '../tools/sim/sim-server';
import { launchBrowser, newUser, type User } from './helpers/browser';
import { focusEditor, typeAtEnd, waitForEditorValue } from './helpers/monaco';
import { createSession, openSession, setName, type CreatedSession } from './helpers/session';
import { askSpark, selectLines, sparkCursor, sparkInPeopleList, waitForEditState, waitForSpark } from './helpers/spark';

/** The starter file's `greet` function: lines 3–5. */
const GREET = 'export function greet(name: string): string {\n  return `Hello, ${name}!`;\n}\n';
const DOC_COMMENT = '/** Greets someone by name. */\n';
const fenced = (text: string) => '```\n' + text + '```';

type Box = { x: number; y: number };
/** Where each matching element is drawn (any visibility: Monaco blinks its own caret). */
const boxes = (locator: Locator): Promise<Box[]> =>
  locator.evaluateAll((elements) => elements.map((element) => ({ x: element.getBoundingClientRect().x, y: element.getBoundingClientRect().y })));
const near = (a: number, b: number) => Math.abs(a - b) < 3;

/** The page draws exactly one Spark cursor, and it sits at `caret` (`sameLine`: on its line). */
async function oneSparkAt(page: Page, caret: Locator, sameLine = false): Promise<boolean> {
  const [sparks, [at]] = await Promise.all([boxes(sparkCursor(page)), boxes(caret)]);
  return sparks.length === 1 && at !== undefined && near(sparks[0]!.y, at.y) && (sameLine || near(sparks[0]!.x, at.x));
}
const ownCaret = (page: Page) => page.locator('.monaco-editor .cursors-layer .cursor').first();
const caretOf = (page: Page, name: string) =>
  page.getByTestId('remote-cursor').filter({ has: page.getByTestId('remote-cursor-label').filter({ hasText: name }) });

describe('two people on two instances see one document, their cursors and Spark', () => {
  let sim: ModelSimulator;
  let cluster: Cluster;
  /** Alice's way in, as through a load balancer: instance one while it lives, then instance two. */
  let front: FailoverProxy;
  let browser: Browser;
  let session: CreatedSession;
  let alice: User;
  let bob: User;

  beforeAll(async () => {
    sim = await startModelSimulator();
    const env = { SPARKPAD_FAST_URL: sim.url, SPARKPAD_FAST_MODEL: 'sim', SPARKPAD_FAST_FORMAT: 'chat' };
    [cluster, browser] = await Promise.all([startCluster(2, { next: true, env }), launchBrowser()]);
    const [one, two] = cluster.instances;
    front = await startFailoverProxy([one!.port, two!.port]);
    // Created on instance 1, opened by Bob on instance 2: the room lives in the shared PostgreSQL.
    session = await createSession(one!.url);
    [alice, bob] = await Promise.all([newUser(browser), newUser(browser)]);
    await openSession(alice.page, session.editUrl.replace(one!.url, front.url));
    await setName(alice.page, 'Alice');
    // Spark joins through Alice's instance first, so instance one holds Spark's place in the room.
    await waitForSpark(alice.page);
    await sparkInPeopleList(alice.page).waitFor();
    await openSession(bob.page, session.editUrl.replace(one!.url, two!.url));
    await setName(bob.page, 'Bob');
    await waitForSpark(bob.page);
  });
  afterAll(async () => {
    await browser?.close();
    await front?.close();
    await cluster?.destroy();
    await sim?.close();
  });

  it("shows each person's text and cursor to the other across instances", async () => {
    await typeAtEnd(alice.page, '\n// Alice on instance one');
    await waitForEditorValue(bob.page, { includes: ['// Alice on instance one'] });
    await typeAtEnd(bob.page, '\n// Bob on instance two');
    const text = await waitForEditorValue(alice.page, { includes: ['// Bob on instance two'] });
    expect(await waitForEditorValue(bob.page, { equals: text })).toBe(text);
    await caretOf(bob.page, 'Alice').waitFor();
    await caretOf(alice.page, 'Bob').waitFor();
  });

  it('shows one Spark cursor in both browsers, at whoever it suggests to, on either instance', async () => {
    // Bob, on instance two, types: Spark suggests to him, and its one cursor is at his caret for both.
    await typeAtEnd(bob.page, '\nconst');
    await waitForEditorValue(alice.page, { includes: ['two\nconst'] });
    await expect.poll(() => oneSparkAt(alice.page, caretOf(alice.page, 'Bob')), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => oneSparkAt(bob.page, ownCaret(bob.page), true), { timeout: 20_000 }).toBe(true);

    // Then Alice, on instance one: the same cursor moves to her.
    await focusEditor(alice.page);
    await alice.page.keyboard.press('Control+Home');
    await alice.page.keyboard.type('// Alice ');
    await waitForEditorValue(bob.page, { includes: ['// Alice // Welcome'] });
    await expect.poll(() => oneSparkAt(bob.page, caretOf(bob.page, 'Alice')), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => oneSparkAt(alice.page, ownCaret(alice.page), true), { timeout: 20_000 }).toBe(true);
    for (const user of [alice, bob]) expect(await sparkInPeopleList(user.page).count()).toBe(1);
  });

  it("hands Spark to instance two when instance one dies, and Alice still undoes the edit instance one made", async () => {
    sim.setBehaviour({ response: fenced(DOC_COMMENT + GREET) });
    await selectLines(alice.page, 3, 5);
    await askSpark(alice.page, 'document greet');
    await waitForEditState(alice.page, 'done');
    await waitForEditorValue(bob.page, { includes: [DOC_COMMENT + GREET] });

    await cluster.instances[0]!.kill();
    // Alice's page is back once it sees what Bob types now: through the front, on instance two.
    await typeAtEnd(bob.page, '\n// after instance one died');
    await waitForEditorValue(alice.page, { includes: ['after instance one died'] });
    await waitForSpark(alice.page);
    // Instance two shows Spark now, still one cursor, following Bob.
    await expect.poll(() => oneSparkAt(alice.page, caretOf(alice.page, 'Bob')), { timeout: 20_000 }).toBe(true);
    for (const user of [alice, bob]) await expect.poll(() => sparkInPeopleList(user.page).count()).toBe(1);

    await alice.page.getByTestId('spark-undo').click();
    await alice.page.locator('[data-testid="spark-undo-status"][data-state="undone"]').waitFor();
    for (const user of [alice, bob]) {
      const text = await waitForEditorValue(user.page, { excludes: [DOC_COMMENT], includes: [GREET, 'after instance one died'] });
      expect(text).not.toContain('Greets someone');
    }
  });
});
