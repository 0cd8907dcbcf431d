import { startCluster, type Cluster, type ClusterOptions } from '../../test/helpers/cluster';
import { notAvailable, type Figure } from './stats';

/**
 * A cluster on the local Redis and PostgreSQL for a part, or the figure saying why there is none: a
 * machine without them still runs the rest of the bench.
 */
export async function clusterOrReason(part: string, figure: string, size: number, options?: ClusterOptions): Promise<Cluster | Figure[]> {
  try {
    return await startCluster(size, options);
  } catch (error) {
    return [notAvailable(part, figure, `needs local Redis and PostgreSQL: ${(error as Error).message}`)];
  }
}
