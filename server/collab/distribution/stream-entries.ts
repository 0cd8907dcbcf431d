import type { RoomMessage } from './distributor';

/** One entry of a room's Redis stream as XREAD returns it: its id and its field/value pairs. */
export type StreamEntry = [id: Buffer, fields: Buffer[]];

/** The fields a publish writes: which instance sent it (so it can skip its own), the kind and the bytes. */
export function entryFields(instanceId: string, message: RoomMessage): Array<string | Buffer> {
  return ['from', instanceId, 'kind', message.kind, 'data', Buffer.from(message.data)];
}

export function decodeFields(fields: Buffer[]): { from?: string; kind?: string; data?: Buffer } {
  const entry: Record<string, Buffer> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) entry[fields[i]!.toString()] = fields[i + 1]!;
  return { from: entry.from?.toString(), kind: entry.kind?.toString(), data: entry.data };
}

/** Stream ids are `<ms>-<seq>`; compare numerically. */
export function isAfter(id: string, than: string): boolean {
  const [ms, seq] = id.split('-').map(Number) as [number, number];
  const [thanMs, thanSeq] = than.split('-').map(Number) as [number, number];
  return ms > thanMs || (ms === thanMs && seq > thanSeq);
}
