import type http from 'node:http';

/** Next.js's request handler for the pages, production build or dev server by NODE_ENV; loaded only when pages are served. */
export async function createNextHandler(): Promise<http.RequestListener> {
  const { default: next } = await import('next');
  const app = next({ dev: process.env.NODE_ENV !== 'production' });
  await app.prepare();
  const handle = app.getRequestHandler();
  return (req, res) => void handle(req, res);
}
