// server/ai/session/: one connection to Spark, independent of socket.io: the session (permission table,
// verified identity, named close), the requests it hands Spark (spark-requests.ts), its transport interface
// and how router events and refusals go on the wire.
import {
  AI_PROTOCOL_VERSION,
  clientMessageSchema,
  type ClientMessage,
  type ServerMessage,
} from '../../../lib/shared/protocol/ai';
import { AI_MESSAGE_PERMISSION } from '../../../lib/shared/protocol/ai/permissions';
import type { RefusalReason } from '../../../lib/shared/protocol/refusals';
import { grants, type Permission } from '../../../lib/shared/share-token';
import type { AiMetrics } from '../metrics';
import type { AiRouter } from '../routing/router';
import type { SparkPeer } from '../spark/spark-peer';
import type { SparkPeers } from '../spark/peer-registry';
import { proposalStreams } from '../spark/proposals/proposal-streams';
import type { ProposalReviewers } from '../../../lib/shared/protocol/room-defaults';
import type { AiTransport } from './ai-transport';
import { completionMessage } from './completion-messages';
import { errorReply } from './error-reply';
import { handleSparkRequest, type Asker } from './spark-requests';

/** What the hook chain's onAuthenticate established for this connection. */
export interface AiAccess {
  roomId: string;
  permission: Permission;
  /** Link generation of the token; rotation closes sessions opened with older ones. */
  generation: number;
  /** The server-signed identity the person presented, or null: then the connection is a stranger of its own. */
  userId: string | null;
  /** Unique per connection, naming the stranger when there is no identity. */
  connectionId: string;
}

export interface AiSessionDeps {
  router: AiRouter;
  /** Spark's peers; without them Spark stays out of rooms and edits are refused. */
  peers: SparkPeers | null;
  metrics?: AiMetrics;
  /** The room's rule for who may accept or reject a proposal; only its asker when absent. */
  proposalReviewers?: (roomId: string) => Promise<ProposalReviewers>;
}

type AiSessionState = { kind: 'open'; peer: Promise<SparkPeer | null> } | { kind: 'closed'; reason: RefusalReason | 'disconnected' };

/**
 * One connection to Spark. Every message is validated against the protocol, then checked against the one
 * permission table before anything else happens; a refused message changes nothing, reaches no model and
 * spends no one's rate budget. Undo, stop, rate limits and chat authorship key on the server-verified
 * identity, never on anything the client declares.
 */
export class AiSession {
  private state: AiSessionState = { kind: 'closed', reason: 'disconnected' };
  private readonly requests = new Map<string, AbortController>();
  /** Leaves the people Spark can ask by name (to run a file again); set once Spark's room is joined. */
  private unreachable: (() => void) | null = null;
  /** The key for this person in the router (rate limits) and in Spark (undo, stop): room-scoped. */
  readonly requester: string;
  /** This person as Spark's requests name them (spark-requests.ts). */
  private readonly asker: Asker;
  /** Stops the room's follow-up lists reaching this connection. */
  private unfollow: (() => void) | null = null;

  constructor(
    readonly access: AiAccess,
    private readonly transport: AiTransport,
    private readonly deps: AiSessionDeps,
  ) {
    this.requester = `${access.roomId}/${access.userId ?? `connection:${access.connectionId}`}`;
    this.asker = { requester: this.requester, userId: this.userId, access, deps, send: (message) => this.send(message) };
  }

  /** The id the hello names this person by: proposals record their asker by it. */
  get userId(): string {
    return this.access.userId ?? `connection:${this.access.connectionId}`;
  }

  get isOpen(): boolean {
    return this.state.kind === 'open';
  }

