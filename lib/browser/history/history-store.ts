import { create } from 'zustand';
import type { RoomWriters, VersionFiles, VersionMeta } from '../../shared/protocol/history';
import { fetchVersionFiles, fetchVersions, fetchWriters, restoreVersion, saveVersion, type HistoryCaller } from './history-api';

export type HistoryWork = 'saving' | 'restoring';

/** The history panel's state: the versions, the one being looked at, its files, what is under way. */
export interface HistoryState {
  versions: VersionMeta[] | null;
  selectedId: string | null;
  /** The selected version's files, once fetched. */
  files: VersionFiles | null;
  /** The file whose diff is shown. */
  selectedFile: string | null;
  /** Who each Yjs client id is, fetched with each selection; empty when unknown. */
  writers: RoomWriters;
  work: HistoryWork | null;
  error: string | null;
  /** Said politely to screen readers after a save or restore. */
  announcement: string;
  /** Asks for the list again, in the background: what is under way carries on. */
  refresh(caller: HistoryCaller): Promise<void>;
  select(caller: HistoryCaller, id: string): Promise<void>;
  selectFile(path: string | null): void;
  save(caller: HistoryCaller, label: string): Promise<boolean>;
  restore(caller: HistoryCaller, file?: string): Promise<void>;
}

export const useHistoryStore = create<HistoryState>((set, get) => ({
  versions: null,
  selectedId: null,
  files: null,
  selectedFile: null,
  writers: {},
  work: null,
  error: null,
  announcement: '',

  async refresh(caller) {
    const result = await fetchVersions(caller);
    if (!result.ok) return set({ error: result.message });
    const versions = result.value;
    const keep = versions.some((v) => v.id === get().selectedId);
    set({ versions, error: null });
    const first = versions[0];
    if (!keep && first) await get().select(caller, first.id);
  },

  async select(caller, id) {
    set({ selectedId: id, error: null });
    const [result, writers] = await Promise.all([fetchVersionFiles(caller, id), fetchWriters(caller)]);
    // A later selection won: drop this answer.
    if (get().selectedId !== id) return;
    // Without the names the diff still shows; lines are just not attributed.
    if (writers.ok) set({ writers: writers.value });
    if (!result.ok) return set({ files: null, error: result.message });
    const selectedFile = get().selectedFile;
    set({ files: result.value, selectedFile: selectedFile ?? Object.keys(result.value.files).sort()[0] ?? null });
  },

  selectFile(path) {
    set({ selectedFile: path });
  },

  async save(caller, label) {
    set({ work: 'saving', error: null });
    const result = await saveVersion(caller, label);
    if (!result.ok) {
      set({ work: null, error: result.message });
      return false;
    }
    set({ work: null, announcement: `Saved version${label ? ` “${label}”` : ''}.` });
    await get().refresh(caller);
    await get().select(caller, result.value.id);
    return true;
  },

  async restore(caller, file) {
    const id = get().selectedId;
    if (!id) return;
    set({ work: 'restoring', error: null });
    const result = await restoreVersion(caller, id, file);
    if (!result.ok) return set({ work: null, error: result.message });
    set({ work: null, announcement: file ? `Restored ${file}.` : 'Restored the workspace.' });
    await get().refresh(caller);
  },
}));
