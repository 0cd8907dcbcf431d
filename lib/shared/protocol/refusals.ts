/**
 * Why the server refuses or closes a connection. Websocket refusals use close codes 4000-4999 with the
 * reason name as the close text, so the browser can show a precise message.
 */
export const REFUSAL = {
  UNAUTHORIZED: 4001,
  FORBIDDEN_ROOM: 4003,
  ROOM_NOT_FOUND: 4004,
  BAD_ROOM_ID: 4005,
  MESSAGE_TOO_LARGE: 4009,
  MALFORMED_MESSAGE: 4010,
  HEARTBEAT_TIMEOUT: 4008,
  SLOW_CONSUMER: 4011,
  TOO_MANY_CONNECTIONS: 4029,
  ROOM_FULL: 4030,
  DOCUMENT_TOO_LARGE: 4013,
  TOO_MANY_FILES: 4014,
  BAD_FILE_NAME: 4015,
  BAD_DOCUMENT_ENTRY: 4016,
  MISSING_DEPENDENCIES: 4017,
  TOO_MANY_ROOMS: 4032,
  TOO_MANY_CONNECTIONS_FROM_IP: 4033,
  HANDSHAKE_RATE_LIMITED: 4034,
  LINKS_ROTATED: 4031,
  OWNER_ONLY: 4035,
  SERVER_SHUTTING_DOWN: 4503,
} as const;

export type RefusalReason = keyof typeof REFUSAL;

export const REFUSAL_MESSAGES: Record<RefusalReason, string> = {
  UNAUTHORIZED: 'This link is not valid. Ask for a fresh share link.',
  FORBIDDEN_ROOM: 'This link belongs to another session.',
  ROOM_NOT_FOUND: 'This session does not exist.',
  BAD_ROOM_ID: 'This is not a session address.',
  MESSAGE_TOO_LARGE: 'A change was too large to send.',
  MALFORMED_MESSAGE: 'The connection sent a message the server could not read.',
  HEARTBEAT_TIMEOUT: 'The connection stopped answering. Reconnecting…',
  SLOW_CONSUMER: 'The connection could not keep up with the session. Reconnecting…',
  TOO_MANY_CONNECTIONS: 'The server is at capacity. Try again shortly.',
  ROOM_FULL: 'This session is full.',
  DOCUMENT_TOO_LARGE: 'This session reached its size limit.',
  TOO_MANY_FILES: 'This session has as many files as it may hold.',
  BAD_FILE_NAME: 'A file name broke the naming rules.',
  BAD_DOCUMENT_ENTRY: 'A change did not fit the shape of the session document.',
  MISSING_DEPENDENCIES: 'A change arrived without the changes it builds on. Reconnecting…',
  TOO_MANY_ROOMS: 'The server has too many open sessions. Try again shortly.',
  TOO_MANY_CONNECTIONS_FROM_IP: 'Too many connections from your network. Close some tabs and try again.',
  HANDSHAKE_RATE_LIMITED: 'Your network is connecting too often. Retrying shortly…',
  LINKS_ROTATED: 'The owner replaced the share links. Ask for a new link.',
  OWNER_ONLY: 'Only the owner link can do this.',
  SERVER_SHUTTING_DOWN: 'The server is restarting. Reconnecting…',
};

export function refusalFromCloseCode(code: number): RefusalReason | null {
  const entry = Object.entries(REFUSAL).find(([, value]) => value === code);
  return entry ? (entry[0] as RefusalReason) : null;
}
