/**
 * `npm start` as a province's IT team would run it on a bare machine: embedded PostgreSQL,
 * migrations, reference data, demo, web + API; clean stop on SIGTERM; clean restart after a crash.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-start-'));
const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  if (fs.existsSync(pidFile)) process.kill(Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGINT');
  await new Promise((r) => setTimeout(r, 500));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
}

function start(): Promise<Running> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MOTCUA_DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', 'packages/server/src/main.ts'],
    {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let text = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready after 120 s:\n${text}`)), 120_000);
    const onData = (d: Buffer) => {
      text += d.toString();
      const m = /web: {2}(http:\/\/127\.0\.0\.1:\d+)\//.exec(text);
      if (m?.[1] && text.includes('ready in')) {
        clearTimeout(timer);
        resolve({ child, url: m[1], output: () => text });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited with ${code} before ready:\n${text}`)));
  });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', (code) => resolve(code)),
  );

async function signIn(url: string) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'MotCua@2025' }),
  });
  return res.status;
}

describe('npm start on a machine with no database', () => {
  it('starts healthy and ready with the demo, stops cleanly, and survives a crash', async () => {
    const first = await start();
    expect(first.output()).toMatch(/starting the embedded PostgreSQL/);
    expect(first.output()).toMatch(/reference data procedures: 2642 inserted/);
    expect(first.output()).toMatch(/created demo deployments: ha-noi, ha-noi-3cap/);
    expect(first.output()).toMatch(/admin +admin/);
    expect((await fetch(`${first.url}/api/health`)).status).toBe(200);
    const ready = await fetch(`${first.url}/api/ready`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { database: string }).database).toMatch(/^PostgreSQL 18/);
    const page = await fetch(`${first.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html lang="vi">');
    expect(await signIn(first.url)).toBe(200);

    first.child.kill('SIGTERM');
    expect(await exited(first.child), first.output()).toBe(0);
    expect(fs.existsSync(pidFile)).toBe(false);

    // a crash (kill -9) leaves PostgreSQL running without its owner; the next start adopts it
    const second = await start();
    expect(second.output()).not.toMatch(/reference data/); // already loaded
    second.child.kill('SIGKILL');
    await exited(second.child);
    expect(fs.existsSync(pidFile)).toBe(true);

    const third = await start();
    expect(third.output()).toMatch(/left by a crashed run/);
    expect(await signIn(third.url)).toBe(200);
    third.child.kill('SIGINT');
    expect(await exited(third.child), third.output()).toBe(0);
    expect(fs.existsSync(pidFile)).toBe(false);
  }, 300_000);
});
