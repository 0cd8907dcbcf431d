// lib/shared/: what browser and server both run, and the only part of lib/ the server may import (a test
// in test/layout checks it): the wire protocol (protocol/), the shared document's shape (document/), the
// share-link token claims and the rules both sides apply, such as typed-through. Nothing here touches the
// DOM, React, Monaco or a store.
export * from './assert-never';
export * from './document/chat-log';
export * from './document/doc-model';
export * from './document/document-shape';
export * from './document/run-log';
export * from './protocol';
export * from './share-token';
export * from './typed-through';
