import type { Config } from '../../config';
import { SqliteStorage } from './sqlite-storage';
import type { Storage } from './storage';

/**
 * The storage the settings name: PostgreSQL when SPARKPAD_DATABASE_URL is set, so several instances share
 * documents, else SQLite under the data folder. PostgreSQL's client is loaded only when that setting names it,
 * so a single instance on SQLite never holds its modules.
 */
export async function openStorage(config: Config): Promise<Storage> {
  if (!config.databaseUrl) return new SqliteStorage(config.dataDir);
  const { PostgresStorage } = await import('./postgres-storage');
  return PostgresStorage.connect(config.databaseUrl, {
    connectTimeoutMs: config.databaseConnectTimeoutMs,
    statementTimeoutMs: config.databaseStatementTimeoutMs,
  });
}
