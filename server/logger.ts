import pino from 'pino';

/** JSON logs on stdout. LOG_LEVEL picks the level (default info). */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: undefined,
  // Share tokens travel in the websocket query string; never log request URLs with them.
  redact: ['req.url', 'token', '*.token'],
});