  /** Joins Spark's room and says hello. */
  start(): void {
    const { peers, router } = this.deps;
    const peer = peers ? peers.acquire(this.access.roomId).catch(() => null) : Promise.resolve(null);
    this.state = { kind: 'open', peer };
    const { userId } = this.access;
    void peer.then((spark) => {
      if (spark && userId !== null && this.state.kind === 'open') this.unreachable = spark.people.add(userId, (m) => this.send(m));
      if (spark && this.state.kind === 'open') this.unfollow = spark.followUps.subscribe((followUps) => this.send({ type: 'next-edit:list', followUps }));
    });
    this.send({
      type: 'hello',
      protocolVersion: AI_PROTOCOL_VERSION,
      permission: this.access.permission,
      userId: this.userId,
      tiers: { fast: router.tiers.fast.label, deep: router.tiers.deep.label },
      model: router.model,
      promptWindow: router.promptWindow,
    });
  }

  receive(raw: unknown): void {
    if (this.state.kind !== 'open') return;
    const parsed = clientMessageSchema.safeParse(raw);
    if (!parsed.success) {
      const id = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id.slice(0, 64) : undefined;
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ');
      return this.send({ type: 'error', ...(id ? { id } : {}), error: { code: 'INVALID_MESSAGE', message: detail.slice(0, 500) } });
    }
    const message = parsed.data;
    if (!grants(this.access.permission, AI_MESSAGE_PERMISSION[message.type])) {
      return this.send(errorReply(message, { code: 'READ_ONLY', message: `A view-only link cannot send ${message.type}.` }));
    }
    const peer = this.state.peer;
    void this.handle(message, peer).catch((error: unknown) =>
      this.send(errorReply(message, { code: 'INTERNAL', message: (error as Error).message })),
    );
  }

  /** Closes from the server's side, saying why first. */
  close(reason: RefusalReason): void {
    if (this.state.kind !== 'open') return;
    this.send({ type: 'closing', reason });
    this.end(reason);
    this.transport.close();
  }

  /** The connection ended: cancel what runs for this person and leave Spark's room. */
  end(reason: RefusalReason | 'disconnected' = 'disconnected'): void {
    if (this.state.kind !== 'open') return;
    const { peer } = this.state;
    this.state = { kind: 'closed', reason };
    for (const controller of this.requests.values()) controller.abort(new Error('disconnected'));
    this.requests.clear();
    this.unreachable?.();
    this.deps.router.forgetUser(this.requester);
    this.unfollow?.();
    void peer.then((spark) => {
      if (!spark) return;
      spark.followUps.releaseAll(this.access.connectionId);
      spark.stopAllFor(this.requester);
      proposalStreams(spark).stopAllFor(this.requester);
      this.deps.peers?.release(this.access.roomId);
    });
  }

  private send(message: ServerMessage): void {
    if (this.state.kind === 'open') this.transport.send(message);
  }

  private async handle(message: ClientMessage, peer: Promise<SparkPeer | null>): Promise<void> {
    switch (message.type) {
      case 'complete':
        return this.complete(message, await peer);
      case 'cancel':
        this.requests.get(message.id)?.abort(new Error('cancelled'));
        return;
      case 'latency':
        this.deps.metrics?.clientLatency(message.keystrokeToFirstCharMs);
        return;
      default:
        return handleSparkRequest(message, peer, this.asker);
    }
  }

  private async complete(message: Extract<ClientMessage, { type: 'complete' }>, spark: SparkPeer | null): Promise<void> {
    const { id } = message;
    this.requests.get(id)?.abort(new Error('replaced'));
    const controller = new AbortController();
    this.requests.set(id, controller);
    // Spark's cursor follows the answer and never goes ahead of it: its move reaches the person's page as
    // a message of its own, which the page would handle (redrawing carets) before the answer behind it.
    let cursorFollowed = false;
    const followWithCursor = () => {
      if (cursorFollowed || !message.at) return;
      cursorFollowed = true;
      spark?.suggesting(message.file, message.at);
    };
    try {
      const stream = this.deps.router.complete(
        {
          userId: this.requester,
          roomId: this.access.roomId,
          pin: message.pin,
          path: message.file,
          language: message.language,
          prefix: message.prefix,
          suffix: message.suffix,
          workspace: spark?.workspace ?? null,
        },
        controller.signal,
      );
      for await (const event of stream) {
        this.send(completionMessage(id, event));
        followWithCursor();
      }
    } finally {
      followWithCursor();
      if (this.requests.get(id) === controller) this.requests.delete(id);
    }
  }
}
