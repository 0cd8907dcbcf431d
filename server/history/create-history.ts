import type { Logger } from 'pino';
import { personIn } from '../ai/session/person-in-room';
import type { AccessResult } from '../auth/auth-extension';
import type { IdentitySigner } from '../auth/identity';
import type { RoomRegistry } from '../collab/core/room-registry';
import type { Storage } from '../collab/storage/storage';
import type { Config } from '../config';
import type { HistoryApiDeps } from '../http/history-api';
import { HistoryExtension } from './history-extension';
import { HistoryService } from './history-service';

export interface HistoryParts {
  service: HistoryService;
  extension: HistoryExtension;
  api: HistoryApiDeps;
}

/**
 * History as the server assembles it. The room registry is built from the extensions, this one among
 * them, so it is handed in as a getter: history uses it only once requests arrive.
 */
export function createHistory(
  config: Config,
  deps: { storage: Storage; rooms: () => RoomRegistry; identities: IdentitySigner; access: HistoryApiDeps['access']; logger: Logger },
): HistoryParts {
  const { storage, rooms, identities, logger } = deps;
  const service = new HistoryService(
    storage,
    { hold: (id) => rooms().hold(id), release: (room) => rooms().release(room) },
    {
      versionEveryMs: config.versionEveryMs,
      versionsHourlyAfterMs: config.versionsHourlyAfterMs,
      maxVersionsPerRoom: config.maxVersionsPerRoom,
      restoreDiffBudgetMs: config.restoreDiffBudgetMs,
      maxFilesPerRoom: config.maxFilesPerRoom,
      maxWritersPerRoom: config.maxWritersPerRoom,
    },
    logger,
  );
  const api: HistoryApiDeps = {
    history: service,
    access: (room, token): Promise<AccessResult> => deps.access(room, token),
    async nameFor(room, identity) {
      // Named only while the room is open: the name lives in the person's awareness state.
      const userId = identities.verify(identity, room);
      return userId !== null && rooms().isLoaded(room) ? personIn(await rooms().open(room), userId).name : 'Someone';
    },
  };
  return { service, extension: new HistoryExtension(service), api };
}
