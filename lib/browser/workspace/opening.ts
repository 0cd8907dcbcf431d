'use client';

import { useEffect, useState } from 'react';
import { openingSchema, type Opening } from '../../shared/protocol/opening';
import { OPENING_GLOBAL } from '../ui/opening-boot-script';

interface OpeningState {
  room: string;
  /** undefined while the request is out; null when there is nothing to show. */
  value: unknown;
  promise: Promise<unknown>;
}

function stateFor(room: string): OpeningState | null {
  const state = (window as unknown as Record<string, OpeningState | undefined>)[OPENING_GLOBAL];
  return state && state.room === room ? state : null;
}

const parse = (value: unknown): Opening | null => {
  const parsed = openingSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
};

/**
 * The room's first file and first lines as the page's inline script fetched them (opening-boot-script.ts),
 * before the document synced: null when the page was not loaded with it, or the request failed.
 */
export function useOpening(room: string | null): Opening | null {
  const [opening, setOpening] = useState<Opening | null>(() => (room ? parse(stateFor(room)?.value) : null));
  useEffect(() => {
    const state = room ? stateFor(room) : null;
    if (!state) return setOpening(null);
    if (state.value !== undefined) return setOpening(parse(state.value));
    let live = true;
    void state.promise.then((value) => live && setOpening(parse(value)));
    return () => {
      live = false;
    };
  }, [room]);
  return opening;
}
