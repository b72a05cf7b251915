/**
 * What the dossier API tests share: a real app on a cloned demo database with a clock the test
 * moves, signed-in demo officers, and requests sent as a client sends them (a fresh
 * Idempotency-Key per intent, the version last seen).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, expect } from 'vitest';
import type { Db } from '../../db/client.js';
import { type Session, signIn, testApp } from '../../test/app.js';
import type { TestDatabase } from '../../test/db.js';
import { replayCheck } from './log.js';

export const H = 3_600_000;
/** Local (UTC+7) wall time as epoch ms: vn(2026, 12, 7, 9) is 09:00 on 7 December 2026 in Hà Nội. */
export const vn = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h - 7, min);

export interface Clock {
  t: number;
  now: () => number;
}

export function clockAt(t: number): Clock {
  const c = { t, now: () => c.t };
  return c;
}

export interface Dossier {
  id: number;
  version: number;
  status: string;
  nationalStatus: number | null;
  code: string | null;
  currentStep: string | null;
  dueAt: string | null;
  appointmentAt: string | null;
  stepDueAt: string | null;
  assigneeId: number | null;
  [k: string]: unknown;
}

export class Api {
  private sessions = new Map<string, Pick<Session, 'headers'>>();
  constructor(
    readonly app: FastifyInstance,
    readonly db: Db,
    readonly clock: Clock,
  ) {}

  /** An officer by username, or a demo citizen as `citizen:<identity number>`. */
  async as(username: string): Promise<Pick<Session, 'headers'>> {
    let s = this.sessions.get(username);
    if (!s) {
      s = username.startsWith('citizen:')
        ? await citizenSession(this, username.slice('citizen:'.length))
        : await signIn(this.app, username);
      this.sessions.set(username, s);
    }
    return s;
  }

  async post(username: string, url: string, payload: object, key: string = randomUUID()) {
    const s = await this.as(username);
    return this.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { ...s.headers, 'idempotency-key': key },
    });
  }

  async get(username: string, url: string) {
    const s = await this.as(username);
    return this.app.inject({ method: 'GET', url, headers: s.headers });
  }

  /** Registers a dossier at the counter; expects 201. */
  async register(username: string, body: object): Promise<Dossier> {
    const r = await this.post(username, '/api/v1/dossiers', body);
    expect(r.statusCode, r.body).toBe(201);
    return r.json().dossier;
  }

  /** Records an action on the dossier as last seen; expects 200 and returns the new dossier. */
  async act(username: string, d: Dossier, type: string, params: object = {}): Promise<Dossier> {
    const r = await this.post(username, `/api/v1/dossiers/${d.id}/actions`, {
      type,
      expectedVersion: d.version,
      ...params,
    });
    expect(r.statusCode, `${type} by ${username}: ${r.body}`).toBe(200);
    return r.json().dossier;
  }

  /** The same, expecting a refusal with this status and code; returns the error. */
  async refused(username: string, d: Dossier, type: string, params: object, status: number, code: string) {
    const r = await this.post(username, `/api/v1/dossiers/${d.id}/actions`, {
      type,
      expectedVersion: d.version,
      ...params,
    });
    expect(r.statusCode, `${type} by ${username}: ${r.body}`).toBe(status);
    expect(r.json().error.code).toBe(code);
    return r.json().error;
  }

  async advance(ms: number) {
    this.clock.t += ms;
  }

  /** Stored state equals the replayed log, for every dossier of the database. */
  async expectReplayable() {
    const ids = await this.db.selectFrom('dossiers').select('id').execute();
    for (const { id } of ids) expect(await replayCheck(this.db, id), `dossier ${id}`).toEqual([]);
  }
}

/**
 * The app connects as the application role, as `npm start` does (it may only append to the log);
 * the test reads and checks through the owner's connection.
 */
export async function dossierApi(
  t: TestDatabase,
  start: number,
  env: Record<string, string> = {},
): Promise<Api> {
  const clock = clockAt(start);
  // uploaded and signed files go to a folder of the test file's own
  const filesDir = mkdtempSync(path.join(tmpdir(), 'motcua-dossier-files-'));
  afterAll(() => rmSync(filesDir, { recursive: true, force: true }));
  const app = await testApp(
    t.appDb,
    { PUBLIC_URL: 'https://dichvucong.hanoi.example.vn', MOTCUA_FILES_DIR: filesDir, ...env },
    { clock: clock.now },
  );
  return new Api(app, t.db, clock);
}

export const APPLICANT = {
  name: 'Nguyễn Thị Hường',
  identityNumber: '001190012345',
  address: 'Số 5 phố Tràng Tiền, phường Hoàn Kiếm, Hà Nội',
  phone: '0912345678',
  email: 'huong.nguyen@example.vn',
};

/** Sample e-form data of the demo procedures, by national code (they satisfy the demo schemas). */
import { DEMO_FORM_SAMPLES } from '../demo/procedures.js';

export { DEMO_FORM_SAMPLES };

/** A birth registration at phường Hoàn Kiếm, as a receiving officer registers it. */
export const BIRTH_AT_COUNTER = {
  procedureCode: '1.001193',
  applicant: APPLICANT,
  documents: [
    { code: 'TK_KHAI_SINH', provided: true, originals: 1 },
    { code: 'GIAY_CHUNG_SINH', provided: true, originals: 1 },
  ],
};

