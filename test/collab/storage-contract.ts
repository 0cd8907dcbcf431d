import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Storage, StoredRoom, StoredVersion } from '../../server/collab/storage/storage';
import { randomRoomId } from '../helpers/sessions';
import { storedDoc } from '../helpers/stored-document';

/** Opens a storage on one fixed place (a data dir, a schema); opening twice gives two handles on the same data. */
export interface StorageFixture {
  open(): Promise<Storage>;
  /** Removes the place once every handle is closed. */
  cleanup(): Promise<void>;
}

/** An edit as a client makes it: one Yjs update that inserts text into the shared file. */
function edit(doc: Y.Doc, text: string): Uint8Array {
  let update: Uint8Array | null = null;
  const capture = (u: Uint8Array) => (update = u);
  doc.on('update', capture);
  const file = doc.getText('main.ts');
  file.insert(file.length, text);
  doc.off('update', capture);
  return update!;
}

function textOf(stored: StoredRoom): string {
  return storedDoc(stored).getText('main.ts').toString();
}

function versionOf(doc: Y.Doc, id: string, at: number, kind: StoredVersion['kind'] = 'manual'): StoredVersion {
  return { id, at, kind, label: `label ${id}`, by: ['Ada', 'Spark'], state: Y.encodeStateAsUpdate(doc) };
}

function textOfVersion(version: StoredVersion | null): string {
  const doc = new Y.Doc();
  if (version) Y.applyUpdate(doc, version.state);
  return doc.getText('main.ts').toString();
}

