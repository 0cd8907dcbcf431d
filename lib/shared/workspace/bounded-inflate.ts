import { Inflate } from 'fflate';

// Deflate expands a byte into at most about 1,032: fed 4 KiB at a time, one step makes at most ~4 MiB
// before the running total is checked again.
const INPUT_STEP_BYTES = 4096;
// Inflating a 10 MB workspace takes half a second or more on a busy 2-core machine: in slices of 5 ms,
// with the event loop free in between, every other room keeps being served meanwhile.
const SLICE_MS = 5;

export type InflateOutcome = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'TOO_LARGE' | 'CORRUPT' };

/**
 * Inflates raw deflate data, stopping as soon as the output passes `maxBytes`: a zip bomb is cut off
 * at the limit, whatever its header declared, and never costs the time or memory of its full size.
 */
export async function inflateAtMost(compressed: Uint8Array, maxBytes: number): Promise<InflateOutcome> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  let ended = false;
  const inflate = new Inflate((chunk, final) => {
    total += chunk.byteLength;
    if (total > maxBytes) over = true;
    else chunks.push(chunk);
    if (final) ended = true;
  });
  try {
    let sliceStart = performance.now();
    for (let at = 0; at < compressed.byteLength && !over; at += INPUT_STEP_BYTES) {
      const end = Math.min(at + INPUT_STEP_BYTES, compressed.byteLength);
      inflate.push(compressed.subarray(at, end), end === compressed.byteLength);
      if (performance.now() - sliceStart >= SLICE_MS) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        sliceStart = performance.now();
      }
    }
    if (compressed.byteLength === 0) inflate.push(compressed, true);
  } catch {
    return { ok: false, reason: over ? 'TOO_LARGE' : 'CORRUPT' };
  }
  if (over) return { ok: false, reason: 'TOO_LARGE' };
  if (!ended) return { ok: false, reason: 'CORRUPT' };
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}
