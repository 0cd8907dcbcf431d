import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startModelSimulator, type ModelSimulator } from '../tools/sim/sim-server';
import { onePersonInASession, type OnePerson } from './fixtures/one-person';
import { newUser, type User } from './helpers/browser';
import { typeAtEnd } from './helpers/monaco';
import { chooseSetting, closeSettings, openSettings } from './helpers/settings';
import { openSession, waitUntilReady } from './helpers/session';
import { waitForSpark } from './helpers/spark';
import { receivedOfType, recordSparkFrames, sentOfType, type SparkFrame } from './helpers/spark-frames';

/** Each tier is the simulator under its own model name, so the simulator sees which tier asked. */
const TIERS = { fast: 'fast-model', deep: 'deep-model' } as const;

describe('a person’s settings', () => {
  let sim: ModelSimulator;
  let person: OnePerson;
  let browser: Browser;
  let alice: User;
  let frames: SparkFrame[];
  let editUrl: string;
  let ownerUrl: string;

  beforeAll(async () => {
    sim = await startModelSimulator();
    const env = {
      SPARKPAD_FAST_URL: sim.url, SPARKPAD_FAST_MODEL: TIERS.fast, SPARKPAD_FAST_FORMAT: 'fim',
      SPARKPAD_DEEP_URL: sim.url, SPARKPAD_DEEP_MODEL: TIERS.deep, SPARKPAD_DEEP_FORMAT: 'fim',
      SPARKPAD_AI_PREFETCH: 'false',
    };
    person = await onePersonInASession({ env, sparkReady: true, beforeOpen: (user) => void (frames = recordSparkFrames(user.page)) });
    ({ browser, alice } = person);
    ({ editUrl, ownerUrl } = person.session);
  });
  afterAll(async () => {
    await person?.close();
    await sim?.close();
  });

  it('persist across reloads: pin, ghost text, theme and font size', async () => {
    await openSettings(alice.page);
    await chooseSetting(alice.page, 'pin', 'deep');
    await chooseSetting(alice.page, 'ghost', 'off');
    await chooseSetting(alice.page, 'theme', 'dark');
    await alice.page.getByTestId('settings-font-size').fill('18');
    await closeSettings(alice.page);

    await alice.page.reload();
    await waitUntilReady(alice.page);
    expect(await alice.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const fontSize = await alice.page.locator('.monaco-editor .view-lines').evaluate((el) => getComputedStyle(el).fontSize);
    expect(fontSize).toBe('18px');
    await openSettings(alice.page);
    for (const id of ['setting-pin-deep', 'setting-ghost-off', 'setting-theme-dark']) {
      expect(await alice.page.getByTestId(id).isChecked()).toBe(true);
    }
    expect(await alice.page.getByTestId('settings-font-size').inputValue()).toBe('18');
    await closeSettings(alice.page);
  });

  it('sends no completion request while ghost text is off', async () => {
    await waitForSpark(alice.page);
    const start = frames.length;
    await typeAtEnd(alice.page, '// quiet');
    // Turned back on, the next key asks at once; its request is the proof the channel works, and every
    // request since the start must have been asked after it (the space typed only after turning on).
    await openSettings(alice.page);
    await chooseSetting(alice.page, 'ghost', 'on');
    await closeSettings(alice.page);
    await typeAtEnd(alice.page, ' more');
    await expect.poll(() => sentOfType(frames.slice(start), 'complete').length, { timeout: 15_000 }).toBeGreaterThan(0);
    for (const request of sentOfType(frames.slice(start), 'complete')) {
      expect(String(request.prefix)).toContain('// quiet ');
    }
  });

  it('sends the pinned tier with each request, and the server answers from that tier', async () => {
    for (const tier of ['deep', 'fast'] as const) {
      await openSettings(alice.page);
      await chooseSetting(alice.page, 'pin', tier);
      await closeSettings(alice.page);
      const start = frames.length;
      const simStart = sim.requests.length;
      await typeAtEnd(alice.page, `\nconst ${tier}Pinned = `);
      await expect.poll(() => receivedOfType(frames.slice(start), 'complete:done').length, { timeout: 15_000 }).toBeGreaterThan(0);
      const requests = sentOfType(frames.slice(start), 'complete');
      expect(requests.length).toBeGreaterThan(0);
      expect(requests.every((r) => r.pin === tier)).toBe(true);
      const done = receivedOfType(frames.slice(start), 'complete:done') as unknown as Array<{ stats: { tier: string | null; source: string } }>;
      expect(done.filter((d) => d.stats.source === 'model').every((d) => d.stats.tier === tier)).toBe(true);
      expect(done.some((d) => d.stats.tier === tier)).toBe(true);
      const models = sim.requests.slice(simStart).map((r) => r.body.model);
      expect(models.length).toBeGreaterThan(0);
      expect(models.every((m) => m === TIERS[tier])).toBe(true);
    }
  });

  it('follows the room’s defaults, set by its owner, for what a person has not chosen', async () => {
    const owner = await newUser(browser);
    await openSession(owner.page, ownerUrl);
    await openSettings(owner.page);
    await chooseSetting(owner.page, 'pin', 'deep');
    await chooseSetting(owner.page, 'theme', 'light');
    await owner.page.getByTestId('save-room-defaults').click();
    await owner.page.getByTestId('room-defaults-status').filter({ hasText: 'Saved' }).waitFor();
    await closeSettings(owner.page);

    // Bob has never chosen anything in this browser: he gets the room's defaults.
    const bob = await newUser(browser);
    const bobFrames = recordSparkFrames(bob.page);
    await openSession(bob.page, editUrl);
    await waitForSpark(bob.page);
    await expect.poll(() => bob.page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await typeAtEnd(bob.page, '\nconst roomDefault = ');
    await expect.poll(() => sentOfType(bobFrames, 'complete').length, { timeout: 15_000 }).toBeGreaterThan(0);
    expect(sentOfType(bobFrames, 'complete').every((r) => r.pin === 'deep')).toBe(true);
    await openSettings(bob.page);
    expect(await bob.page.getByTestId('setting-pin-deep').isChecked()).toBe(true);
    expect(await bob.page.getByTestId('room-defaults').count()).toBe(0);

    // His own choice wins over the room's, and stays his after a reload; the rest still follows the room.
    await chooseSetting(bob.page, 'pin', 'fast');
    await closeSettings(bob.page);
    await bob.page.reload();
    await waitUntilReady(bob.page);
    await waitForSpark(bob.page);
    const start = bobFrames.length;
    await typeAtEnd(bob.page, '\nconst ownChoice = ');
    await expect.poll(() => sentOfType(bobFrames.slice(start), 'complete').length, { timeout: 15_000 }).toBeGreaterThan(0);
    expect(sentOfType(bobFrames.slice(start), 'complete').every((r) => r.pin === 'fast')).toBe(true);
    await expect.poll(() => bob.page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    expect(owner.errors).toEqual([]);
    await owner.context.close();
    await bob.context.close();
  });
});
