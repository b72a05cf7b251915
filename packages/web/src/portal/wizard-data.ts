/**
 * What the wizard reads from the API: the procedure as in force with where this deployment
 * implements it, and the citizen's data store. Plus the few rules of the procedure's documents the
 * server applies too (components.ts): which groups are cases, and which documents are required.
 */
import { useQuery } from '@tanstack/react-query';
import { call, client } from '../app/api.js';

export const fetchProcedure = (code: string, tenant: string) =>
  call(client.GET('/api/v1/procedures/{code}', { params: { path: { code }, query: { tenant } } }));

export type ProcedureDetail = Awaited<ReturnType<typeof fetchProcedure>>;
export type DocumentDef = ProcedureDetail['content']['documents'][number];
export type Implementation = NonNullable<ProcedureDetail['implementations']>[number];
export type Channel = ProcedureDetail['content']['channels'][number];

export function useProcedure(code: string, tenant: string | undefined) {
  return useQuery({
    // the key ProcedureDetail uses too: coming from the procedure's page costs no request
    queryKey: ['public', 'procedure', code, tenant],
    queryFn: () => fetchProcedure(code, tenant as string),
    enabled: !!tenant,
    staleTime: 10 * 60_000,
  });
}

const fetchMyDocuments = () => call(client.GET('/api/v1/citizen/documents'));
export type MyDocument = Awaited<ReturnType<typeof fetchMyDocuments>>['items'][number];

export function useMyDocuments(enabled: boolean) {
  return useQuery({ queryKey: ['citizen', 'documents'], queryFn: fetchMyDocuments, enabled });
}

/** The document's key, as the server names its component: its code, or #n for an uncoded one. */
export const docKey = (d: DocumentDef, index: number) => d.code ?? `#${index + 1}`;

const CASE_GROUP = /^trường hợp/i;
export const isCaseGroup = (group: string | null | undefined) =>
  !!group && CASE_GROUP.test(group.normalize('NFC'));

export const caseGroups = (p: ProcedureDetail) => [
  ...new Set(p.content.documents.map((d) => d.group).filter((g): g is string => isCaseGroup(g))),
];

/** Documents of the general groups always apply; a case's only when the citizen says it is theirs. */
export const applies = (d: DocumentDef, cases: readonly string[]) =>
  !isCaseGroup(d.group) || cases.includes(d.group as string);

export const isRequired = (d: DocumentDef, cases: readonly string[]) =>
  d.required !== false && applies(d, cases);

/**
 * The document the e-form itself is (the civil-status declaration filled in at step 2): the
 * version says so (`providedByEform`), and the submission names it as handed in. Without an
 * e-form in the version the paper is still needed.
 */
export const givenByEform = (p: ProcedureDetail, d: DocumentDef): d is DocumentDef & { code: string } =>
  !!d.providedByEform && !!d.code && !!p.content.eform;

export const onlineChannel = (p: ProcedureDetail): Channel | undefined =>
  p.content.channels.find((c) => c.channel === 'online');

/** Agencies that can take an online submission: those with an internal workflow (else WORKFLOW_MISSING). */
export const receivingImplementations = (p: ProcedureDetail) =>
  (p.implementations ?? [])
    .filter((i) => i.hasWorkflow)
    .sort((a, b) => a.agencyName.localeCompare(b.agencyName, 'vi'));

/** The kinds the server's content check accepts (files/sniff.ts), by extension and declared type. */
export const ACCEPTED_EXTENSIONS = [
  'pdf',
  'jpg',
  'jpeg',
  'jpe',
  'jfif',
  'png',
  'tif',
  'tiff',
  'docx',
  'xlsx',
  'odt',
  'xml',
] as const;
export const ACCEPTED_LABEL = 'PDF, JPEG, PNG, TIFF, DOCX, XLSX, ODT, XML';
/**
 * The server's default upload limit (MOTCUA_UPLOAD_MAX_BYTES, 20 MB). The API does not publish the
 * configured value; a larger file is refused here early, and the server's 413 says the real limit.
 */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
