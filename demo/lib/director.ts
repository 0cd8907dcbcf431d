/**
 * The `demo` object a scene receives: it opens people's windows (each its own browser context with its
 * own recording), puts captions on them, scripts Spark's simulated answers and takes the poster.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import type { ModelSimulator } from '../../tools/sim/sim-server';
import { IDENTITY_STORAGE_KEY, UI } from './app-ui';
import { attachOverlay } from './overlay';
import { DemoPerson } from './person';
import type { Demo, SessionLinks } from './scene';
import { StepError } from './step-error';

/** Distinct, readable on the dark theme, and from the app's own palette (lib/browser/presence/identity.ts). */
const COLORS = ['#3b82f6', '#22c55e', '#e879f9', '#f97316'] as const;
/** Loading the app cold on a busy two-core machine (Monaco and its workers) takes a while. */
const OPEN_TIMEOUT_MS = 60_000;

export interface Viewport {
  width: number;
  height: number;
}

export interface Cast {
  person: DemoPerson;
  context: BrowserContext;
  /** performance.now() when the page (and so its recording) started. */
  startedAt: number;
  pageErrors: string[];
}

export class Director implements Demo {
  readonly cast: Cast[] = [];
  /** Screenshot files of the poster moment, one per person, once taken. */
  posterShots: string[] | null = null;

  constructor(
    private readonly browser: Browser,
    private readonly baseUrl: string,
    private readonly workDir: string,
    private readonly viewport: Viewport,
    private readonly sim: ModelSimulator | null,
  ) {}

  readonly spark: Demo['spark'] = {
    willAnswer: (text, options = {}) => {
      if (!this.sim) return;
      const tokens = text.match(/\s*[\w$]+|\s*[^\w\s]|\s+/g)?.length ?? 1;
      const charsPerSecond = options.charsPerSecond ?? 30;
      this.sim.setBehaviour({
        response: text,
        // The simulator streams word-sized tokens; this rate makes the characters arrive at charsPerSecond.
        tokensPerSecond: (charsPerSecond * tokens) / Math.max(1, text.length),
        ttftMs: options.firstTokenMs ?? 500,
      });
    },
  };

  async createSession(): Promise<SessionLinks> {
    const response = await fetch(`${this.baseUrl}/api/sessions`, { method: 'POST' });
    if (!response.ok) throw new Error(`POST /api/sessions answered ${response.status}`);
    return (await response.json()) as SessionLinks;
  }

  async openUser(name: string, link: string): Promise<DemoPerson> {
    const color = COLORS[this.cast.length % COLORS.length]!;
    const context = await this.browser.newContext({
      viewport: this.viewport,
      recordVideo: { dir: path.join(this.workDir, 'tracks'), size: this.viewport },
    });
    const identity = { id: `demo-${this.cast.length + 1}`, name, color, kind: 'human' };
    await context.addInitScript(
      ({ key, value }) => {
        try {
          localStorage.setItem(key, value);
        } catch {
          // Sandboxed frames (the run sandbox) have no storage; they need no identity.
        }
      },
      { key: IDENTITY_STORAGE_KEY, value: JSON.stringify(identity) },
    );
    const page = await context.newPage();
    // The track starts recording while the page is created, so it holds everything from here on.
    const startedAt = performance.now();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const overlay = attachOverlay(page, { name, color, caption: '' });
    const person = new DemoPerson(name, page, overlay);
    this.cast.push({ person, context, startedAt, pageErrors });

    await page.goto(link);
    try {
      await page.locator(UI.onlineStatus).waitFor({ timeout: OPEN_TIMEOUT_MS });
      await page.waitForFunction(() => window.sparkpad?.editorValue() != null, undefined, { timeout: OPEN_TIMEOUT_MS });
      await page.locator(UI.editorLines).waitFor({ timeout: OPEN_TIMEOUT_MS });
    } catch {
      throw new StepError(name, 'open the link', 'the session did not come online with a file in the editor');
    }
    const nameInput = page.locator(UI.nameInput);
    if ((await nameInput.inputValue()) !== name) {
      await nameInput.fill(name);
      await nameInput.press('Enter');
    }
    await overlay({});
    return person;
  }

  async caption(text: string): Promise<void> {
    await Promise.all(this.cast.map(({ person }) => person.caption(text)));
  }

  async pause(ms: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, ms));
  }

  async poster(): Promise<void> {
    const shots: string[] = [];
    for (const [i, { person }] of this.cast.entries()) {
      const file = path.join(this.workDir, `poster-${i}.png`);
      fs.writeFileSync(file, await person.page.screenshot());
      shots.push(file);
    }
    this.posterShots = shots;
  }
}
