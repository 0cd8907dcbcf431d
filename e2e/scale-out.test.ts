import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startCluster, type Cluster } from '../test/helpers/cluster';
import { launchBrowser, newUser, type User } from './helpers/browser';
import { typeAtEnd, waitForEditorValue } from './helpers/monaco';
import { createSession, openSession, setName, type CreatedSession } from './helpers/session';

describe('two people on two instances see one document, their cursors and Spark', () => {
  let cluster: Cluster;
  let browser: Browser;
  let session: CreatedSession;
  let alice: User;
  let bob: User;

  beforeAll(async () => {
    [cluster, browser] = await Promise.all([startCluster(2, { next: true }), launchBrowser()]);
    const [one, two] = cluster.instances;
    // Created on instance 1, opened by Bob on instance 2: the room lives in the shared PostgreSQL.
    session = await createSession(one!.url);
    [alice, bob] = await Promise.all([newUser(browser), newUser(browser)]);
    await openSession(alice.page, session.editUrl);
    await openSession(bob.page, session.editUrl.replace(one!.url, two!.url));
    await setName(alice.page, 'Alice');
    await setName(bob.page, 'Bob');
  });
  afterAll(async () => {
    await browser?.close();
    await cluster?.destroy();
  });

  it("shows each person's text and cursor to the other across instances", async () => {
    await typeAtEnd(alice.page, '\n// Alice on instance one');
    await waitForEditorValue(bob.page, { includes: ['// Alice on instance one'] });
    await typeAtEnd(bob.page, '\n// Bob on instance two');
    const text = await waitForEditorValue(alice.page, { includes: ['// Bob on instance two'] });
    expect(await waitForEditorValue(bob.page, { equals: text })).toBe(text);
    await bob.page.getByTestId('remote-cursor-label').filter({ hasText: 'Alice' }).waitFor();
    await alice.page.getByTestId('remote-cursor-label').filter({ hasText: 'Bob' }).waitFor();
  });

  it("shows Spark's cursor, suggesting to Bob on instance two, to Alice on instance one", async () => {
    await typeAtEnd(bob.page, '\nconst');
    await waitForEditorValue(alice.page, { includes: ['two\nconst'] });
    // Alice's own instance also has a Spark (suggesting to her earlier): the one that counts sits on the
    // line Bob is typing, so it came from instance two through Redis.
    const line = alice.page.locator('.view-line').filter({ hasText: /^const$/ });
    const sparkCarets = alice.page.getByTestId('remote-cursor').filter({ hasText: 'Spark' });
    await expect
      .poll(async () => {
        const lineBox = await line.boundingBox();
        const boxes = await Promise.all((await sparkCarets.all()).map((caret) => caret.boundingBox()));
        return boxes.some((box) => box && lineBox && Math.abs(box.y - lineBox.y) < 2);
      }, { timeout: 30_000 })
      .toBe(true);
  });
});
