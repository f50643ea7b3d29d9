import 'reflect-metadata';
import { loadConfig } from '@chat/config';
import { Cluster, readPidFile, stillOurs, stopFromPidFile } from '@chat/local-cluster';
import { ClusterEnv } from './cluster.env';

/**
 * `node dist/apps/cluster/src/main.js up|down|status` (npm run cluster:up / cluster:down / cluster:status).
 * `up` returns once every component is ready and leaves them running; `down` stops them from the PID file.
 */
async function main(command = ''): Promise<void> {
  const env = loadConfig(ClusterEnv);
  const cluster = new Cluster({
    port: env.CLUSTER_PORT,
    mongoUrl: env.MONGO_URL,
    runDir: env.CLUSTER_RUN_DIR,
    logLevel: env.LOG_LEVEL,
  });
  switch (command) {
    case 'up': {
      if (readPidFile(cluster.pidFile).some(stillOurs))
        throw new Error('a cluster is already up: run cluster:down first');
      await cluster.start();
      console.log(`cluster up at ${cluster.url}; logs and PIDs in ${cluster.runDir}`);
      for (const name of cluster.names) console.log(`  ${name.padEnd(10)} pid ${cluster.info(name).pid}`);
      cluster.detach();
      return;
    }
    case 'down': {
      const stopped = await stopFromPidFile(cluster.pidFile);
      console.log(stopped.length ? `stopped ${stopped.join(', ')}` : 'no cluster running');
      return;
    }
    case 'status': {
      for (const entry of readPidFile(cluster.pidFile)) {
        console.log(`  ${entry.name.padEnd(10)} pid ${entry.pid} ${stillOurs(entry) ? 'running' : 'gone'}`);
      }
      return;
    }
    default:
      throw new Error('usage: cluster up|down|status');
  }
}

main(process.argv[2]).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
