/**
 * The servers under load, in a child process of bench/run.ts so that the load generator does not
 * share their event loop: the MotCua app exactly as `npm start` builds it (buildApp, a pool of 10,
 * LOG_LEVEL=silent), and a bare Fastify answering {"status":"ok"}, the HTTP baseline. Both listen
 * on 127.0.0.1, port 0; the ports go back to the parent over IPC. The process ends when the
 * parent says so, disconnects or dies.
 */
import Fastify from 'fastify';
import { buildApp } from '../packages/server/src/app.js';
import { loadConfig } from '../packages/server/src/config.js';
import { createDb } from '../packages/server/src/db/client.js';

export interface ServersReady {
  type: 'ready';
  appPort: number;
  barePort: number;
}

function port(server: { server: { address(): unknown } }): number {
  const a = server.server.address();
  if (a && typeof a === 'object' && 'port' in a && typeof a.port === 'number') return a.port;
  throw new Error('server has no port');
}

async function main() {
  if (!process.send) throw new Error('bench/servers.ts is started by bench/run.ts');
  const config = loadConfig({ ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent' });
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required');
  const { db } = createDb(config.databaseUrl);
  const app = await buildApp({ db, config });
  await app.listen({ host: '127.0.0.1', port: 0 });

  const bare = Fastify({ logger: false });
  bare.get('/', async () => ({ status: 'ok' }));
  await bare.listen({ host: '127.0.0.1', port: 0 });

  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    await Promise.allSettled([app.close(), bare.close()]);
    await db.destroy().catch(() => {});
    process.exit(0);
  };
  process.on('message', (m) => {
    if (m === 'stop') void close();
  });
  process.on('disconnect', () => void close());
  process.on('SIGTERM', () => void close());
  process.on('SIGINT', () => void close());
  const ready: ServersReady = { type: 'ready', appPort: port(app), barePort: port(bare) };
  process.send(ready);
}

main().catch((e) => {
  console.error('[bench servers]', e);
  process.exit(1);
});
