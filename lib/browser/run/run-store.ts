import { create } from 'zustand';
import type { ExitStatus, OutputLine } from './run-in-sandbox';

/** This person's run in progress; finished runs live in the shared document (run-log.ts). */
export interface RunState {
  running: { file: string; startedAt: number; output: OutputLine[] } | null;
  /** The last run's result when it could not be shared (view-only link). */
  localResult: { file: string; status: ExitStatus; output: OutputLine[]; durationMs: number } | null;
  start(file: string): void;
  append(line: OutputLine): void;
  finish(): void;
}

export const useRunStore = create<RunState>((set) => ({
  running: null,
  localResult: null,
  start: (file) => set({ running: { file, startedAt: Date.now(), output: [] } }),
  append: (line) =>
    set((state) => (state.running ? { running: { ...state.running, output: [...state.running.output, line] } } : {})),
  finish: () => set({ running: null }),
}));
