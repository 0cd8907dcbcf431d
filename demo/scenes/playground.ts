// demo/scenes/: the scenes `npm run demo:record` can play, one file each; this one is the default tour,
// short.ts a ten-second one the recorder's own test plays.

/**
 * The full tour (`npm run demo:record`): two people open a session by its link and type together, Spark
 * suggests the rest of a line as ghost text, Spark's cursor types an edit one of them asked for, they run
 * the file and see the output, and ask Spark a question in the shared chat. About 50 s of video.
 *
 * Ghost text comes from the embedded engine, exactly as with `npm start`: the new function's body is
 * suggested from the one above it. Ask Spark and the chat are answered by the local model simulator with
 * the texts scripted below (`demo.spark.willAnswer`).
 */
import type { Scene } from '../lib/scene';

/** Wide enough for the file tree, the editor and Spark's column side by side; scaled to 1920 in the video. */
export const viewport = { width: 1200, height: 800 };

const SHOUT = "export function shout(name: string): string {\n  return `HELLO, ${name.toUpperCase()}!`;\n}\n";

export default (async (demo) => {
  const { editUrl } = await demo.createSession();
  const ada = await demo.openUser('Ada', editUrl);
  await ada.caption('Ada starts a session and sends Bo the link');
  await demo.pause(1500);
  const bo = await demo.openUser('Bo', editUrl);
  await demo.caption('Bo opens the link: the same file, live');
  await demo.pause(2000);

  await ada.caption('Ada starts a new function…');
  await bo.caption('…while Bo adds a note at the top');
  await ada.goToEnd();
  await bo.goToLineWith('Welcome to Sparkpad');
  await Promise.all([
    ada.typeLikeAPerson('\nexport function shout(name: string): string {\n  re', { charsPerSecond: 11 }),
    bo.typeLikeAPerson('\n// Ada and Bo, pairing with Spark', { charsPerSecond: 9 }),
  ]);

  await demo.caption('Spark suggests the rest of the line as ghost text');
  await ada.acceptGhostText({ expect: /^turn `Hello, \$\{name\}!`;/, showMs: 1800 });
  await ada.caption('Ada accepts it with Tab');
  // The engine usually suggests the closing brace too (it copies greet above); if not, Ada types it.
  const text = await ada.editorText();
  if (!text.includes('!`;\n}', text.indexOf('shout'))) await ada.typeLikeAPerson('\n}');
  // Spark offers more at the new cursor; Ada waves it away.
  await demo.pause(600);
  await ada.press('Escape');
  await demo.pause(900);

  await bo.caption('Bo selects the function and asks Spark (Ctrl+K) to make it shout');
  await ada.caption('Spark’s cursor types the change on Ada’s screen too');
  demo.spark.willAnswer(SHOUT, { charsPerSecond: 26, firstTokenMs: 700 });
  await bo.selectLinesFrom('export function shout', 3);
  await demo.pause(800);
  await bo.askSpark('make it shout in capitals');
  await demo.pause(1500);

  await ada.caption('Ada calls it…');
  await bo.caption('');
  await ada.goToEnd();
  await ada.typeLikeAPerson("\nconsole.log(shout('Bo'));", { charsPerSecond: 12 });
  await bo.caption('…and Bo runs the file: the output is shared');
  const output = await bo.run();
  if (!output.includes('HELLO, BO!')) throw new Error(`the run printed something else:\n${output}`);
  await demo.pause(2500);

  await Promise.all([ada.showSparkTab('chat'), bo.showSparkTab('chat')]);
  await demo.caption('Ada asks Spark in the room’s chat: the answer streams to both');
  demo.spark.willAnswer("`shout` upper-cases the name and adds an exclamation mark:\n\n```ts\nshout('Bo'); // 'HELLO, BO!'\n```", { charsPerSecond: 40 });
  await ada.askInChat('What does shout return?');
  await demo.pause(1500);
  await demo.poster();
  await demo.caption('Sparkpad: code together, with Spark');
  await demo.pause(2500);
}) satisfies Scene;
