import {
  type JointStep,
  ROLE_LABELS,
  ROLES,
  type Role,
  STEP_ACTIONS,
  type StepAction,
  type StepEdge,
  type TaskStep,
  type WorkflowDefinition,
  type WorkflowStep,
} from '@motcua/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, InputNumber, Select, Space, Table } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, call, client } from '../app/api.js';
import { ErrorState } from '../ui/ErrorState.js';
import { formatDateTime, formatNumber } from '../ui/format.js';
import { Loading, PageTitle } from '../ui/Page.js';
import { useDebounced } from '../ui/useDebounced.js';
import { AdminNav } from './AdminHome.js';
import { useAgency, useAllAgencies } from './queries.js';
import { AdminOnly, issuesOf, Refusal, ruleText } from './shared.js';
import { WorkflowGraph } from './WorkflowGraph.js';

interface WorkflowView {
  implementationId: number;
  agency: string;
  procedure: string;
  localCode: string;
  current: { versionNo: number; definition: WorkflowDefinition } | null;
  versions: {
    versionNo: number;
    longestPathHours: number;
    limitHours: number | null;
    templateCode: string | null;
    createdAt: string;
    createdBy: string | null;
  }[];
}

interface Issue {
  code: string;
  step: string | null;
  vi: string;
  en: string;
}
interface Validation {
  ok: boolean;
  errors: Issue[];
  warnings: Issue[];
  longestPathHours: number;
  limitHours: number | null;
}

const STARTER: WorkflowDefinition = {
  start: 'TIEP_NHAN',
  steps: [
    {
      kind: 'task',
      code: 'TIEP_NHAN',
      name: 'Tiếp nhận hồ sơ',
      agency: null,
      department: null,
      role: 'receiving_officer',
      budgetHours: 4,
      actions: ['forward'],
      next: [],
      end: 'result',
    },
  ],
};

/** A step code the server accepts, from what an administrator typed. */
const codeOf = (s: string) => s.toUpperCase().replace(/[^A-Z0-9_]/g, '_');

