import type { Registry } from 'prom-client';
import type { Config } from './config';

/**
 * The server's services as Next.js route handlers see them. Route handlers are bundled by Next and
 * do not share module instances with the custom server, so the server publishes this object on
 * globalThis under a registered symbol and handlers read it from there. (The sessions API is served by
 * the server itself: server/http/sessions-api.ts.)
 */

export interface SparkpadServices {
  config: Config;
  version: string;
  startedAt: number;
  metrics: Registry;
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
