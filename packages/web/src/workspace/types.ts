/**
 * What the dossier endpoints answer, written out here because the server declares those answers
 * as open objects (GET /api/v1/dossiers/{id}, …/actions, …/children): the shapes of
 * modules/dossiers/service.ts (DossierDetail, dossierLog) and joint.ts (childrenOf).
 */
import type { ActionType, DossierState, Role } from '@motcua/core';
import type { paths } from '../api/schema.js';

export interface Applicant {
  name?: string;
  identityNumber?: string;
  address?: string;
  phone?: string;
  email?: string;
}

export interface Snapshot {
  status: DossierState;
  version: number;
  pauses: { kind?: string; from: number; to: number | null }[];
  completionRequests: number;
  supplementRequests: number;
  openConsultations: string[];
  openJoints: string[];
  apologies: { at: number; agency: string; newAppointmentAt: number; reason: string }[];
  approved: boolean;
  signed: boolean;
  resultCode: string | null;
  delivery: 'counter' | 'postal' | 'online' | null;
}

export interface DossierView {
  id: number;
  code: string | null;
  status: DossierState;
  nationalStatus: number | null;
  version: number;
  channel: 'direct' | 'online' | 'postal' | null;
  receivingAgencyId: number;
  competentAgencyId: number;
  receptionPointId: number | null;
  currentStep: string | null;
  assigneeId: number | null;
  stepRole: Role | null;
  stepAgencyId: number | null;
  stepDepartmentId: number | null;
  stepStartedAt: string | null;
  stepDueAt: string | null;
  citizenId: number | null;
  parentId: number | null;
  dueAt: string | null;
  appointmentAt: string | null;
  receivedAt: string | null;
  finishedAt: string | null;
  applicant: Applicant;
  state: Snapshot;
  createdAt: string;
}

export interface Component {
  id: number;
  documentCode: string | null;
  name: string;
  required: boolean;
  provided: boolean;
  originals: number;
  certifiedCopies: number;
  copies: number;
  digitisedAt: string | null;
  digitisedBy: number | null;
}

export interface DossierDetail {
  dossier: DossierView;
  procedure: { code: string; name: string };
  nationalStatusName: string | null;
  statusLabel: { vi: string; en: string };
  components: Component[];
  formData: Record<string, unknown> | null;
  allowedActions: ActionType[];
  step: { code: string; name: string } | null;
}

export interface LogEntry {
  seq: number;
  type: ActionType;
  at: string;
  actor:
    | { kind: 'officer'; role: Role; agency: string; staffId: number }
    | { kind: 'applicant' }
    | { kind: 'system' };
  reason: string | null;
  payload: Record<string, unknown> & { type: ActionType };
}

export type ChildDossier = DossierView & { agency: { name: string; identifier: string } };

type Json<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type DossierFile = Json<'/api/v1/dossiers/{id}/files', 'get'>['items'][number];
export type WorklistPage = Json<'/api/v1/worklists/{list}', 'get'>;
export type WorklistRow = WorklistPage['items'][number];
export type ListName = WorklistPage['list'];
export type WorklistQuery = NonNullable<paths['/api/v1/worklists/{list}']['get']['parameters']['query']>;
export type Counters = Json<'/api/v1/worklists', 'get'>;
export type ApplicantLookup = Json<'/api/v1/citizens/lookup', 'get'>;

/** The body of one action, as the API's discriminated union declares it. */
export type ActionBody =
  paths['/api/v1/dossiers/{id}/actions']['post']['requestBody']['content']['application/json'];
export type ActionAnswer = Json<'/api/v1/dossiers/{id}/actions', 'post'>;
