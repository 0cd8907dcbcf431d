'use client';

import { useState, type DragEvent } from 'react';
import { droppedFiles, type PickedFile } from './dropped-files';

export type DropState = { kind: 'idle' } | { kind: 'over' } | { kind: 'busy' } | { kind: 'done'; message: string } | { kind: 'failed'; message: string };

/**
 * Drag-and-drop of files and folders onto an element (and the same for files picked with a button):
 * what the element shows while files hover, and what became of them. `accept` does the work and
 * answers with a sentence for the person.
 */
export function useFileDrop(accept: (files: PickedFile[]) => Promise<{ ok: boolean; message: string }>, enabled = true) {
  const [state, setState] = useState<DropState>({ kind: 'idle' });
  const carriesFiles = (event: DragEvent) => enabled && event.dataTransfer.types.includes('Files');

  const take = async (files: PickedFile[]) => {
    if (files.length === 0) return setState({ kind: 'idle' });
    setState({ kind: 'busy' });
    const outcome = await accept(files);
    setState({ kind: outcome.ok ? 'done' : 'failed', message: outcome.message });
  };
  const handlers = {
    onDragOver(event: DragEvent) {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
      setState((current) => (current.kind === 'busy' ? current : { kind: 'over' }));
    },
    onDragLeave(event: DragEvent) {
      // Moving onto a child of the target is not leaving it.
      if (event.currentTarget.contains(event.relatedTarget as Node | null)) return;
      setState((current) => (current.kind === 'over' ? { kind: 'idle' } : current));
    },
    onDrop(event: DragEvent) {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      void droppedFiles(event.dataTransfer).then(take);
    },
  };
  return { state, take, handlers };
}