/** How far `journey` takes a birth registration of phường Hoàn Kiếm. */
export const STAGES = [
  'submitted',
  'accepted',
  'appraisal',
  'signing',
  'signed',
  'issuing',
  'result_ready',
  'returned',
] as const;
export type Stage = (typeof STAGES)[number];

/** Brings a new counter dossier to `stage` through the API, each step by the officer whose it is. */
export async function journey(api: Api, stage: Stage, body: object = BIRTH_AT_COUNTER): Promise<Dossier> {
  const steps: [Stage, (d: Dossier) => Promise<Dossier>][] = [
    ['accepted', (d) => api.act('motcua.hoankiem', d, 'accept')],
    ['appraisal', (d) => api.act('motcua.hoankiem', d, 'forward')],
    ['signing', (d) => api.act('chuyenvien.hoankiem', d, 'forward', { outcome: 'positive' })],
    [
      'signed',
      async (d) => api.act('lanhdao.hoankiem', await api.act('lanhdao.hoankiem', d, 'approve'), 'sign'),
    ],
    ['issuing', (d) => api.act('lanhdao.hoankiem', d, 'forward')],
    ['result_ready', (d) => api.act('vanthu.hoankiem', d, 'issue_result')],
    ['returned', (d) => api.act('motcua.hoankiem', d, 'return_result', { delivery: 'counter' })],
  ];
  let d = await api.register('motcua.hoankiem', body);
  for (const [s, next] of steps) {
    if (STAGES.indexOf(s) > STAGES.indexOf(stage)) break;
    d = await next(d);
  }
  return d;
}

/** Nguyễn Thị Lan's online birth registration at phường Hoàn Kiếm, as the wizard sends it (status 1). */
export async function submitOnlineBirth(api: Api, place: { tenant: string; identifier: string }) {
  const r = await api.post('citizen:001194012345', '/api/v1/citizen/dossiers', {
    tenant: place.tenant,
    procedureCode: '1.001193',
    competentAgency: place.identifier,
    documents: [
      { code: 'TK_KHAI_SINH', provided: true },
      { code: 'GIAY_CHUNG_SINH', provided: true },
    ],
    formData: DEMO_FORM_SAMPLES['1.001193'] as Record<string, unknown>,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().dossier as Dossier;
}

/**
 * A Hoàn Kiếm dossier accepted or further along reception, carried by the commune's officers to
 * its result and returned (journey's steps from the one-stop hand-over on).
 */
export async function finishAtHoanKiem(
  api: Api,
  d: Dossier,
  delivery: 'counter' | 'online' = 'counter',
): Promise<Dossier> {
  let x = d;
  if (x.status === 'accepted' || x.currentStep === 'tiep_nhan')
    x = await api.act('motcua.hoankiem', x, 'forward');
  x = await api.act('chuyenvien.hoankiem', x, 'forward', { outcome: 'positive' });
  for (const a of ['approve', 'sign', 'forward']) x = await api.act('lanhdao.hoankiem', x, a);
  x = await api.act('vanthu.hoankiem', x, 'issue_result');
  return api.act('motcua.hoankiem', x, 'return_result', { delivery });
}

/** Signs a demo citizen in the real way: a code by SMS through the outbox, read back from it. */
export async function citizenSession(api: Api, identityNumber: string) {
  const asked = await api.app.inject({
    method: 'POST',
    url: '/api/v1/citizen/auth/code',
    payload: { identityNumber, channel: 'sms' },
  });
  expect(asked.statusCode, asked.body).toBe(202);
  const sms = await api.db
    .selectFrom('outbox_messages')
    .select('payload')
    .where('channel', '=', 'sms')
    .where('topic', 'like', 'citizen%')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const code = /\b(\d{6})\b/.exec(JSON.stringify(sms.payload))?.[1];
  const verified = await api.app.inject({
    method: 'POST',
    url: '/api/v1/citizen/auth/verify',
    payload: { identityNumber, code },
  });
  expect(verified.statusCode, verified.body).toBe(200);
  const cookie = verified.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = verified.json().csrfToken as string;
  return { id: verified.json().citizen.id as number, headers: { cookie, 'x-csrf-token': csrf } };
}

/** Every document of the procedure's version in force, ticked as handed in (one original each). */
export async function allDocuments(api: Api, procedureCode: string) {
  const r = await api.app.inject({ method: 'GET', url: `/api/v1/procedures/${procedureCode}` });
  expect(r.statusCode, r.body).toBe(200);
  const docs: { code?: string; group?: string | null; required?: boolean }[] = r.json().content.documents;
  return docs
    .filter((d) => d.code && !/^trường hợp/i.test(d.group ?? ''))
    .map((d) => ({ code: d.code as string, provided: true, originals: 1 }));
}

/** The agency identifier and tenant code where a demo officer works (for online submissions there). */
export async function placeOf(db: Db, username: string) {
  return db
    .selectFrom('staff as s')
    .innerJoin('staff_positions as p', 'p.staff_id', 's.id')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .innerJoin('tenants as tn', 'tn.id', 'a.tenant_id')
    .select(['a.identifier', 'tn.code as tenant'])
    .where('s.username', '=', username)
    .executeTakeFirstOrThrow();
}
