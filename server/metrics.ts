import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { RefusalReason } from '../lib/shared/protocol/refusals';
import type { SessionCounters } from './collab/core/session';

/** The collaboration metrics, exported at /api/metrics. The AI router registers its own on the same registry. */
export class CollabMetrics implements SessionCounters {
  readonly registry = new Registry();
  private readonly droppedUpdates: Counter;
  private readonly refusals: Counter<'reason'>;

  constructor(sources: { connections: () => number; rooms: () => number }) {
    collectDefaultMetrics({ register: this.registry });
    this.droppedUpdates = new Counter({
      name: 'sparkpad_readonly_updates_dropped_total',
      help: 'Document updates sent by view-only sessions and dropped',
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

  refused(reason: RefusalReason): void {
    this.refusals.inc({ reason });
  }
}
