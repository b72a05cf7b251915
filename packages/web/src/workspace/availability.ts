/**
 * Which of the actions the dossier's state allows (the server's `allowedActions`) this officer
 * can record now, from their positions and the current step's performer, as the server's
 * authorisation decides it (modules/dossiers/actions.ts): the one-stop unit's actions are its
 * receiving officers', a step's are its role's where it is performed (the assignee's once
 * assigned; a head may take over a step below their role), assignment is for heads.
 *
 * The server still decides: an action shown here may be refused (the workflow's step may not
 * permit it), and the refusal is explained.
 */
import type { ActionType, Role } from '@motcua/core';
import type { OfficerProfile } from '../app/session.js';
import type { DossierDetail } from './types.js';

type Position = OfficerProfile['positions'][number];

const reaches = (p: Position, agencyId: number | null, departmentId: number | null) => {
  if (agencyId === null) return false;
  if (p.scope === 'unit_subtree') return true;
  if (p.agency.id !== agencyId) return false;
  return p.scope === 'agency' || departmentId === null || p.department?.id === departmentId;
};

const TAKES_OVER: Partial<Record<Role, readonly Role[]>> = {
  specialist: ['department_head', 'agency_leader'],
  department_head: ['agency_leader'],
};

/** What the step of each role records, beyond forwarding (the workflow may permit less). */
const STEP_ACTIONS: Partial<Record<Role, readonly ActionType[]>> = {
  receiving_officer: ['forward', 'request_supplement', 'request_payment'],
  specialist: ['forward', 'return_step', 'consult', 'request_supplement', 'request_payment'],
  department_head: ['forward', 'approve', 'return_step', 'consult', 'request_supplement'],
  agency_leader: ['approve', 'sign', 'forward', 'return_step', 'stop'],
  clerk: ['issue_result', 'forward'],
};

const RECEIVING: readonly ActionType[] = [
  'request_completion',
  'refuse_intake',
  'accept',
  'return_result',
  'supplement_received',
  'withdraw',
  'payment_received',
];

export function availableActions(detail: DossierDetail, me: OfficerProfile): ActionType[] {
  const d = detail.dossier;
  const positions = me.positions;
  const receiving = positions.some(
    (p) => p.role === 'receiving_officer' && reaches(p, d.receivingAgencyId, null),
  );
  const holds = (roles: readonly Role[], agencyId: number | null, departmentId: number | null) =>
    positions.some((p) => roles.includes(p.role) && reaches(p, agencyId, departmentId));
  const role = d.stepRole;
  const inTaskStep = d.stepAgencyId !== null && role !== null;
  const own =
    inTaskStep &&
    holds([role], d.stepAgencyId, d.stepDepartmentId) &&
    (d.assigneeId === null || d.assigneeId === me.staff.id);
  const over = inTaskStep && holds(TAKES_OVER[role] ?? [], d.stepAgencyId, d.stepDepartmentId);
  const stepActions = own || over ? (STEP_ACTIONS[role as Role] ?? []) : [];
  const heads = holds(['department_head', 'agency_leader'], d.stepAgencyId, d.stepDepartmentId);
  const leader = holds(['agency_leader'], d.competentAgencyId, null);

  const ok = (a: ActionType): boolean => {
    switch (a) {
      case 'assign':
        return inTaskStep && heads && (role === 'specialist' || role === 'department_head');
      case 'sign':
        return stepActions.includes('sign') && !d.state.signed;
      case 'approve':
        return stepActions.includes('approve') && !d.state.approved;
      case 'issue_result':
        return stepActions.includes('issue_result');
      case 'answer_consultation':
        return (
          d.state.openConsultations.length > 0 &&
          positions.some((p) => ['specialist', 'department_head', 'agency_leader'].includes(p.role))
        );
      case 'apologise':
        return receiving || holds(['department_head', 'agency_leader'], d.competentAgencyId, null);
      case 'stop':
        return leader || stepActions.includes('stop');
      case 'payment_received':
        return receiving || own;
      case 'joint_send':
      case 'joint_done':
      case 'receive_joint':
      case 'rate':
      case 'submit':
      case 'register':
        return false;
      default:
        if (RECEIVING.includes(a)) return receiving;
        return stepActions.includes(a);
    }
  };
  return detail.allowedActions.filter(ok);
}
