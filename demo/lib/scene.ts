// demo/lib/: what plays a scene: the scene API (here), the director that opens people's windows, each
// person's steps and Spark's, the on-screen overlay, keystroke timing, recording and ffmpeg.

/**
 * The scene API: what a file in demo/scenes/ gets to work with. A scene is a module whose default export
 * is `async (demo: Demo) => void`; `npm run demo:record -- demo/scenes/<name>.ts` plays it in real
 * Chromium against a fresh server and writes demo/out/<name>.mp4 (everyone's screen side by side),
 * demo/out/<name>.png (the poster) and demo/out/<name>.json (what was recorded, and for how long).
 *
 * Every step waits for the app to show its result and throws when it does not (a missing button, a
 * suggestion that never came): a broken scene fails the recording instead of filming a broken demo.
 *
 *   export default (async (demo) => {
 *     const { editUrl } = await demo.createSession();
 *     const ada = await demo.openUser('Ada', editUrl);
 *     await ada.caption('Ada opens the link');
 *     await ada.goToEnd();
 *     await ada.typeLikeAPerson('\nconsole.log(1 + 1);', { charsPerSecond: 12 });
 *     await ada.run();
 *   }) satisfies Scene;
 */
import type { Page } from 'playwright-core';
import type { TypingStyle } from './keystrokes';

export type Scene = (demo: Demo) => Promise<void>;

/** What a scene file exports: the scene, and optionally the size of each person's window. */
export interface SceneModule {
  default?: Scene;
  /** CSS pixels per window (default 960x720). The video is scaled down to at most 1920 wide. */
  viewport?: { width: number; height: number };
}

export interface SessionLinks {
  room: string;
  /** Opens the session with edit rights. */
  editUrl: string;
  /** Opens it view-only. */
  viewUrl: string;
}

export interface Demo {
  /** A new session on the demo server (it starts with the app's starter file, main.ts). */
  createSession(): Promise<SessionLinks>;
  /**
   * A new person in their own browser window (own identity, own recording), opening `link` and setting
   * their display name. Windows are filmed side by side in the order they were opened; someone opened
   * later shows as a dark panel until they arrive.
   */
  openUser(name: string, link: string): Promise<Person>;
  /** The same caption on every screen; '' hides it. */
  caption(text: string): Promise<void>;
  /** Holds the scene so viewers can read and look. */
  pause(ms: number): Promise<void>;
  /** Takes the poster picture now, of every screen; without a call it is taken at the end. */
  poster(): Promise<void>;
  /**
   * Spark, as the recording plays it. Without SPARKPAD_FAST_URL/SPARKPAD_DEEP_URL set, completions come
   * from the embedded engine (as with `npm start`) and instructions (Ask Spark, chat) from a local model
   * simulator that answers what the scene scripts here. With a real model configured these are ignored.
   */
  spark: {
    /** The text of Spark's next answers to edits and chat, streamed at `charsPerSecond`. */
    willAnswer(text: string, options?: { charsPerSecond?: number; firstTokenMs?: number }): void;
  };
}

export interface Person {
  readonly name: string;
  /** The Playwright page, for anything the helpers do not cover. */
  readonly page: Page;
  /** A caption on this person's screen only; '' hides it. */
  caption(text: string): Promise<void>;
  /**
   * Types `text` at the cursor like a person: one key at a time, with rhythm (default 12 chars/s).
   * Newlines start the next line at exactly the indentation written in `text`.
   */
  typeLikeAPerson(text: string, style?: Partial<TypingStyle>): Promise<void>;
  /** Presses a key or chord where the focus is, e.g. `Escape` or `Control+Z` (Playwright key names). */
  press(key: string): Promise<void>;
  /** Puts the cursor at the end of the file. */
  goToEnd(): Promise<void>;
  /** Puts the cursor at the end of the first line containing `snippet` (at its start with `at: 'start'`). */
  goToLineWith(snippet: string, at?: 'start' | 'end'): Promise<void>;
  /** Selects whole lines, from the first line containing `snippet`, `count` lines long. */
  selectLinesFrom(snippet: string, count?: number): Promise<void>;
  /**
   * Waits for Spark's ghost text at the cursor, lets it show for `showMs`, accepts it with Tab; returns
   * it. With `expect`, a suggestion that does not match fails the step instead of being filmed.
   */
  acceptGhostText(options?: { showMs?: number; timeoutMs?: number; expect?: RegExp }): Promise<string>;
  /** Asks Spark (Ctrl+K) to change the selection or the cursor's line; waits until Spark has typed it. */
  askSpark(instruction: string): Promise<void>;
  /** Asks in the room's chat; resolves with Spark's complete answer. */
  askInChat(question: string): Promise<string>;
  /** Brings a tab of Spark's column to the front: Ask Spark (`edit`) or the room's chat. */
  showSparkTab(tab: 'edit' | 'chat'): Promise<void>;
  /** Presses Run and waits for the output; returns the output's text. */
  run(): Promise<string>;
  /** The open file's text as the editor holds it. */
  editorText(): Promise<string>;
}
