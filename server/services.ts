import type { Registry } from 'prom-client';
import type { RefusalReason } from '../lib/shared/protocol/refusals';
import type { Config } from './config';

import type { CreatedSession } from '../lib/shared/protocol/sessions';

export type { CreatedSession };

/**
 * The server's services as Next.js route handlers see them. Route handlers are bundled by Next and
 * do not share module instances with the custom server, so the server publishes this object on
 * globalThis under a registered symbol and handlers read it from there.
 */
export type LinksResult = { ok: true; links: CreatedSession } | { ok: false; reason: RefusalReason };

export interface SparkpadServices {
  config: Config;
  version: string;
  startedAt: number;
  metrics: Registry;
  createSession(origin: string): Promise<CreatedSession>;
  /** The room's current links, for a holder of its edit token. */
  sessionLinks(room: string, editToken: string | null, origin: string): Promise<LinksResult>;
  /** New links for the room, cutting off the old ones; needs the current edit token. */
  rotateLinks(room: string, editToken: string | null, origin: string): Promise<LinksResult>;
}

const KEY = Symbol.for('sparkpad.services');
type Holder = { [KEY]?: SparkpadServices };

export function publishServices(services: SparkpadServices): void {
  (globalThis as Holder)[KEY] = services;
}

export function getServices(): SparkpadServices {
  const services = (globalThis as Holder)[KEY];
  if (!services) throw new Error('Sparkpad services are not running: start the app with `npm start`');
  return services;
}
