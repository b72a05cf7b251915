-- Officer worklists (issue #5 item 12, modules/dossiers/worklists.ts and worklist-repository.ts).
--
-- A list is a union of arms, one per way an officer reaches a dossier (assigned to me; the pool of
-- my role at agency A or department D; the competent or receiving agency A; the whole tenant),
-- each read in the list's order (due instant, then id: the keyset) with its own LIMIT. Each index
-- below serves one kind of arm: its key is the arm's equality, the tenant, then (due_at, id), so a
-- page is a short range scan whatever the list's length; the other conditions of the arm (role,
-- unassigned, any department, state) are INCLUDEd, so a count is an index-only scan.
--
-- Only live dossiers are ever listed, and a year of a province leaves well over 90% of them
-- finished, so every index is partial: small at millions of dossiers, untouched by finished ones.
-- "In process" is national codes 2, 4, 5 and 6 (accepted, processing, waiting for a supplement or
-- a payment); a list's states are a subset of the predicate, written as literals so that
-- PostgreSQL proves it. tenant_id is a key column although an agency, a department or an officer
-- belongs to one tenant: the planner then sees the tenant condition met by the index rather than
-- intersecting it with 0008's dossiers_worklist.

-- the pools (to_process, to_approve, to_sign, to_issue, to_assign): unassigned steps of a role at
-- an agency ...
CREATE INDEX dossiers_wl_step_agency ON dossiers (step_agency_id, step_role, tenant_id, due_at, id)
  INCLUDE (assignee_id, step_department_id, status)
  WHERE status IN ('accepted', 'processing', 'supplement_requested', 'awaiting_payment');
-- ... the steps open to any department of an agency (what a department position reaches besides
-- its department: a few steps per workflow, so a short index to seek rather than a long filter) ...
CREATE INDEX dossiers_wl_step_agency_wide ON dossiers (step_agency_id, step_role, tenant_id, due_at, id)
  INCLUDE (assignee_id, status)
  WHERE status IN ('accepted', 'processing', 'supplement_requested', 'awaiting_payment')
    AND step_department_id IS NULL;
-- ... and at a department
CREATE INDEX dossiers_wl_step_department ON dossiers (step_department_id, step_role, tenant_id, due_at, id)
  INCLUDE (assignee_id, status)
  WHERE status IN ('accepted', 'processing', 'supplement_requested', 'awaiting_payment')
    AND step_department_id IS NOT NULL;
-- assigned to me
CREATE INDEX dossiers_wl_assignee ON dossiers (assignee_id, tenant_id, due_at, id)
  INCLUDE (step_role, status)
  WHERE status IN ('accepted', 'processing', 'supplement_requested', 'awaiting_payment')
    AND assignee_id IS NOT NULL;
-- overdue, due soon, waiting for a supplement: the whole tenant (an inspector of the province) ...
CREATE INDEX dossiers_wl_due ON dossiers (tenant_id, due_at, id)
  INCLUDE (step_role, assignee_id, status)
  WHERE status IN ('accepted', 'processing', 'supplement_requested', 'awaiting_payment');
-- ... or the agency performing the current step, whatever its role, the competent or the
-- receiving agency
CREATE INDEX dossiers_wl_step_place ON dossiers (step_agency_id, tenant_id, due_at, id)
  INCLUDE (step_department_id, status)
  WHERE status IN ('accepted', 'processing', 'supplement_requested', 'awaiting_payment');
CREATE INDEX dossiers_wl_competent ON dossiers (competent_agency_id, tenant_id, due_at, id)
  INCLUDE (status)
  WHERE status IN ('accepted', 'processing', 'supplement_requested', 'awaiting_payment');
CREATE INDEX dossiers_wl_receiving ON dossiers (receiving_agency_id, tenant_id, due_at, id)
  INCLUDE (status)
  WHERE status IN ('accepted', 'processing', 'supplement_requested', 'awaiting_payment');
-- to_receive: waiting for acceptance, oldest submission first (the state's submittedAt in epoch ms,
-- NgayNopHoSo: a dossier has no code, receipt or due instant yet)
CREATE INDEX dossiers_wl_to_receive
  ON dossiers (receiving_agency_id, tenant_id, ((state ->> 'submittedAt')::bigint), id)
  WHERE status = 'submitted';
-- to_return: results waiting at the one-stop unit
CREATE INDEX dossiers_wl_to_return ON dossiers (receiving_agency_id, tenant_id, due_at, id)
  WHERE status = 'result_ready';
