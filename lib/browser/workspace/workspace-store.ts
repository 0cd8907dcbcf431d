// lib/browser/workspace/: the file tree's logic: which files exist, which one is open, whom this person
// follows, and creating, renaming and deleting files. The workspace store is the entry point.

import { create } from 'zustand';

/** Which files exist, which one this person has open, and whom they follow. */
export interface WorkspaceState {
  /** Mirrors the shared `files` map, sorted. */
  files: string[];
  openFile: string | null;
  /** Awareness client id being followed; null when moving freely. */
  following: number | null;
  setFiles(files: string[]): void;
  open(path: string | null): void;
  follow(clientId: number | null): void;
}

export const useWorkspaceStore = create<WorkspaceState>((set, get) => ({
  files: [],
  openFile: null,
  following: null,
  setFiles(files) {
    const { openFile } = get();
    // Keep the open file while it exists; otherwise fall back to the first one so the editor never
    // shows a file that was deleted or renamed away by someone else.
    const stillThere = openFile !== null && files.includes(openFile);
    set({ files, openFile: stillThere ? openFile : (files[0] ?? null) });
  },
  open(path) {
    set({ openFile: path });
  },
  follow(clientId) {
    set({ following: clientId });
  },
}));
