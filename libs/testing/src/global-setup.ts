import { writeFileSync } from 'node:fs';
import { startEmbeddedMongo } from '@chat/mongo-stand-in';
import { findContainerRuntime, type ContainerRuntime } from './container-runtime';
import { startLocalRedis } from './servers/redis-server';
import { STATE_ENV, STATE_FILE, type TestServers } from './test-servers';

type Stop = () => Promise<void>;
const stops: Stop[] = [];

async function chooseMongo(
  runtime: ContainerRuntime,
): Promise<Pick<TestServers, 'mongoUrl' | 'mongoKind' | 'mongoSource' | 'noRealMongo'>> {
  if (process.env.MONGO_URL)
    return { mongoUrl: process.env.MONGO_URL, mongoKind: 'real', mongoSource: 'MONGO_URL' };
  if (runtime.available) {
    const { MongoDBContainer } = await import('@testcontainers/mongodb');
    const container = await new MongoDBContainer('mongo:7').start();
    stops.push(async () => void (await container.stop()));
    const url = `${container.getConnectionString()}/chat?directConnection=true`;
    return { mongoUrl: url, mongoKind: 'real', mongoSource: 'testcontainers mongo:7 (replica set)' };
  }
  const embedded = await startEmbeddedMongo();
  stops.push(embedded.stop);
  return {
    mongoUrl: embedded.url,
    mongoKind: 'embedded',
    mongoSource: 'embedded stand-in (CongoDB, in memory)',
    noRealMongo: `${runtime.reason}; set MONGO_URL to use a server of your own`,
  };
}

async function chooseRedis(
  runtime: ContainerRuntime,
): Promise<Pick<TestServers, 'redisUrl' | 'redisSource'>> {
  if (process.env.REDIS_URL) return { redisUrl: process.env.REDIS_URL, redisSource: 'REDIS_URL' };
  if (runtime.available) {
    const { RedisContainer } = await import('@testcontainers/redis');
    const container = await new RedisContainer('redis:7').start();
    stops.push(async () => void (await container.stop()));
    return { redisUrl: container.getConnectionUrl(), redisSource: 'testcontainers redis:7' };
  }
  const redis = await startLocalRedis();
  stops.push(redis.stop);
  return { redisUrl: redis.url, redisSource: `local redis-server on port ${redis.port}` };
}

/**
 * Chooses each server once for the whole run: the environment's URL, else Testcontainers when a
 * container runtime exists, else local servers. Never a server someone left running.
 */
export default async function globalSetup(): Promise<void> {
  const needContainers = !process.env.MONGO_URL || !process.env.REDIS_URL;
  const runtime: ContainerRuntime = needContainers
    ? await findContainerRuntime()
    : { available: false, reason: 'MONGO_URL and REDIS_URL are set' };
  const servers: TestServers = {
    ...(await chooseMongo(runtime)),
    ...(await chooseRedis(runtime)),
  };
  writeFileSync(STATE_FILE, JSON.stringify(servers));
  process.env[STATE_ENV] = STATE_FILE;
  (globalThis as { __chatTestStops?: Stop[] }).__chatTestStops = stops;
  const why = servers.noRealMongo ? ` (${servers.noRealMongo})` : '';
  console.log(`\n[test servers] MongoDB: ${servers.mongoSource}${why}; Redis: ${servers.redisSource}`);
}
