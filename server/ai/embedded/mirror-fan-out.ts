/** One room feed for several workers: each mirror gets every file and delta, and resyncs on its own restart. */
import type { RoomMirror, WorkspaceMirrors } from './worker-channel';

export function fanOut(targets: WorkspaceMirrors[]): WorkspaceMirrors {
  return {
    attach(room, resync) {
      const mirrors: RoomMirror[] = targets.map((target) => target.attach(room, resync));
      return {
        set: (path, text) => mirrors.forEach((m) => m.set(path, text)),
        apply: (path, delta) => mirrors.forEach((m) => m.apply(path, delta)),
        remove: (path) => mirrors.forEach((m) => m.remove(path)),
        close: () => mirrors.forEach((m) => m.close()),
      };
    },
  };
}
