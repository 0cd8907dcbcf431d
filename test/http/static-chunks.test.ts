import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressedStaticChunks } from '../../server/http/static-chunks';

const SCRIPT = 'globalThis.chunk = "' + 'a'.repeat(4000) + '";\n';

describe('compressed static chunks', () => {
  let dir: string;
  let server: http.Server;
  let origin: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'static-chunks-'));
    fs.mkdirSync(path.join(dir, 'static', 'chunks'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'static', 'chunks', 'abc123.js'), SCRIPT);
    fs.writeFileSync(path.join(dir, 'static', 'chunks', 'font.woff2'), 'font');
    fs.writeFileSync(path.join(dir, 'secret.js'), 'outside');
    const chunks = compressedStaticChunks(path.join(dir, 'static'));
    server = http.createServer((req, res) => {
      if (chunks(req, res)) return;
      res.writeHead(418).end('fallthrough');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A raw GET, so the path is sent as written (fetch would normalise `..`). */
  function get(pathname: string, acceptEncoding = 'gzip, deflate, br'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const req = http.request(`${origin}/`, { path: pathname, headers: { 'accept-encoding': acceptEncoding } }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('serves a script gzipped, immutable, with the bytes of the file', async () => {
    for (let i = 0; i < 2; i++) {
      const response = await get('/_next/static/chunks/abc123.js');
      expect(response.status).toBe(200);
      expect(response.headers['content-encoding']).toBe('gzip');
      expect(response.headers['content-type']).toBe('application/javascript; charset=UTF-8');
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(zlib.gunzipSync(response.body).toString()).toBe(SCRIPT);
    }
  });

  it('leaves to the next handler what is not a chunk in the folder, or a browser that takes no gzip', async () => {
    expect((await get('/_next/static/chunks/missing.js')).status).toBe(418);
    expect((await get('/_next/static/chunks/font.woff2')).status).toBe(418);
    expect((await get('/_next/static/../secret.js')).status).toBe(418);
    expect((await get('/_next/static/%2e%2e/secret.js')).status).toBe(418);
    expect((await get('/_next/static/chunks/abc123.js', 'identity')).status).toBe(418);
    expect((await get('/other/chunks/abc123.js')).status).toBe(418);
  });
});
