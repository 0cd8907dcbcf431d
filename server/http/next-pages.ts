import type http from 'node:http';
import path from 'node:path';
import { compressedStaticChunks } from './static-chunks';

/**
 * Next.js's request handler for the pages, production build or dev server by NODE_ENV; loaded only when
 * pages are served. In production the build's script and style chunks are served compressed once.
 */
export async function createNextHandler(): Promise<http.RequestListener> {
  const { default: next } = await import('next');
  const dev = process.env.NODE_ENV !== 'production';
  const app = next({ dev });
  await app.prepare();
  const handle = app.getRequestHandler();
  // The build folder as next.config.js names it.
  const chunks = dev ? null : compressedStaticChunks(path.resolve(process.env.NEXT_DIST_DIR || '.next', 'static'));
  return (req, res) => {
    if (chunks?.(req, res)) return;
    void handle(req, res);
  };
}
