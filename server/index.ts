// server/: the one-port server: Next.js pages, the Yjs websocket endpoint (collab/), Spark over socket.io
// (ai/), share-link auth (auth/), settings (config.ts) and metrics. This file starts it.

import { ConfigError, loadConfig } from './config';
import { logger } from './logger';
import { createSparkpadServer } from './sparkpad-server';

async function main(): Promise<void> {
  const config = loadConfig();
  const server = await createSparkpadServer(config);
  const port = await server.listen();
  logger.info({ port, host: config.host, dataDir: config.dataDir }, `Sparkpad on http://${config.host}:${port}`);
  // A stable line for scripts and tests that start the server on port 0.
  console.log(`SPARKPAD_LISTENING port=${port}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: storing open rooms');
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    // A bad setting: say which, plainly, and refuse to start.
    console.error(error.message);
    process.exit(2);
  }
  logger.fatal({ err: error }, 'failed to start');
  process.exit(1);
});
