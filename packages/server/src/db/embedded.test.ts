/** The embedded server survives a crash and can be shared by a second process (the CLI). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adminQuery } from '../test/admin.js';
import { startEmbedded } from './embedded.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-embedded-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const postmasterPid = () =>
  Number(fs.readFileSync(path.join(dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

// asynchronous, so Node can reap its killed child meanwhile
async function waitForExit(pid: number, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`process ${pid} still alive`);
}

describe('embedded PostgreSQL', () => {
  it('keeps acknowledged data across a crash and restarts cleanly on the same folder', async () => {
    const first = await startEmbedded({ dataDir: dir });
    await adminQuery(first.adminUrl, 'create table kept (v text)');
    await adminQuery(first.adminUrl, "insert into kept values ('đã lưu')");

    // a second process (the CLI while the server runs) attaches instead of starting another server
    const attached = await startEmbedded({ dataDir: dir });
    expect(attached.port).toBe(first.port);
    await attached.stop(); // must not stop the first one's server
    expect((await adminQuery(first.adminUrl, 'select v from kept')).rows).toEqual([{ v: 'đã lưu' }]);

    const pid = postmasterPid();
    process.kill(pid, 'SIGKILL');
    await waitForExit(pid, 10_000);
    expect(fs.existsSync(path.join(dir, 'pg', 'postmaster.pid'))).toBe(true);

    const second = await startEmbedded({ dataDir: dir });
    try {
      expect((await adminQuery(second.adminUrl, 'select v from kept')).rows).toEqual([{ v: 'đã lưu' }]);
    } finally {
      await second.stop();
    }
    expect(fs.existsSync(path.join(dir, 'pg', 'postmaster.pid'))).toBe(false);
  });
});
