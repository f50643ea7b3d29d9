import { startEmbeddedMongo } from './embedded-mongo';

/**
 * The MongoDB stand-in as a process of its own, so that the cluster can stop it like any component.
 * Usage: node embedded-mongo.main.js <port> [snapshotPath]
 */
async function main(): Promise<void> {
  const [port, snapshotPath] = process.argv.slice(2);
  const mongo = await startEmbeddedMongo({ port: Number(port), snapshotPath });
  console.log(`embedded MongoDB stand-in at ${mongo.url}`);
  const stop = () => {
    mongo.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
