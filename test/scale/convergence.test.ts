import { describe, expect, it } from 'vitest';
import { clusterForTheseTests } from '../helpers/cluster';
import { startTyping, untilConverged, type Typed } from '../helpers/typing';
import { personState, synced, whenAwareness, whenDoc, type YjsClient } from '../helpers/yjs-client';

const nameOf = (client: YjsClient, clientId: number): string | undefined =>
  (client.provider.awareness.getStates().get(clientId) as { user?: { name?: string } } | undefined)?.user?.name;

describe('three instances serving one room', () => {
  const scaled = clusterForTheseTests(3);
  const { connect } = scaled;

  const connectOnePerInstance = async () => {
    const { room, editToken } = await scaled.cluster.createRoom();
    const perInstance = scaled.cluster.instances.map((instance) => connect(instance, room, editToken));
    await Promise.all(perInstance.map(synced));
    return perInstance;
  };

  it('brings clients on different instances to the same text', async () => {
    const typists = await connectOnePerInstance();
    typists[0]!.text(); // one client creates the file; the others must receive it through Redis
    await Promise.all(typists.map((client) => whenDoc(client.doc, () => client.doc.getMap('files').has('main.ts'))));

    const logs: Typed[][] = typists.map(() => []);
    const stops = typists.map((client, i) => startTyping(client, `i${i + 1}-`, logs[i]!));
    // Type until each instance has relayed 20 edits to instance 1, however busy the machine is.
    await whenDoc(typists[0]!.doc, () => [1, 2, 3].every((i) => typists[0]!.read().includes(`<i${i}-20>`)));
    stops.forEach((stop) => stop());

    const tokens = logs.flat().map((typed) => typed.token);
    await untilConverged(typists, tokens);
    expect(typists[0]!.read().length).toBe(tokens.join('').length);
  });

  it('carries cursors across instances and removes them when their owner leaves', async () => {
    const [one, two, three] = (await connectOnePerInstance()) as [YjsClient, YjsClient, YjsClient];
    one.provider.awareness.setLocalState(personState('one', 'one'));
    three.provider.awareness.setLocalState(personState('three', 'three'));
    const oneId = one.doc.clientID;
    const threeId = three.doc.clientID;

    await whenAwareness(three, () => nameOf(three, oneId) === 'one');
    await whenAwareness(two, () => nameOf(two, oneId) === 'one' && nameOf(two, threeId) === 'three');
    await whenAwareness(one, () => nameOf(one, threeId) === 'three');

    one.provider.disconnect();
    await whenAwareness(three, () => !three.provider.awareness.getStates().has(oneId));
    await whenAwareness(two, () => !two.provider.awareness.getStates().has(oneId));
  });
});
