import { onTestFailed } from 'vitest';

/**
 * Runs `report` if the running test fails, so a wait bounded only by the test's timeout can still say what
 * it was waiting for. Waits made in a hook get the hook's own timeout message instead.
 */
export function whenTheTestFails(report: () => void | Promise<void>): void {
  try {
    onTestFailed(async () => {
      await report();
    });
  } catch {
    // Not inside a test (a beforeAll, say): vitest names the hook that timed out.
  }
}
