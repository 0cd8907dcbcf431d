// lib/shared/protocol/: one module per channel between browser and server, each with the zod schemas of
// its messages, the inferred types both sides use and its named error codes: ai/ (Spark over socket.io),
// awareness.ts (presence over y-protocols), history.ts (the history HTTP API), next-edit.ts (the follow-ups
// Spark offers after a change, on the AI channel), refusals.ts (why /yjs closes a socket), sessions.ts (the
// sessions HTTP API). The server validates what it receives against these schemas.
export * from './ai';
export * from './awareness';
export * from './history';
export * from './next-edit';
export * from './refusals';
export * from './sessions';
