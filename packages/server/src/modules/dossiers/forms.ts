/**
 * The legal forms of one dossier, filled from its log (issue #5 item 9): Mẫu 01 receipt, Mẫu 02
 * request to complete or supplement, Mẫu 03 refusal, the apology letter, the stop notice and the
 * process control slip. The form set (2018 or 2025) follows the receipt date (documents/form-sets).
 * Nothing here is typed in again: every fact comes from the actions that decided it.
 */
import { classifyFinished, type DossierAction, type FinishedTimeliness } from '@motcua/core';
import type { Db } from '../../db/client.js';
import type { AgencyInfo, FormCode, FormDataByCode } from '../../documents/index.js';
import { renderForm } from '../../documents/index.js';
import { DomainError } from '../../errors.js';
import { listComponents } from './components.js';
import { trackingUrl } from './notify.js';
import { type DossierRow, listActions, toView } from './repository.js';
import { childAgencyNames, agencyName as repoAgencyName, staffNamesAndTitles } from './service-repository.js';
import { type AgencyRef, limitText, loadWorld } from './world.js';

export const DOSSIER_FORMS = [
  'RECEIPT',
  'SUPPLEMENT_REQUEST',
  'REFUSAL',
  'APOLOGY_EXTENSION',
  'STOP_NOTICE',
  'CONTROL_SHEET',
] as const satisfies readonly FormCode[];
export type DossierForm = (typeof DOSSIER_FORMS)[number];

const iso = (ms: number) => new Date(ms).toISOString();

const notYet = (form: string) =>
  new DomainError(
    409,
    'FORM_NOT_AVAILABLE',
    `The dossier's log has nothing for form ${form} yet`,
    'Hồ sơ chưa có thao tác tương ứng với biểu mẫu này',
    {
      form,
    },
  );

const agencyInfo = (a: AgencyRef): AgencyInfo => ({
  name: a.name,
  place: a.place.replace(/^(Thành phố|Tỉnh)\s+/i, ''),
  ...(a.parentName ? { parentName: a.parentName } : {}),
});

function last<T extends DossierAction['type']>(log: DossierAction[], ...types: T[]) {
  return [...log].reverse().find((a) => (types as string[]).includes(a.type)) as
    | Extract<DossierAction, { type: T }>
    | undefined;
}

/** Renders one form of a dossier as PDF bytes, from its log and pinned procedure version. */
export async function dossierForm(
  db: Db,
  row: DossierRow,
  form: DossierForm,
  publicUrl: string,
  now: number,
): Promise<Buffer> {
  const view = toView(row);
  const w = await loadWorld(db, {
    tenantId: row.tenant_id,
    procedureId: row.procedure_id,
    procedureVersionId: row.procedure_version_id,
    workflowId: row.workflow_id,
    receivingAgencyId: row.receiving_agency_id,
    competentAgencyId: row.competent_agency_id,
  });
  const log = (await listActions(db, row.id)).map((r) => r.payload);
  const officerIds = log.flatMap((a) => (a.actor.kind === 'officer' ? [a.actor.staffId] : []));
  const names = await staffNamesAndTitles(db, [...new Set(officerIds)]);
  const person = (a: DossierAction | undefined) => {
    const n = a && a.actor.kind === 'officer' ? names.get(a.actor.staffId) : undefined;
    return { name: n?.name ?? '', ...(n?.title ? { title: n.title } : {}) };
  };
  const accepted = last(log, 'accept', 'receive_joint');
  const received = accepted ?? last(log, 'register', 'submit');
  const a = view.applicant;
  const base = {
    agency: agencyInfo(w.receiving),
    dossierCode: view.code ?? `Số ${view.id}`,
    receivedAt: iso(received?.at ?? now),
    issuedAt: iso(now),
    applicant: {
      name: a.name ?? '',
      ...(a.address ? { address: a.address } : {}),
      ...(a.phone ? { phone: a.phone } : {}),
      ...(a.email ? { email: a.email } : {}),
      ...(a.identityNumber ? { identityNumber: a.identityNumber } : {}),
    },
    procedure: { code: w.procedure.code, name: w.content.name },
  };
  const options = { now: new Date(now) };
  const signer = (act: DossierAction | undefined) => {
    const p = person(act);
    return { name: p.name, title: p.title ?? 'Thủ trưởng cơ quan' };
  };
  switch (form) {
    case 'RECEIPT': {
      if (!accepted || !view.code || view.receivedAt === null) throw notYet(form);
      const components = await listComponents(db, row.id);
      const data: FormDataByCode['RECEIPT'] = {
        ...base,
        documents: components
          .filter((c) => c.provided)
          .map((c) => ({
            name: c.name,
            originals: c.originals,
            certifiedCopies: c.certifiedCopies,
            copies: c.copies,
          })),
        numberOfSets: 1,
        legalTimeLimit: limitText(w.content, view.channel ?? 'direct'),
        appointmentAt: iso(accepted.dueAt),
        resultDelivery: w.receiving.name,
        register: {
          book: String(new Date(accepted.at).getUTCFullYear()),
          number: view.code.split('-').pop() ?? '',
        },
        officer: person(accepted),
        trackingUrl: trackingUrl(publicUrl, view.code),
      };
      return renderForm('RECEIPT', data, options);
    }
    case 'SUPPLEMENT_REQUEST': {
      const r = last(log, 'request_completion', 'request_supplement');
      if (!r) throw notYet(form);
      const items = r.type === 'request_completion' ? r.missing : r.items;
      return renderForm(
        'SUPPLEMENT_REQUEST',
        {
          ...base,
          issuedAt: iso(r.at),
          items: items.map((i) => ({ content: i.name, reason: i.reason })),
          officer: person(r),
        },
        options,
      );
    }
    case 'REFUSAL': {
      const r = last(log, 'refuse_intake');
      if (!r) throw notYet(form);
      const reasons = (r.reason ?? '')
        .split(/\n+/)
        .map((x) => x.trim())
        .filter(Boolean);
      return renderForm('REFUSAL', { ...base, issuedAt: iso(r.at), reasons, officer: person(r) }, options);
    }
    case 'APOLOGY_EXTENSION': {
      const r = last(log, 'apologise');
      if (!r || !accepted) throw notYet(form);
      const i = log.indexOf(r);
      const earlier = log
        .slice(0, i)
        .filter((x) => x.type === 'apologise')
        .at(-1);
      const original = earlier?.type === 'apologise' ? earlier.newAppointmentAt : accepted.dueAt;
      const faulting = await w.agencyByIdentifier(r.agency);
      return renderForm(
        'APOLOGY_EXTENSION',
        {
          ...base,
          agency: agencyInfo(faulting),
          issuedAt: iso(r.at),
          faultingAgency: faulting.name,
          originalAppointmentAt: iso(original),
          delayReason: r.reason ?? '',
          newAppointmentAt: iso(r.newAppointmentAt),
          signer: signer(r),
        },
        options,
      );
    }
    case 'STOP_NOTICE': {
      const r = last(log, 'stop');
      if (!r) throw notYet(form);
      return renderForm(
        'STOP_NOTICE',
        {
          ...base,
          agency: agencyInfo(w.competent),
          issuedAt: iso(r.at),
          reason: r.reason ?? '',
          legalGround: r.legalGround,
          signer: signer(r),
        },
        options,
      );
    }
    case 'CONTROL_SHEET': {
      if (!accepted || view.appointmentAt === null) throw notYet(form);
      return renderForm('CONTROL_SHEET', { ...base, ...(await controlSheet(db, w, log, row, now)) }, options);
    }
  }
}

