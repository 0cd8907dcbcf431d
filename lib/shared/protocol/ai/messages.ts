import { z } from 'zod';
import { chatClientMessages, chatServerMessages } from './chat';
import { completeClientMessages, completeServerMessages } from './complete';
import { connectionClientMessages, connectionServerMessages } from './connection';
import { editClientMessages, editServerMessages } from './edit';
import { followUpClientMessages, followUpServerMessages } from './follow-ups';
import { proposalClientMessages, proposalServerMessages } from './proposal';
import { runFixClientMessages, runFixServerMessages } from './run-fix';

/** Everything a browser can send on the channel; the server validates every message against it. */
export const clientMessageSchema = z.discriminatedUnion('type', [
  ...completeClientMessages,
  ...editClientMessages,
  ...proposalClientMessages,
  ...chatClientMessages,
  ...runFixClientMessages,
  ...followUpClientMessages,
  ...connectionClientMessages,
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;
export type ClientMessageInput = z.input<typeof clientMessageSchema>;

/** Everything the server can send; the browser validates what it receives against it. */
export const serverMessageSchema = z.discriminatedUnion('type', [
  ...connectionServerMessages,
  ...completeServerMessages,
  ...editServerMessages,
  ...proposalServerMessages,
  ...chatServerMessages,
  ...runFixServerMessages,
  ...followUpServerMessages,
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;
