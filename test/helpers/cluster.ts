import { createRoomInDatabase, createTestSchema, type TestSchema } from './postgres';
import { dropRedisPrefix, TEST_REDIS_URL, testRedisPrefix } from './redis';
import { startServer, type ServerProcess } from './server-process';
import type { TestRoom } from './sessions';

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