/** /quan-tri/quy-trinh/:implementationId: edit an agency's internal workflow, checked as it is typed. */
export function WorkflowEditor() {
  const { t, i18n } = useTranslation();
  const id = Number(useParams().implementationId);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const view = useQuery({
    queryKey: ['admin', 'workflow', id],
    queryFn: async () =>
      (await call(
        client.GET('/api/v1/admin/implementations/{id}/workflow', { params: { path: { id } } }),
      )) as unknown as WorkflowView,
    enabled: Number.isInteger(id) && id > 0,
  });
  const [def, setDef] = useState<WorkflowDefinition | null>(null);
  // each step's identity on screen, kept beside the definition: a step's code may be retyped, and
  // a step moved up or down keeps its card (and the keyboard focus on its button)
  const stepKeys = useRef<number[]>([]);
  const lastKey = useRef(0);
  const fresh = (n: number) => Array.from({ length: n }, () => ++lastKey.current);
  const reset = (d: WorkflowDefinition) => {
    stepKeys.current = fresh(d.steps.length);
    setDef(d);
  };
  useEffect(() => {
    if (view.data && def === null) {
      const d = structuredClone(view.data.current?.definition ?? STARTER);
      stepKeys.current = Array.from({ length: d.steps.length }, () => ++lastKey.current);
      setDef(d);
    }
  }, [view.data, def]);

  const settled = useDebounced(def, 400);
  const validation = useQuery({
    queryKey: ['admin', 'workflow', id, 'validate', JSON.stringify(settled)],
    queryFn: async () =>
      (await call(
        client.POST('/api/v1/admin/implementations/{id}/workflow/validate', {
          params: { path: { id } },
          body: settled as never,
        }),
      )) as unknown as Validation,
    enabled: !!settled,
    retry: false,
    placeholderData: (prev) => prev,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const save = useMutation({
    mutationFn: (d: WorkflowDefinition) =>
      call(
        client.PUT('/api/v1/admin/implementations/{id}/workflow', {
          params: { path: { id } },
          body: d as never,
        }),
      ),
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: ['admin', 'workflow', id] });
      await qc.invalidateQueries({ queryKey: ['admin', 'procedure'] });
      void message.success(t('admin.workflow.saved', { n: r.versionNo }));
    },
  });

  const en = i18n.language.startsWith('en');
  // what the server says about each step: the validator's issues by code, schema issues by index
  const { byStep, general, schemaIssues } = useMemo(() => {
    const say = (i: Issue) => (en ? i.en : i.vi);
    const byStep = new Map<string, { errors: string[]; warnings: string[] }>();
    const general: { errors: string[]; warnings: string[] } = { errors: [], warnings: [] };
    const schemaIssues = new Map<number, string[]>();
    const put = (code: string | null, kind: 'errors' | 'warnings', text: string) => {
      if (code && def?.steps.some((s) => s.code === code)) {
        const e = byStep.get(code) ?? { errors: [], warnings: [] };
        e[kind].push(text);
        byStep.set(code, e);
      } else general[kind].push(text);
    };
    const v = validation.data;
    if (v && !validation.isError) {
      for (const e of v.errors) put(e.step, 'errors', say(e));
      for (const w of v.warnings) put(w.step, 'warnings', say(w));
    }
    const failure = save.error instanceof ApiError ? save.error : null;
    if (validation.error instanceof ApiError) {
      for (const i of issuesOf(validation.error)) {
        const text = `${i.path.slice(2).join('.') || i.path.join('.')}: ${ruleText(i.rule, t, i.message)}`;
        if (i.path[0] === 'steps' && typeof i.path[1] === 'number')
          schemaIssues.set(i.path[1], [...(schemaIssues.get(i.path[1]) ?? []), text]);
        else general.errors.push(text);
      }
    }
    if (failure?.code === 'WORKFLOW_INVALID' && Array.isArray(failure.details.errors) && !v)
      for (const e of failure.details.errors as Issue[]) put(e.step, 'errors', say(e));
    return { byStep, general, schemaIssues };
  }, [validation.data, validation.error, validation.isError, save.error, def, t, en]);

  if (!Number.isInteger(id) || id <= 0) return <ErrorState error={new ApiError(404, 'NOT_FOUND', '', '')} />;
  if (view.isPending) return <Loading />;
  if (view.isError) return <ErrorState error={view.error} onRetry={() => view.refetch()} />;
  if (!def) return <Loading />;

  const update = (i: number, s: WorkflowStep) =>
    setDef({ ...def, steps: def.steps.map((x, j) => (j === i ? s : x)) });
  const remove = (i: number) => {
    stepKeys.current = stepKeys.current.filter((_, j) => j !== i);
    setDef({ ...def, steps: def.steps.filter((_, j) => j !== i) });
  };
  const move = (i: number, by: number) => {
    const steps = [...def.steps];
    const keys = [...stepKeys.current];
    const [s] = steps.splice(i, 1);
    const [k] = keys.splice(i, 1);
    if (s && k !== undefined) {
      steps.splice(i + by, 0, s);
      keys.splice(i + by, 0, k);
    }
    stepKeys.current = keys;
    setDef({ ...def, steps });
  };
  const addStep = () => {
    let n = def.steps.length + 1;
    while (def.steps.some((s) => s.code === `BUOC_${n}`)) n++;
    stepKeys.current = [...stepKeys.current, ...fresh(1)];
    setDef({
      ...def,
      steps: [
        ...def.steps,
        {
          kind: 'task',
          code: `BUOC_${n}`,
          name: t('admin.workflow.newStep', { n }),
          agency: null,
          department: null,
          role: 'specialist',
          budgetHours: 8,
          actions: ['forward'],
          next: [],
        },
      ],
    });
  };
  const v = validation.data;
  const pending = validation.isFetching || settled !== def;
  const checkedOk = !pending && !validation.isError && v?.ok;
  const invalidCodes = new Set([
    ...[...byStep.entries()].filter(([, e]) => e.errors.length > 0).map(([c]) => c),
    ...[...schemaIssues.keys()].map((i) => def.steps[i]?.code ?? ''),
  ]);
  return (
    <section>
      <AdminNav />
      <p className="admin-muted">
        <Link to={`/quan-tri/quy-trinh?thu-tuc=${view.data.procedure}`}>{t('admin.workflow.back')}</Link>
        {' · '}
        <Link to={`/quan-tri/thu-tuc/${view.data.procedure}`}>{t('admin.workflow.toProcedure')}</Link>
      </p>
      <PageTitle text={t('admin.workflow.title', { code: view.data.localCode })} />
      <AdminOnly>
        <p>
          {view.data.current
            ? t('admin.workflow.currentVersion', { n: view.data.current.versionNo })
            : t('admin.workflow.noneYet')}
        </p>
        <div className="admin-panel" style={{ marginBottom: 12 }} aria-live="polite">
          <strong>{t('admin.workflow.check')}: </strong>
          {pending ? (
            t('admin.workflow.checking')
          ) : validation.isError ? (
            <span className="error">{t('admin.workflow.schemaInvalid')}</span>
          ) : v ? (
            <>
              {v.ok ? t('admin.workflow.valid') : t('admin.workflow.invalid', { count: v.errors.length })}{' '}
              {t('admin.workflow.budget', {
                hours: formatNumber(v.longestPathHours, i18n.language),
                limit: v.limitHours === null ? '—' : formatNumber(v.limitHours, i18n.language),
              })}
            </>
          ) : null}
          {(general.errors.length > 0 || general.warnings.length > 0) && (
            <IssueList errors={general.errors} warnings={general.warnings} />
          )}
        </div>
        <div className="admin-toolbar">
          <label htmlFor="wf-start">{t('admin.workflow.start')}</label>
          <Select
            id="wf-start"
            style={{ width: 240 }}
            value={def.start}
            onChange={(start: string) => setDef({ ...def, start })}
            options={def.steps.map((s) => ({ value: s.code, label: s.code }))}
          />
          <Button onClick={addStep}>{t('admin.workflow.addStep')}</Button>
          <Button
            type="primary"
            disabled={!checkedOk}
            loading={save.isPending}
            onClick={() => save.mutate(def)}
          >
            {t('admin.workflow.save')}
          </Button>
          <Button onClick={() => reset(structuredClone(view.data.current?.definition ?? STARTER))}>
            {t('admin.workflow.revert')}
          </Button>
        </div>
        <Refusal error={save.error} />

        <h2 className="admin-h2">{t('admin.workflow.graph')}</h2>
        <WorkflowGraph def={def} invalid={invalidCodes} />

        <h2 className="admin-h2">{t('admin.workflow.steps')}</h2>
        {def.steps.map((s, i) => (
          <StepCard
            key={stepKeys.current[def.steps.indexOf(s)] ?? s.code}
            index={i}
            step={s}
            codes={def.steps.map((x) => x.code)}
            isStart={def.start === s.code}
            count={def.steps.length}
            issues={byStep.get(s.code)}
            schema={schemaIssues.get(i)}
            onChange={(n) => {
              // renaming a step renames the edges and the start pointing at it
              if (n.code !== s.code) {
                const steps = def.steps.map((x, j) =>
                  j === i
                    ? n
                    : { ...x, next: x.next.map((e) => (e.to === s.code ? { ...e, to: n.code } : e)) },
                );
                setDef({ start: def.start === s.code ? n.code : def.start, steps: steps as WorkflowStep[] });
              } else update(i, n);
            }}
            onRemove={() => remove(i)}
            onMove={(by) => move(i, by)}
          />
        ))}

        <h2 className="admin-h2">{t('admin.workflow.versions')}</h2>
        <Table
          size="small"
          rowKey="versionNo"
          pagination={false}
          dataSource={view.data.versions}
          locale={{ emptyText: <span className="admin-empty">{t('admin.workflow.noneYet')}</span> }}
          columns={[
            { title: t('admin.procedure.versionNo'), dataIndex: 'versionNo', width: 90 },
            { title: t('admin.workflow.longest'), dataIndex: 'longestPathHours' },
            { title: t('admin.workflow.limit'), dataIndex: 'limitHours', render: (x) => x ?? '—' },
            { title: t('admin.workflow.template'), dataIndex: 'templateCode', render: (x) => x ?? '—' },
            { title: t('admin.workflow.by'), dataIndex: 'createdBy', render: (x) => x ?? '—' },
            {
              title: t('admin.workflow.at'),
              dataIndex: 'createdAt',
              render: (x: string) => formatDateTime(x, i18n.language),
            },
          ]}
        />
      </AdminOnly>
    </section>
  );
}

