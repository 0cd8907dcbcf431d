// server/collab/extensions/: features that plug into the collab core through its hooks, each in its own
// file: persistence (append within the durability window, compaction), distribution across instances
// (Redis), the document limits (size, file count, file names), the document's shape (every write fits
// the document model) and the structures only the server writes. The server composes them from here.
export { DistributionExtension } from './distribution-extension';
export { DocumentShapeExtension } from './document-shape-extension';
export { LimitsExtension, type DocumentLimits } from './limits-extension';
export { FROM_STORAGE, PersistenceExtension, type PersistenceOptions, type StorageStatus } from './persistence-extension';
export { ServerWrittenExtension } from './server-written-extension';
