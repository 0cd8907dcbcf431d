/**
 * Monaco's inline-suggestion controller waits 50 ms before announcing a suggestion to screen readers, and
 * when the suggestion changes sooner (every streamed chunk does) it cancels that wait by rejecting a
 * promise nobody handles: an unhandled `Canceled` per change, also with no provider of ours involved
 * (seen in a bare Monaco 0.55.1 page). VS Code filters these in its global error handler; the standalone
 * editor has none, so the page filters exactly that error and nothing else.
 */
let installed = false;

export function ignoreMonacoCancellations(): void {
  if (installed || typeof window === 'undefined') return;
  installed = true;
  window.addEventListener('unhandledrejection', (event) => {
    const reason = event.reason as Error | undefined;
    if (reason?.name === 'Canceled' && reason.message === 'Canceled') event.preventDefault();
  });
}