function IssueList({ errors, warnings }: { errors: string[]; warnings: string[] }) {
  const { t } = useTranslation();
  return (
    <ul className="admin-issue-list">
      {errors.map((e) => (
        <li key={`e-${e}`} className="error">
          <strong>{t('admin.workflow.error')}:</strong> {e}
        </li>
      ))}
      {warnings.map((w) => (
        <li key={`w-${w}`}>
          <strong>{t('admin.workflow.warning')}:</strong> {w}
        </li>
      ))}
    </ul>
  );
}

function StepCard({
  index,
  step,
  codes,
  isStart,
  count,
  issues,
  schema,
  onChange,
  onRemove,
  onMove,
}: {
  index: number;
  step: WorkflowStep;
  codes: string[];
  isStart: boolean;
  count: number;
  issues: { errors: string[]; warnings: string[] } | undefined;
  schema: string[] | undefined;
  onChange: (s: WorkflowStep) => void;
  onRemove: () => void;
  onMove: (by: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const agencies = useAllAgencies();
  const en = i18n.language.startsWith('en');
  const id = `step-${index}`;
  const errors = [...(schema ?? []), ...(issues?.errors ?? [])];
  const warnings = issues?.warnings ?? [];
  const agencyOpts = (agencies.data ?? []).map((a) => ({
    value: a.identifier,
    label: `${a.name} (${a.identifier})`,
  }));
  const setKind = (kind: 'task' | 'joint') => {
    if (kind === step.kind) return;
    const common = {
      code: step.code,
      name: step.name,
      budgetHours: step.budgetHours,
      next: step.next,
      end: step.end,
    };
    onChange(
      kind === 'joint'
        ? ({ kind: 'joint', ...common, agency: step.agency ?? '', procedure: null } as JointStep)
        : ({
            kind: 'task',
            ...common,
            agency: null,
            department: null,
            role: 'specialist',
            actions: ['forward'],
          } as TaskStep),
    );
  };
  return (
    <fieldset
      className="admin-step"
      data-invalid={errors.length > 0}
      aria-describedby={errors.length ? `${id}-issues` : undefined}
    >
      <legend>
        <strong>
          {t('admin.workflow.stepN', { n: index + 1 })}: {step.code}
        </strong>
        {isStart ? ` · ${t('admin.workflow.isStart')}` : ''}
      </legend>
      {(errors.length > 0 || warnings.length > 0) && (
        <div id={`${id}-issues`}>
          <Alert
            type={errors.length ? 'error' : 'warning'}
            showIcon
            title={
              errors.length
                ? t('admin.workflow.stepErrors', { count: errors.length })
                : t('admin.workflow.stepWarnings')
            }
            description={<IssueList errors={errors} warnings={warnings} />}
            style={{ marginBottom: 8 }}
          />
        </div>
      )}
      <div className="admin-step-grid">
        <div className="admin-field">
          <label htmlFor={`${id}-code`}>{t('admin.workflow.code')}</label>
          <Input
            id={`${id}-code`}
            value={step.code}
            onChange={(e) => onChange({ ...step, code: codeOf(e.target.value) })}
          />
        </div>
        <div className="admin-field" style={{ gridColumn: 'span 2' }}>
          <label htmlFor={`${id}-name`}>{t('admin.workflow.name')}</label>
          <Input
            id={`${id}-name`}
            value={step.name}
            onChange={(e) => onChange({ ...step, name: e.target.value })}
          />
        </div>
        <div className="admin-field">
          <label htmlFor={`${id}-kind`}>{t('admin.workflow.kind')}</label>
          <Select
            id={`${id}-kind`}
            style={{ width: '100%' }}
            value={step.kind}
            onChange={setKind}
            options={[
              { value: 'task', label: t('admin.workflow.kinds.task') },
              { value: 'joint', label: t('admin.workflow.kinds.joint') },
            ]}
          />
        </div>
        <div className="admin-field" style={{ gridColumn: 'span 2' }}>
          <label htmlFor={`${id}-agency`}>{t('admin.workflow.agency')}</label>
          <Select
            id={`${id}-agency`}
            style={{ width: '100%' }}
            showSearch={{ optionFilterProp: 'label' }}
            value={step.agency ?? ''}
            onChange={(a: string) =>
              onChange(
                step.kind === 'task'
                  ? { ...step, agency: a || null, department: null }
                  : { ...step, agency: a },
              )
            }
            options={[
              ...(step.kind === 'task' ? [{ value: '', label: t('admin.workflow.implementingAgency') }] : []),
              ...agencyOpts,
            ]}
          />
        </div>
        {step.kind === 'task' ? (
          <>
            <DepartmentPick
              id={`${id}-department`}
              identifier={step.agency}
              value={step.department}
              onChange={(department) => onChange({ ...step, department })}
            />
            <div className="admin-field">
              <label htmlFor={`${id}-role`}>{t('admin.workflow.role')}</label>
              <Select
                id={`${id}-role`}
                style={{ width: '100%' }}
                value={step.role}
                onChange={(role: Role) => onChange({ ...step, role })}
                options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r][en ? 'en' : 'vi'] }))}
              />
            </div>
          </>
        ) : (
          <div className="admin-field" style={{ gridColumn: 'span 2' }}>
            <label htmlFor={`${id}-procedure`}>{t('admin.workflow.childProcedure')}</label>
            <Input
              id={`${id}-procedure`}
              value={step.procedure ?? ''}
              placeholder={t('admin.workflow.sameProcedure')}
              onChange={(e) => onChange({ ...step, procedure: e.target.value.trim() || null })}
            />
          </div>
        )}
        <div className="admin-field">
          <label htmlFor={`${id}-budget`}>{t('admin.workflow.budgetHours')}</label>
          <InputNumber
            id={`${id}-budget`}
            style={{ width: '100%' }}
            value={step.budgetHours}
            onChange={(b) => onChange({ ...step, budgetHours: typeof b === 'number' ? b : 0 })}
          />
        </div>
        <div className="admin-field">
          <label htmlFor={`${id}-end`}>{t('admin.workflow.end')}</label>
          <Select
            id={`${id}-end`}
            style={{ width: '100%' }}
            value={step.end ?? ''}
            onChange={(e: string) => {
              const { end: _end, ...rest } = step;
              onChange(
                e ? ({ ...rest, end: e as 'result' | 'refusal' } as WorkflowStep) : (rest as WorkflowStep),
              );
            }}
            options={[
              { value: '', label: t('admin.workflow.ends.none') },
              { value: 'result', label: t('admin.workflow.ends.result') },
              { value: 'refusal', label: t('admin.workflow.ends.refusal') },
            ]}
          />
        </div>
        {step.kind === 'task' && (
          <div className="admin-field" style={{ gridColumn: 'span 2' }}>
            <label htmlFor={`${id}-actions`}>{t('admin.workflow.actions')}</label>
            <Select
              id={`${id}-actions`}
              mode="multiple"
              style={{ width: '100%' }}
              value={step.actions}
              onChange={(actions: StepAction[]) => onChange({ ...step, actions })}
              options={STEP_ACTIONS.map((a) => ({ value: a, label: t(`admin.workflow.actionNames.${a}`) }))}
            />
          </div>
        )}
      </div>
      <Edges
        id={id}
        edges={step.next}
        codes={codes.filter((c) => c !== step.code)}
        onChange={(next) => onChange({ ...step, next })}
      />
      {step.kind === 'task' && (
        <Consultations
          id={id}
          list={step.consultations ?? []}
          agencyOpts={agencyOpts}
          onChange={(consultations) => onChange({ ...step, consultations })}
        />
      )}
      <Space style={{ marginTop: 8 }}>
        <Button size="small" disabled={index === 0} onClick={() => onMove(-1)}>
          {t('admin.workflow.up')}
        </Button>
        <Button size="small" disabled={index === count - 1} onClick={() => onMove(1)}>
          {t('admin.workflow.down')}
        </Button>
        <Button size="small" danger onClick={onRemove}>
          {t('admin.workflow.removeStep', { code: step.code })}
        </Button>
      </Space>
    </fieldset>
  );
}