/**
 * Phiếu kiểm soát quá trình giải quyết hồ sơ: one row per hand-over between steps, with the
 * segment judged against that step's own due instant (early, on time or late).
 */
async function controlSheet(
  db: Db,
  w: Awaited<ReturnType<typeof loadWorld>>,
  log: DossierAction[],
  row: DossierRow,
  now: number,
) {
  const agencyName = new Map<number, string>([
    [w.receiving.id, w.receiving.name],
    [w.competent.id, w.competent.name],
  ]);
  const nameOf = async (id: number | null | undefined) => {
    if (id === null || id === undefined) return '';
    const hit = agencyName.get(id);
    if (hit) return hit;
    const name = await repoAgencyName(db, id);
    agencyName.set(id, name);
    return name;
  };
  interface Segment {
    agencyId: number;
    step: string;
    from: number;
    dueAt: number | null;
  }
  const rows: FormDataByCode['CONTROL_SHEET']['rows'] = [];
  let open: Segment | null = null;
  const close = async (next: Segment | null, at: number, note?: string) => {
    if (open) {
      const result: FinishedTimeliness | undefined =
        open.dueAt !== null ? classifyFinished(w.calendar, at, open.dueAt) : undefined;
      rows.push({
        fromAgency: await nameOf(open.agencyId),
        toAgency: next ? await nameOf(next.agencyId) : w.receiving.name,
        handedOverAt: iso(at),
        ...(result ? { result } : {}),
        note: note ?? `${open.step}${next ? ` → ${next.step}` : ''}`,
      });
    }
    open = next;
  };
  for (const a of log) {
    if (
      (a.type === 'accept' ||
        a.type === 'receive_joint' ||
        a.type === 'forward' ||
        a.type === 'return_step') &&
      a.performer
    ) {
      const step = a.type === 'accept' || a.type === 'receive_joint' ? a.step : a.toStep;
      await close({ agencyId: a.performer.agencyId, step, from: a.at, dueAt: a.performer.dueAt }, a.at);
    } else if (a.type === 'issue_result' || a.type === 'stop') {
      await close(null, a.at, a.type === 'stop' ? 'Dừng xử lý' : 'Có kết quả');
    }
  }
  const coordinating = await childAgencyNames(db, row.id);
  return {
    appointmentAt: iso(row.appointment_at?.getTime() ?? now),
    leadAgency: w.competent.name,
    ...(coordinating.length ? { coordinatingAgencies: coordinating } : {}),
    rows,
  };
}
