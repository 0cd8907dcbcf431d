import Database from 'better-sqlite3';
import path from 'node:path';
import { deflateSync, zipSync } from 'fflate';

/** Rooms a server's SQLite data dir holds, read through a connection of its own. */
export function roomCount(dataDir: string): number {
  const db = new Database(path.join(dataDir, 'sparkpad.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM rooms').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** A zip of the given entries, written by fflate as any archiver would (it checks no names). */
export function zipOf(entries: Record<string, string | Uint8Array>): Uint8Array {
  const bytes: Record<string, Uint8Array> = {};
  for (const [name, content] of Object.entries(entries)) bytes[name] = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return zipSync(bytes);
}

/**
 * A zip bomb that lies: one entry of `realBytes` zeros (deflated to a few KiB) whose local and central
 * headers both declare `declaredBytes`, so only the inflating itself can find it out.
 */
export function lyingZipBomb(name: string, realBytes: number, declaredBytes: number): Uint8Array {
  const data = deflateSync(new Uint8Array(realBytes), { level: 9 });
  const nameBytes = new TextEncoder().encode(name);
  const local = header(30 + nameBytes.length, (v) => {
    v.setUint32(0, 0x04034b50, true);
    v.setUint16(4, 20, true);
    v.setUint16(8, 8, true);
    v.setUint32(18, data.length, true);
    v.setUint32(22, declaredBytes, true);
    v.setUint16(26, nameBytes.length, true);
  }, nameBytes);
  const central = header(46 + nameBytes.length, (v) => {
    v.setUint32(0, 0x02014b50, true);
    v.setUint16(4, 20, true);
    v.setUint16(6, 20, true);
    v.setUint16(10, 8, true);
    v.setUint32(20, data.length, true);
    v.setUint32(24, declaredBytes, true);
    v.setUint16(28, nameBytes.length, true);
    v.setUint32(42, 0, true);
  }, nameBytes);
  const end = header(22, (v) => {
    v.setUint32(0, 0x06054b50, true);
    v.setUint16(8, 1, true);
    v.setUint16(10, 1, true);
    v.setUint32(12, central.length, true);
    v.setUint32(16, local.length + data.length, true);
  });
  return concat([local, data, central, end]);
}

function header(bytes: number, write: (view: DataView) => void, name?: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes);
  write(new DataView(out.buffer));
  if (name) out.set(name, bytes - name.length);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** POST /api/sessions with a zip body: the status and the parsed answer. */
export async function importZip(url: string, zip: Uint8Array): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/zip' }, body: Buffer.from(zip) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** GET /api/sessions/<room>/export with a bearer token: the status and the bytes. */
export async function exportZip(url: string, room: string, token: string): Promise<{ status: number; type: string | null; bytes: Uint8Array }> {
  const response = await fetch(`${url}/api/sessions/${room}/export`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, type: response.headers.get('content-type'), bytes: new Uint8Array(await response.arrayBuffer()) };
}

/** POST /api/sessions/<room>/files with a zip body and a bearer token: the status and the parsed answer. */
export async function addFilesZip(url: string, room: string, token: string, zip: Uint8Array): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/api/sessions/${room}/files`, {
    method: 'POST',
    headers: { 'content-type': 'application/zip', authorization: `Bearer ${token}` },
    body: Buffer.from(zip),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
