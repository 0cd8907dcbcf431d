// lib/shared/protocol/ai/: the AI channel between a browser and the server: one socket.io connection per client
// on the `/ai` namespace, every message on the `ai` event, each a member of a union keyed by `type`
// (messages.ts). One file per kind of request, each with the messages both ways: complete.ts (ghost text),
// edit.ts (Spark writing a selection, the workspace or an action), proposal.ts (deciding a proposed diff),
// chat.ts (the room's chat), run-fix.ts (fixing a failed run), follow-ups.ts (next-edit follow-ups) and
// connection.ts (handshake, hello, closing). errors.ts names every refusal; permissions.ts says what each
// message needs. The server validates everything it receives; the browser imports the same types.
export * from './chat';
export * from './complete';
export * from './connection';
export * from './edit';
export * from './errors';
export { pinSchema, type Pin } from './fields';
export * from './follow-ups';
export * from './messages';
export * from './permissions';
export * from './proposal';
export * from './run-fix';

// Every switch over these unions ends in assertNever; protocol users find it beside the types.
export { assertNever } from '../../assert-never';
