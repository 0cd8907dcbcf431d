import { afterAll, afterEach, beforeAll } from 'vitest';
import type * as Y from 'yjs';
import { createRoomInDatabase, createTestSchema, type TestSchema } from './postgres';
import { dropRedisPrefix, TEST_REDIS_URL, testRedisPrefix } from './redis';
import { startServer, type ServerProcess } from './server-process';
import type { TestRoom } from './sessions';
import { connectClient, type YjsClient } from './yjs-client';

/** Server processes sharing one PostgreSQL schema and one Redis prefix: a scaled-out Sparkpad in miniature. */
export interface Cluster {
  /** What every instance is started with. */
  env: Record<string, string>;
  schema: TestSchema;
  redisPrefix: string;
  /** Every instance started so far, running or not. */
  instances: ServerProcess[];
  /** Starts one more instance (on `port`, to stand in for a restart at the same address). */
  start(port?: number): Promise<ServerProcess>;
  createRoom(): Promise<TestRoom>;
  /** Kills what still runs and removes the schema and the Redis keys. */
  destroy(): Promise<void>;
}

export interface ClusterOptions {
  /** Extra settings for every instance. */
  env?: Record<string, string>;
  /** Serve the Next.js pages too (E2E; needs `next build`). */
  next?: boolean;
}

export async function startCluster(size: number, { env = {}, next = false }: ClusterOptions = {}): Promise<Cluster> {
  const schema = await createTestSchema();
  const redisPrefix = testRedisPrefix();
  const clusterEnv = {
    SPARKPAD_DATABASE_URL: schema.url,
    SPARKPAD_REDIS_URL: TEST_REDIS_URL,
    SPARKPAD_REDIS_PREFIX: redisPrefix,
    ...env,
  };
  const instances: ServerProcess[] = [];
  const start = async (port?: number) => {
    const instance = await startServer({ port, env: clusterEnv, next });
    instances.push(instance);
    return instance;
  };
  try {
    await Promise.all(Array.from({ length: size }, () => start()));
  } catch (error) {
    await Promise.all(instances.map((instance) => instance.kill()));
    await schema.drop();
    await dropRedisPrefix(redisPrefix);
    throw error;
  }
  return {
    env: clusterEnv,
    schema,
    redisPrefix,
    instances,
    start,
    createRoom: () => createRoomInDatabase(schema.url),
    async destroy() {
      await Promise.all(instances.map((instance) => instance.kill()));
      await schema.drop();
      await dropRedisPrefix(redisPrefix);
    },
  };
}

/** Server processes start slowly on a loaded machine: only a hung start should fail the hook. */
const STARTING_A_CLUSTER_MS = 180_000;

export interface ClusterForTests {
  /** The running cluster; read it inside a test. */
  readonly cluster: Cluster;
  /** A stock client on `instance` (with `doc`, to carry a browser's state to a new instance), destroyed after the tests. */
  connect(instance: ServerProcess, room: string, token: string, doc?: Y.Doc): YjsClient;
}

/**
 * A cluster started before the calling describe block's tests and destroyed after them, together with
 * every client they connected through it.
 */
export function clusterForTheseTests(size: number, options: ClusterOptions = {}): ClusterForTests {
  let cluster: Cluster | null = null;
  const clients: YjsClient[] = [];
  beforeAll(async () => {
    cluster = await startCluster(size, options);
  }, STARTING_A_CLUSTER_MS);
  afterAll(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await cluster?.destroy();
  });
  return {
    get cluster() {
      if (!cluster) throw new Error('the cluster starts before the tests; read it inside one');
      return cluster;
    },
    connect(instance, room, token, doc) {
      const client = connectClient(instance.wsUrl, room, token, doc);
      clients.push(client);
      return client;
    },
  };
}

export interface ClustersInEachTest {
  /** A cluster for this test only. */
  start(size: number, options?: ClusterOptions): Promise<Cluster>;
  /** A stock client on `instance`, destroyed after the test. */
  connect(instance: ServerProcess, room: string, token: string): YjsClient;
}

/** For tests that each start their own cluster: after each test its clients and its cluster are destroyed. */
export function clustersInEachTest(): ClustersInEachTest {
  const clusters: Cluster[] = [];
  const clients: YjsClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    for (const cluster of clusters.splice(0)) await cluster.destroy();
  });
  return {
    async start(size, options) {
      const cluster = await startCluster(size, options);
      clusters.push(cluster);
      return cluster;
    },
    connect(instance, room, token) {
      const client = connectClient(instance.wsUrl, room, token);
      clients.push(client);
      return client;
    },
  };
}
