// A replica of the app in its own process, so a test can kill it (SIGKILL: no cleanup, no lease release).
// Usage: node --import tsx replica-process.ts '<json {config, replicaId}>'; prints "READY <url>" once listening.
import { createApp, type AppConfig } from '../../src/app.js';

const { config, replicaId } = JSON.parse(process.argv[2] ?? '{}') as { config: AppConfig; replicaId: string };
const app = createApp(config, { replicaId });
const { url } = await app.start(0);
process.stdout.write(`READY ${url}\n`);
process.on('SIGTERM', () => {
  void app.stop().then(() => process.exit(0));
});
