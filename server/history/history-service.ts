// server/history/: a session's versions: taking them (after a stretch of editing, before each Spark edit,
// on request, before a restore), retention, a version's files, restoring one as a forward edit, and the
// names of who wrote with each Yjs client id (writers.ts).
// HistoryService (this file) is the entry point; history-extension.ts watches rooms for it.
import type { Logger } from 'pino';
import { nanoid } from 'nanoid';
import * as Y from 'yjs';
import { fileTexts } from '../../lib/shared/document/doc-model';
import type { HistoryRefusal, VersionFiles, VersionKind, VersionMeta } from '../../lib/shared/protocol/history';
import { MAX_VERSION_LABEL_CHARS } from '../../lib/shared/protocol/history';
import type { Room } from '../collab/core/room';
import type { Storage } from '../collab/storage/storage';
import { Participants } from './participants';
import { applyRestore, planRestore, type RestoreOrigin, type RestorePlan, type RestoreTarget } from './restore-edit';
import { versionsToThin } from './retention';
import { filesOfState } from './workspace-files';
import { Writers } from './writers';

export interface HistorySettings {
  /** A stretch of editing this long ends in an automatic version. */
  versionEveryMs: number;
  /** Versions older than this are thinned to one per hour. */
  versionsHourlyAfterMs: number;
  maxVersionsPerRoom: number;
  /** Time one file's diff may take during a restore before it falls back to a coarser edit. */
  restoreDiffBudgetMs: number;
  /** The room's file limit, which a restore honours like any edit. */
  maxFilesPerRoom: number;
  /** Yjs clients a room keeps a name and colour for. */
  maxWritersPerRoom: number;
}

/** A room as history needs it: its id and live document (the collab Room and Spark's room both fit). */
export interface HistoryRoom {
  id: string;
  doc: Y.Doc;
}

/** Loaded rooms, held while a version is taken or restored (the collab room registry). */
export interface HistoryRooms {
  hold(id: string): Promise<Room>;
  release(room: Room): void;
}

export type RestoreResult = { ok: true; changed: string[]; before: VersionMeta } | { ok: false; reason: HistoryRefusal };

export class HistoryService {
  readonly participants = new Participants();
  readonly writers: Writers;

  constructor(
    private readonly storage: Storage,
    private readonly rooms: HistoryRooms,
    readonly settings: HistorySettings,
    private readonly logger: Logger,
  ) {
    this.writers = new Writers(settings.maxWritersPerRoom);
  }

  /**
   * Takes a version of a loaded room. The state is encoded before anything awaits, so the version is the
   * document at this very moment, whatever arrives while it is stored.
   */
  async take(room: HistoryRoom, kind: VersionKind, label: string): Promise<VersionMeta> {
    const state = Y.encodeStateAsUpdate(room.doc);
    const meta: VersionMeta = {
      id: nanoid(12),
      at: Date.now(),
      kind,
      label: label.slice(0, MAX_VERSION_LABEL_CHARS),
      by: this.participants.take(room.id),
    };
    try {
      await this.storage.saveVersion(room.id, { ...meta, state });
    } catch (error) {
      // The next version credits them instead.
      for (const name of meta.by) this.participants.note(room.id, name);
      throw error;
    }
    await this.thin(room.id).catch((error: Error) => this.logger.warn({ err: error, room: room.id }, 'thinning versions failed'));
    return meta;
  }

  /** Takes a version and logs a failure instead of throwing: for versions nobody waits on. */
  async takeQuietly(room: HistoryRoom, kind: VersionKind, label: string): Promise<void> {
    await this.take(room, kind, label).then(
      () => undefined,
      (error: Error) => this.logger.error({ err: error, room: room.id, kind }, 'taking a version failed'),
    );
  }

  list(roomId: string): Promise<VersionMeta[]> {
    return this.storage.listVersions(roomId);
  }

  async files(roomId: string, versionId: string): Promise<VersionFiles | null> {
    const version = await this.storage.loadVersion(roomId, versionId);
    if (!version) return null;
    return { id: version.id, at: version.at, files: Object.fromEntries(filesOfState(version.state)) };
  }

  /** "Save version": a manual version, with the person who asked among those credited. */
  async save(roomId: string, label: string, by: string | null): Promise<VersionMeta> {
    const room = await this.rooms.hold(roomId);
    try {
      if (by) this.participants.note(roomId, by);
      return await this.take(room, 'manual', label);
    } finally {
      this.rooms.release(room);
    }
  }

  /**
   * Restores the whole workspace, or one file, to a version: first a version of the present (so the
   * restore can itself be undone from history), then the forward edit.
   */
  async restore(roomId: string, versionId: string, file: string | undefined, by: string): Promise<RestoreResult> {
    const version = await this.storage.loadVersion(roomId, versionId);
    if (!version) return { ok: false, reason: 'VERSION_NOT_FOUND' };
    const target: RestoreTarget = file === undefined ? { kind: 'workspace' } : { kind: 'file', path: file };
    const room = await this.rooms.hold(roomId);
    try {
      const files = filesOfState(version.state);
      const current = fileTexts(room.doc);
      if (file !== undefined && !files.has(file) && !current.has(file)) return { ok: false, reason: 'FILE_NOT_FOUND' };
      const after = file === undefined ? files.size : current.size + (files.has(file) && !current.has(file) ? 1 : 0);
      if (after > this.settings.maxFilesPerRoom && after > current.size) return { ok: false, reason: 'TOO_MANY_FILES' };
      const tooLarge = admitRestore(room, this.plan(room, files, target));
      if (tooLarge) return { ok: false, reason: tooLarge };
      const before = await this.take(room, 'restore', `Before restoring ${file ?? 'the workspace'} to ${describe(version)}`);
      // Planned again: others may have typed while the version of the present was stored.
      const plan = this.plan(room, files, target);
      const lateTooLarge = admitRestore(room, plan);
      if (lateTooLarge) return { ok: false, reason: lateTooLarge };
      const origin: RestoreOrigin = { restore: true, by };
      return { ok: true, changed: applyRestore(room.doc, plan, origin), before };
    } finally {
      this.rooms.release(room);
    }
  }

  private plan(room: Room, files: Map<string, string>, target: RestoreTarget): RestorePlan {
    return planRestore(room.doc, files, target, this.settings.restoreDiffBudgetMs);
  }

  private async thin(roomId: string): Promise<void> {
    const drop = versionsToThin(await this.storage.listVersions(roomId), Date.now(), {
      hourlyAfterMs: this.settings.versionsHourlyAfterMs,
      maxVersions: this.settings.maxVersionsPerRoom,
    });
    if (drop.length > 0) await this.storage.deleteVersions(roomId, drop);
  }
}

/**
 * A restore is a write like any member's: held to the room's size limit before it is made. Only its bytes
 * are asked about; the file count is checked with the deletions a workspace restore makes.
 */
function admitRestore(room: Room, plan: RestorePlan): HistoryRefusal | undefined {
  const refused = room.admitWrite({ bytes: plan.bytes });
  if (refused === undefined || refused === 'DOCUMENT_TOO_LARGE') return refused;
  throw new Error(`a restore's size was refused as ${refused}`);
}

function describe(version: VersionMeta): string {
  return version.label || `the version of ${new Date(version.at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
