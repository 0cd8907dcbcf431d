/**
 * The demo's own marks on a page: a caption bar (what is happening) and a name tag (whose screen this
 * is). They are plain elements styled through the CSSOM, which the app's Content-Security-Policy allows
 * (a <style> tag or a style attribute would not be), and they ignore the pointer so they never catch a
 * click meant for the app.
 */
import type { Page } from 'playwright-core';

export interface OverlayState {
  name: string;
  color: string;
  caption: string;
}

/**
 * Runs in the page, so it must be self-contained: no closures over Node values, and no named inner
 * functions (tsx compiles those with a `__name` helper that does not exist in the page).
 */
function applyOverlay(state: OverlayState): void {
  const base = { position: 'fixed', zIndex: '2147483647', pointerEvents: 'none', fontFamily: 'system-ui, sans-serif' };
  const specs = [
    {
      id: 'sparkpad-demo-name',
      text: `${state.name}'s screen`,
      style: { ...base, top: '10px', left: '50%', transform: 'translateX(-50%)', padding: '3px 12px', borderRadius: '999px',
        color: '#fff', background: state.color, fontSize: '15px', fontWeight: '600', boxShadow: '0 1px 6px rgba(0,0,0,.35)' },
    },
    {
      id: 'sparkpad-demo-caption',
      text: state.caption,
      style: { ...base, left: '50%', bottom: '56px', transform: 'translateX(-50%)', maxWidth: '86%', padding: '10px 18px',
        borderRadius: '10px', background: 'rgba(12, 12, 16, 0.88)', color: '#fff', fontSize: '21px', lineHeight: '1.35',
        textAlign: 'center', boxShadow: '0 4px 18px rgba(0,0,0,.4)', transition: 'opacity 200ms ease',
        opacity: state.caption ? '1' : '0' },
    },
  ];
  for (const spec of specs) {
    let element = document.getElementById(spec.id);
    if (!element) {
      element = document.createElement('div');
      element.id = spec.id;
      element.setAttribute('aria-hidden', 'true');
      // On <html>, not <body>: React owns the body's children and may replace them.
      document.documentElement.appendChild(element);
    }
    element.textContent = spec.text;
    Object.assign(element.style, spec.style);
  }
}

export async function showOverlay(page: Page, state: OverlayState): Promise<void> {
  await page.evaluate(applyOverlay, state);
}

/**
 * Returns the function that updates `page`'s overlay. The first call should come once the app is up:
 * drawn during hydration, the elements could make React discard the server HTML.
 */
export function attachOverlay(page: Page, initial: OverlayState): (patch: Partial<OverlayState>) => Promise<void> {
  const state = { ...initial };
  return async (patch) => {
    Object.assign(state, patch);
    await showOverlay(page, state);
  };
}
