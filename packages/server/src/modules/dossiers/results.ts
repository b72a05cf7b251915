/**
 * Result documents (issue #5 item 7). When the leader records the signature, every result PDF
 * uploaded to the dossier that is not signed yet is signed by MotCua with the agency's
 * certificate (PAdES, signing/), stored as a new file that points to the unsigned one; nothing is
 * overwritten. When the result is returned online, the signed results go to the applicant's data
 * store as electronic results (kho dữ liệu điện tử), with their issuer and date.
 */
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { Actor } from '@motcua/core';
import type { Db } from '../../db/client.js';
import { DomainError } from '../../errors.js';
import type { BlobStore } from '../../files/store.js';
import { type LoadedSigner, signPdf } from '../../signing/index.js';
import { storeElectronicResult } from '../files/data-store.js';
import type { DossierView } from './repository.js';
import type { DossierWorld } from './world.js';

export interface ResultDeps {
  store: BlobStore;
  /** null when the installation has no signing certificate */
  signer: LoadedSigner | null;
}

const SYSTEM: Actor = { kind: 'system' };

async function unsignedResultPdfs(trx: Db, dossierId: number) {
  return trx
    .selectFrom('dossier_files as f')
    .selectAll('f')
    .where('f.dossier_id', '=', dossierId)
    .where('f.purpose', '=', 'result')
    .where('f.mime_type', '=', 'application/pdf')
    .where('f.signed_from', 'is', null)
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom('dossier_files as s').select('s.id').whereRef('s.signed_from', '=', 'f.id')),
      ),
    )
    .orderBy('f.id')
    .execute();
}

const signedName = (name: string | null) => {
  const base = (name ?? 'ket-qua.pdf').replace(/\.pdf$/i, '');
  return `${base} (đã ký số).pdf`;
};

/** Signs the dossier's unsigned result PDFs in the signing action's transaction. */
export async function signResults(
  trx: Db,
  deps: ResultDeps,
  input: { dossier: DossierView; world: DossierWorld; signerName: string; now: number },
): Promise<number> {
  const files = await unsignedResultPdfs(trx, input.dossier.id);
  if (!files.length) return 0;
  if (!deps.signer)
    throw new DomainError(
      422,
      'SIGNER_NOT_CONFIGURED',
      'No signing certificate is configured (MOTCUA_SIGNING_P12): the result documents cannot be signed',
      'Chưa cấu hình chứng thư số của cơ quan (MOTCUA_SIGNING_P12): không ký số được văn bản kết quả',
    );
  for (const f of files) {
    const original = await buffer(deps.store.get(f.sha256));
    const signed = await signPdf(original, deps.signer, {
      reason: 'Ký số kết quả giải quyết thủ tục hành chính',
      location: `${input.world.competent.name}, ${input.world.competent.place}`,
      name: input.signerName,
      signingTime: new Date(input.now),
    });
    const blob = await deps.store.put(Readable.from([signed]), { maxBytes: Math.max(signed.length, 1) * 2 });
    await trx
      .insertInto('dossier_files')
      .values({
        dossier_id: input.dossier.id,
        component_id: null,
        purpose: 'result',
        sha256: blob.sha256,
        size: blob.size,
        kind: 'pdf',
        mime_type: 'application/pdf',
        filename: signedName(f.filename),
        reused_from: null,
        signed_from: f.id,
        uploaded_by: JSON.stringify(SYSTEM),
        created_at: new Date(input.now),
      })
      .execute();
  }
  return files.length;
}

/** The results to hand over: the signed copies, and any result no signature was made for. */
export async function deliverableResults(db: Db, dossierId: number) {
  const all = await db
    .selectFrom('dossier_files')
    .selectAll()
    .where('dossier_id', '=', dossierId)
    .where('purpose', '=', 'result')
    .orderBy('id')
    .execute();
  const superseded = new Set(all.flatMap((f) => (f.signed_from === null ? [] : [f.signed_from])));
  return all.filter((f) => !superseded.has(f.id));
}

/** A result returned online goes to the owning citizen's data store, in the return's transaction. */
export async function storeOnlineResults(
  trx: Db,
  input: { dossier: DossierView; world: DossierWorld; now: number },
) {
  const d = input.dossier;
  if (d.citizenId === null || d.state.delivery !== 'online') return 0;
  const issued = new Date((d.state.finishedAt ?? input.now) + 7 * 3_600_000).toISOString().slice(0, 10);
  const results = await deliverableResults(trx, d.id);
  const name = input.world.content.results[0]?.name ?? input.world.content.name;
  for (const f of results)
    await storeElectronicResult(trx, {
      citizenId: d.citizenId,
      dossierId: d.id,
      name,
      resultCode: d.state.resultCode,
      sha256: f.sha256,
      size: Number(f.size),
      kind: f.kind,
      mimeType: f.mime_type,
      filename: f.filename,
      issuerAgencyId: input.world.competent.id,
      validFrom: issued,
    });
  return results.length;
}
