import { loadConfig } from '../../server/config';
import type { Storage } from '../../server/collab/storage/storage';
import { createSparkpadServer, type SparkpadServer } from '../../server/sparkpad-server';
import { makeDataDir, TEST_SECRET } from './server-process';

export interface InProcessServer {
  server: SparkpadServer;
  url: string;
  wsUrl: string;
  dataDir: string;
  /** GET /api/health: the status and the parsed body. */
  health(): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

/**
 * Starts the server in the test's own process on port 0, for tests that hand it a component (a faulty
 * storage) or need to reach inside it. `env` uses the same variable names as a real start.
 */
export async function startInProcess(
  options: { env?: Record<string, string>; storage?: (dataDir: string) => Storage; dataDir?: string } = {},
): Promise<InProcessServer> {
  const dataDir = options.dataDir ?? makeDataDir();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    SPARKPAD_DATA_DIR: dataDir,
    SPARKPAD_SECRET: TEST_SECRET,
    SPARKPAD_SERVE_NEXT: 'false',
    SPARKPAD_EMBEDDED_CORPUS_BYTES: '0',
    // A language-service worker per server would cost each of these many servers its warm-up CPU; the
    // tests of the service turn it on.
    SPARKPAD_EMBEDDED_LANGUAGE_SERVICE: 'false',
    // Tests say which model they use: what this machine happens to run must not be found.
    SPARKPAD_DISCOVER: 'false',
    ...options.env,
  });
  const server = await createSparkpadServer(config, { storage: options.storage?.(dataDir) });
  const port = await server.listen();
  const url = `http://127.0.0.1:${port}`;
  return {
    server,
    url,
    wsUrl: `ws://127.0.0.1:${port}`,
    dataDir,
    async health() {
      const response = await fetch(`${url}/api/health`);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    close: () => server.close(),
  };
}

/** Resolves once `check` holds, asking every `everyMs`; rejects after `timeoutMs` naming what it waited for. */
export async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 10_000, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
