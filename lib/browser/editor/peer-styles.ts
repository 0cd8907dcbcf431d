import type { Peer } from '../../shared/protocol/awareness';

/**
 * Monaco decorations take class names, not styles, so each peer colour gets one CSS rule, injected once.
 * Colours passed the awareness schema (`#rrggbb`), which is what makes writing them into CSS safe.
 */
const injected = new Set<string>();
let sheet: HTMLStyleElement | null = null;

export function peerSelectionClass(peer: Pick<Peer, 'user'>): string {
  const hex = peer.user.color.slice(1).toLowerCase();
  const className = `sp-remote-selection sp-peer-sel-${hex}`;
  if (!injected.has(hex)) {
    injected.add(hex);
    sheet ??= document.head.appendChild(document.createElement('style'));
    // 33 = 20% alpha: the text under a remote selection stays readable.
    sheet.append(`.sp-peer-sel-${hex} { background-color: #${hex}33; }\n`);
  }
  return className;
}