function DepartmentPick({
  id,
  identifier,
  value,
  onChange,
}: {
  id: string;
  identifier: string | null;
  value: string | null;
  onChange: (d: string | null) => void;
}) {
  const { t } = useTranslation();
  const agencies = useAllAgencies();
  const agencyId = identifier ? agencies.data?.find((a) => a.identifier === identifier)?.id : undefined;
  const own = useImplementingAgencyId();
  const agency = useAgency(agencyId ?? own);
  return (
    <div className="admin-field">
      <label htmlFor={id}>{t('admin.workflow.department')}</label>
      <Select
        id={id}
        style={{ width: '100%' }}
        value={value ?? ''}
        onChange={(d: string) => onChange(d || null)}
        options={[
          { value: '', label: t('admin.workflow.anyDepartment') },
          ...(agency.data?.departments ?? []).map((d) => ({ value: d.code, label: `${d.name} (${d.code})` })),
        ]}
      />
    </div>
  );
}

/** The implementing agency's id, for steps whose agency is "the implementing agency". */
function useImplementingAgencyId(): number | undefined {
  const id = Number(useParams().implementationId);
  const qc = useQueryClient();
  const agencies = useAllAgencies();
  const view = qc.getQueryData<WorkflowView>(['admin', 'workflow', id]);
  return view ? agencies.data?.find((a) => a.identifier === view.agency)?.id : undefined;
}

