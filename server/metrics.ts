import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { RefusalReason } from '../lib/shared/protocol/refusals';
import type { StorageCounters } from './collab/extensions/persistence-extension';
import type { AwarenessDrop } from './collab/core/awareness-gate';
import type { SessionCounters } from './collab/core/session';

/** The collaboration metrics, exported at /api/metrics. The AI router registers its own on the same registry. */
export class CollabMetrics implements SessionCounters, StorageCounters {
  readonly registry = new Registry();
  private readonly droppedUpdates: Counter;
  private readonly refusals: Counter<'reason'>;
  private readonly awarenessDrops: Counter<'reason'>;
  private readonly storageFailures: Counter<'operation'>;

  constructor(sources: { connections: () => number; rooms: () => number; unsavedRooms: () => number }) {
    collectDefaultMetrics({ register: this.registry });
    this.droppedUpdates = new Counter({
      name: 'sparkpad_readonly_updates_dropped_total',
      help: 'Document updates sent by view-only sessions and dropped',
      registers: [this.registry],
    });
    this.awarenessDrops = new Counter({
      name: 'sparkpad_awareness_dropped_total',
      help: 'Presence states not taken from a connection (or not sent to a lagging one), by reason',
      labelNames: ['reason'],
      registers: [this.registry],
    });
    this.refusals = new Counter({
      name: 'sparkpad_refusals_total',
      help: 'Connections refused or closed by the server, by reason',
      labelNames: ['reason'],
      registers: [this.registry],
    });
    new Gauge({
      name: 'sparkpad_yjs_connections',
      help: 'Open Yjs websocket connections',
      registers: [this.registry],
      collect() {
        this.set(sources.connections());
      },
    });
    this.storageFailures = new Counter({
      name: 'sparkpad_storage_failures_total',
      help: 'Storage writes that failed and were kept for a retry, by operation',
      labelNames: ['operation'],
      registers: [this.registry],
    });
    new Gauge({
      name: 'sparkpad_rooms_unsaved',
      help: 'Loaded rooms holding edits that storage refused, waiting for a retry',
      registers: [this.registry],
      collect() {
        this.set(sources.unsavedRooms());
      },
    });
    new Gauge({
      name: 'sparkpad_rooms_loaded',
      help: 'Rooms loaded in memory',
      registers: [this.registry],
      collect() {
        this.set(sources.rooms());
      },
    });
  }

  droppedReadOnlyUpdate(): void {
    this.droppedUpdates.inc();
  }

  droppedAwareness(reason: AwarenessDrop): void {
    this.awarenessDrops.inc({ reason });
  }

  refused(reason: RefusalReason): void {
    this.refusals.inc({ reason });
  }

  storageFailed(operation: 'append' | 'compact'): void {
    this.storageFailures.inc({ operation });
  }
}
