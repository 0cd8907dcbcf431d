/**
 * A short scene (about ten seconds of play): two people open one link and type together. The recorder's
 * own test plays it (e2e/demo-record.test.ts); it is also the smallest example of a scene.
 */
import type { Scene } from '../lib/scene';

export default (async (demo) => {
  const { editUrl } = await demo.createSession();
  const ada = await demo.openUser('Ada', editUrl);
  const bo = await demo.openUser('Bo', editUrl);
  await demo.caption('Ada and Bo open the same link');
  await demo.pause(1500);

  await ada.caption('Ada types…');
  await bo.caption('…and Bo sees it as she types');
  await ada.goToEnd();
  await ada.typeLikeAPerson("console.log(greet('Bo'));\n", { charsPerSecond: 14 });

  await demo.caption('Bo adds a line of his own');
  await bo.goToEnd();
  await bo.typeLikeAPerson("console.log(greet('Ada'));\n", { charsPerSecond: 14 });
  await demo.pause(1200);
}) satisfies Scene;