function Edges({
  id,
  edges,
  codes,
  onChange,
}: {
  id: string;
  edges: StepEdge[];
  codes: string[];
  onChange: (e: StepEdge[]) => void;
}) {
  const { t } = useTranslation();
  const set = (i: number, e: StepEdge) => onChange(edges.map((x, j) => (j === i ? e : x)));
  const condOf = (e: StepEdge) => (!e.when ? 'always' : 'outcome' in e.when ? e.when.outcome : 'field');
  return (
    <div>
      <h3 className="admin-h3">{t('admin.workflow.next')}</h3>
      {edges.length === 0 && <p className="admin-muted">{t('admin.workflow.noNext')}</p>}
      {edges.map((e, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: edges have no identity of their own
        <div key={i} className="admin-step-grid" style={{ alignItems: 'end' }}>
          <div className="admin-field">
            <label htmlFor={`${id}-next-${i}`}>{t('admin.workflow.nextTo', { n: i + 1 })}</label>
            <Select
              id={`${id}-next-${i}`}
              style={{ width: '100%' }}
              value={e.to}
              onChange={(to: string) => set(i, { ...e, to })}
              options={codes.map((c) => ({ value: c, label: c }))}
            />
          </div>
          <div className="admin-field">
            <label htmlFor={`${id}-when-${i}`}>{t('admin.workflow.when')}</label>
            <Select
              id={`${id}-when-${i}`}
              style={{ width: '100%' }}
              value={condOf(e)}
              onChange={(c: string) =>
                set(
                  i,
                  c === 'always'
                    ? { to: e.to }
                    : c === 'field'
                      ? { to: e.to, when: { field: '', equals: '' } }
                      : { to: e.to, when: { outcome: c as 'positive' | 'negative' } },
                )
              }
              options={[
                { value: 'always', label: t('admin.workflow.always') },
                { value: 'positive', label: t('admin.workflow.outcome.positive') },
                { value: 'negative', label: t('admin.workflow.outcome.negative') },
                { value: 'field', label: t('admin.workflow.fieldEquals') },
              ]}
            />
          </div>
          {e.when && 'field' in e.when ? (
            <>
              <div className="admin-field">
                <label htmlFor={`${id}-field-${i}`}>{t('admin.workflow.field')}</label>
                <Input
                  id={`${id}-field-${i}`}
                  value={e.when.field}
                  onChange={(x) =>
                    set(i, {
                      to: e.to,
                      when: { field: x.target.value, equals: (e.when as { equals: string }).equals },
                    })
                  }
                />
              </div>
              <div className="admin-field">
                <label htmlFor={`${id}-equals-${i}`}>{t('admin.workflow.equals')}</label>
                <Input
                  id={`${id}-equals-${i}`}
                  value={String(e.when.equals)}
                  onChange={(x) =>
                    set(i, {
                      to: e.to,
                      when: { field: (e.when as { field: string }).field, equals: x.target.value },
                    })
                  }
                />
              </div>
            </>
          ) : (
            <div />
          )}
          <div className="admin-field">
            <Button size="small" onClick={() => onChange(edges.filter((_, j) => j !== i))}>
              {t('admin.workflow.removeNext', { n: i + 1 })}
            </Button>
          </div>
        </div>
      ))}
      <Button
        size="small"
        disabled={!codes.length}
        onClick={() => onChange([...edges, { to: codes[0] ?? '' }])}
      >
        {t('admin.workflow.addNext')}
      </Button>
    </div>
  );
}