/** The promise every Storage makes, run against each implementation. */
export function storageContract(name: string, fixture: StorageFixture): void {
  describe(`${name} keeps the Storage contract`, () => {
    const handles: Storage[] = [];
    const open = async () => {
      const storage = await fixture.open();
      handles.push(storage);
      return storage;
    };
    afterAll(async () => {
      for (const storage of handles.splice(0)) await storage.close();
      await fixture.cleanup();
    });

    it('creates a room at link generation 0 and finds it again', async () => {
      const storage = await open();
      const id = randomRoomId();
      const created = await storage.createRoom(id);
      expect(created).toMatchObject({ id, linkGeneration: 0 });
      expect(await storage.getRoom(id)).toEqual(created);
      expect(await storage.getRoom(randomRoomId())).toBeNull();
    });

    it('refuses to create a room id twice', async () => {
      const storage = await open();
      const id = randomRoomId();
      await storage.createRoom(id);
      await expect(storage.createRoom(id)).rejects.toThrow();
    });

    it('bumps the link generation on every rotation', async () => {
      const storage = await open();
      const id = randomRoomId();
      await storage.createRoom(id);
      await storage.rotateLinks(id);
      expect((await storage.rotateLinks(id)).linkGeneration).toBe(2);
      expect((await storage.getRoom(id))?.linkGeneration).toBe(2);
    });

    it('loads an untouched room as an empty document', async () => {
      const storage = await open();
      expect(await storage.loadDocument(randomRoomId())).toEqual({ snapshot: null, updates: [], lastSeq: 0 });
    });

    it('appends updates in order with increasing seqs and loads them back', async () => {
      const storage = await open();
      const id = randomRoomId();
      const doc = new Y.Doc();
      const first = await storage.appendUpdates(id, [edit(doc, 'a'), edit(doc, 'b')]);
      const second = await storage.appendUpdates(id, [edit(doc, 'c')]);
      expect(second).toBeGreaterThan(first);
      const stored = await storage.loadDocument(id);
      expect(stored.updates).toHaveLength(3);
      expect(stored.lastSeq).toBe(second);
      expect(textOf(stored)).toBe('abc');
    });

    it('compacts into one snapshot, keeping the updates appended after it', async () => {
      const storage = await open();
      const id = randomRoomId();
      const doc = new Y.Doc();
      await storage.appendUpdates(id, [edit(doc, 'hello')]);
      const upto = await storage.appendUpdates(id, [edit(doc, ' world')]);
      const snapshot = Y.encodeStateAsUpdate(doc);
      const later = await storage.appendUpdates(id, [edit(doc, '!')]);
      await storage.compact(id, snapshot, upto);
      const stored = await storage.loadDocument(id);
      expect(stored.snapshot).not.toBeNull();
      expect(stored.updates).toHaveLength(1);
      expect(stored.lastSeq).toBe(later);
      expect(textOf(stored)).toBe('hello world!');
      expect(await storage.appendUpdates(id, [edit(doc, '?')])).toBeGreaterThan(later);
    });

    it('keeps rooms apart', async () => {
      const storage = await open();
      const [one, two] = [randomRoomId(), randomRoomId()];
      await storage.appendUpdates(one, [edit(new Y.Doc(), 'one')]);
      await storage.appendUpdates(two, [edit(new Y.Doc(), 'two')]);
      expect(textOf(await storage.loadDocument(one))).toBe('one');
      expect(textOf(await storage.loadDocument(two))).toBe('two');
    });

    it('keeps versions with their state and lists them newest first', async () => {
      const storage = await open();
      const id = randomRoomId();
      const doc = new Y.Doc();
      edit(doc, 'first');
      await storage.saveVersion(id, versionOf(doc, 'v1', 1_000, 'auto'));
      edit(doc, ' second');
      await storage.saveVersion(id, versionOf(doc, 'v2', 2_000, 'checkpoint'));
      await storage.saveVersion(id, versionOf(doc, 'v3', 2_000, 'restore'));
      const listed = await storage.listVersions(id);
      expect(listed.map((v) => v.id)).toEqual(['v3', 'v2', 'v1']);
      expect(listed[2]).toEqual({ id: 'v1', at: 1_000, kind: 'auto', label: 'label v1', by: ['Ada', 'Spark'] });
      expect(textOfVersion(await storage.loadVersion(id, 'v1'))).toBe('first');
      expect(textOfVersion(await storage.loadVersion(id, 'v2'))).toBe('first second');
      expect(await storage.loadVersion(id, 'nope')).toBeNull();
      expect(await storage.listVersions(randomRoomId())).toEqual([]);
    });

    it('keeps every version through compaction and removes only those retention names', async () => {
      const storage = await open();
      const id = randomRoomId();
      const doc = new Y.Doc();
      await storage.appendUpdates(id, [edit(doc, 'before')]);
      await storage.saveVersion(id, versionOf(doc, 'kept', 1_000));
      await storage.saveVersion(id, versionOf(doc, 'thinned', 2_000));
      const upto = await storage.appendUpdates(id, [edit(doc, ' after')]);
      await storage.compact(id, Y.encodeStateAsUpdate(doc), upto);
      expect((await storage.listVersions(id)).map((v) => v.id)).toEqual(['thinned', 'kept']);
      await storage.deleteVersions(id, ['thinned']);
      expect((await storage.listVersions(id)).map((v) => v.id)).toEqual(['kept']);
      expect(textOfVersion(await storage.loadVersion(id, 'kept'))).toBe('before');
    });

    it('hands what it stored to the next process that opens the same place', async () => {
      const writer = await open();
      const id = randomRoomId();
      const doc = new Y.Doc();
      await writer.createRoom(id);
      await writer.rotateLinks(id);
      await writer.appendUpdates(id, [edit(doc, 'kept')]);
      await writer.saveVersion(id, versionOf(doc, 'v1', 1_000));
      await writer.saveRoomDefaults(id, { pin: 'deep', ghostText: 'off' });
      const reader = await open();
      expect((await reader.getRoom(id))?.linkGeneration).toBe(1);
      expect(textOf(await reader.loadDocument(id))).toBe('kept');
      expect(textOfVersion(await reader.loadVersion(id, 'v1'))).toBe('kept');
      expect(await reader.loadRoomDefaults(id)).toEqual({ pin: 'deep', ghostText: 'off' });
    });

    it("keeps a room's defaults, replaced whole on each save, and none for a room without", async () => {
      const storage = await open();
      const id = randomRoomId();
      await storage.createRoom(id);
      expect(await storage.loadRoomDefaults(id)).toEqual({});
      await storage.saveRoomDefaults(id, { pin: 'fast', theme: 'light', fontSize: 16 });
      await storage.saveRoomDefaults(id, { theme: 'dark' });
      expect(await storage.loadRoomDefaults(id)).toEqual({ theme: 'dark' });
      expect(await storage.loadRoomDefaults(randomRoomId())).toEqual({});
    });
  });
}
