import fs from 'node:fs';
import { SqliteStorage } from '../../server/collab/storage/sqlite-storage';
import { makeDataDir } from '../helpers/server-process';
import { storageContract } from './storage-contract';

const dataDir = makeDataDir();

storageContract('SqliteStorage', {
  open: async () => new SqliteStorage(dataDir),
  cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
});