function Consultations({
  id,
  list,
  agencyOpts,
  onChange,
}: {
  id: string;
  list: NonNullable<TaskStep['consultations']>;
  agencyOpts: { value: string; label: string }[];
  onChange: (c: NonNullable<TaskStep['consultations']>) => void;
}) {
  const { t } = useTranslation();
  const set = (i: number, c: (typeof list)[number]) => onChange(list.map((x, j) => (j === i ? c : x)));
  return (
    <div>
      <h3 className="admin-h3">{t('admin.workflow.consultations')}</h3>
      {list.map((c, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: consultations have no identity of their own
        <div key={i} className="admin-step-grid" style={{ alignItems: 'end' }}>
          <div className="admin-field" style={{ gridColumn: 'span 2' }}>
            <label htmlFor={`${id}-c-agency-${i}`}>{t('admin.workflow.consultAgency', { n: i + 1 })}</label>
            <Select
              id={`${id}-c-agency-${i}`}
              style={{ width: '100%' }}
              showSearch={{ optionFilterProp: 'label' }}
              value={c.agency ?? ''}
              onChange={(a: string) => set(i, { ...c, agency: a || null })}
              options={[{ value: '', label: t('admin.workflow.implementingAgency') }, ...agencyOpts]}
            />
          </div>
          <div className="admin-field">
            <label htmlFor={`${id}-c-dep-${i}`}>{t('admin.workflow.department')}</label>
            <Input
              id={`${id}-c-dep-${i}`}
              value={c.department ?? ''}
              onChange={(e) => set(i, { ...c, department: e.target.value.trim() || null })}
            />
          </div>
          <div className="admin-field">
            <label htmlFor={`${id}-c-budget-${i}`}>{t('admin.workflow.budgetHours')}</label>
            <Space.Compact>
              <InputNumber
                id={`${id}-c-budget-${i}`}
                value={c.budgetHours}
                onChange={(b) => set(i, { ...c, budgetHours: typeof b === 'number' ? b : 0 })}
              />
              <Button onClick={() => onChange(list.filter((_, j) => j !== i))}>
                {t('admin.workflow.removeConsult', { n: i + 1 })}
              </Button>
            </Space.Compact>
          </div>
        </div>
      ))}
      <Button
        size="small"
        onClick={() => onChange([...list, { agency: null, department: null, budgetHours: 4 }])}
      >
        {t('admin.workflow.addConsult')}
      </Button>
    </div>
  );
}
