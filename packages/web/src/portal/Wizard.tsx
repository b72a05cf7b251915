/**
 * /nop-ho-so/:code: a signed-in citizen submits a dossier online in five steps: where (any
 * agency of the deployment that implements the procedure and receives online), the e-form, the
 * documents, a review with the fee and the time limit, then the submission and its confirmation.
 *
 * The draft (agency, answers, cases, stored documents chosen) is kept in this browser as the
 * citizen goes and offered again on return; picked files are not (wizard-draft.ts).
 */
import { Alert, Button, Form } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { ApiError, newIdempotencyKey } from '../app/api.js';
import { useCitizen } from '../app/session.js';
import { DateText } from '../ui/DateText.js';
import { ErrorState } from '../ui/ErrorState.js';
import { Loading, PageTitle } from '../ui/Page.js';
import { usePortalTenant } from './tenant.js';
import { AgencyStep } from './wizard-agency.js';
import {
  caseGroups,
  givenByEform,
  type Implementation,
  onlineChannel,
  receivingImplementations,
  useMyDocuments,
  useProcedure,
} from './wizard-data.js';
import { type Attachments, applicableDocuments, DocumentsStep } from './wizard-documents.js';
import { bodyHash, type Draft, readDraft, removeDraft, writeDraft } from './wizard-draft.js';
import { EForm } from './wizard-form.js';
import { ReviewStep } from './wizard-review.js';
import { asObj, placeErrors, rootFormData } from './wizard-schema.js';
import { type FieldError, type SubmitBody, SubmitStep, useSubmission } from './wizard-submit.js';
import './pages.css';
import './wizard.css';

const STEPS = ['agency', 'form', 'documents', 'review', 'submit'] as const;
const REVIEW = 3;
const SUBMIT = 4;

export function Wizard() {
  const { t } = useTranslation();
  const code = useParams().code ?? '';
  const citizen = useCitizen();
  const { current: tenant, isPending: tenantPending } = usePortalTenant();
  const procedure = useProcedure(code, tenant?.code);

  if (citizen.isPending) return <Loading />;
  if (citizen.error) return <ErrorState error={citizen.error} onRetry={() => citizen.refetch()} />;
  if (!citizen.data)
    return <Navigate to={`/dang-nhap?${new URLSearchParams({ next: `/nop-ho-so/${code}` })}`} replace />;
  if (tenantPending || (tenant && procedure.isPending)) return <Loading />;
  if (procedure.error instanceof ApiError && procedure.error.status === 404)
    return (
      <section>
        <PageTitle text={t('portal.wizard.notFoundTitle')} />
        <p>{t('portal.wizard.notFound', { code })}</p>
        <Link to="/">{t('portal.wizard.home')}</Link>
      </section>
    );
  if (procedure.error) return <ErrorState error={procedure.error} onRetry={() => procedure.refetch()} />;
  if (!tenant || !procedure.data) return <Loading />;
  const p = procedure.data;
  const agencies = receivingImplementations(p);
  if (!onlineChannel(p) || !agencies.length)
    return (
      <section>
        <PageTitle text={t('portal.wizard.title')} />
        <p>{p.content.name}</p>
        <Alert
          type="warning"
          showIcon
          title={
            onlineChannel(p)
              ? t('portal.wizard.noAgency', { tenant: tenant.name })
              : t('portal.wizard.notOnline')
          }
        />
        <p>
          <Link to={`/thu-tuc/${p.code}`}>{t('portal.wizard.backToProcedure')}</Link>
        </p>
      </section>
    );
  return (
    <WizardFlow
      key={`${citizen.data.citizen.id}.${tenant.code}.${p.code}`}
      citizenId={citizen.data.citizen.id}
      tenant={tenant}
      procedure={p}
      agencies={agencies}
    />
  );
}

function WizardFlow({
  citizenId,
  tenant,
  procedure: p,
  agencies,
}: {
  citizenId: number;
  tenant: { code: string; name: string };
  procedure: NonNullable<ReturnType<typeof useProcedure>['data']>;
  agencies: Implementation[];
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const eform = p.content.eform;
  const schema = eform ? asObj(eform.schema) : null;
  const uiSchema = eform ? asObj(eform.uiSchema) : {};
  const caseList = caseGroups(p);

  // a draft found on arrival waits for the citizen's word: resume it or start again
  const [found, setFound] = useState<Draft | null>(() => readDraft(citizenId, tenant.code, p.code));
  const [initialValues, setInitialValues] = useState<Record<string, unknown>>({});
  const [step, setStep] = useState(0);
  const [agency, setAgency] = useState<string | null>(
    agencies.length === 1 ? (agencies[0]?.agency ?? null) : null,
  );
  const [agencyError, setAgencyError] = useState(false);
  const [cases, setCases] = useState<string[]>([]);
  const [attachments, setAttachments] = useState<Attachments>({ files: {}, reuse: {} });
  const [formProblems, setFormProblems] = useState<{
    count: number;
    other: string[];
    server: boolean;
  } | null>(null);
  const pending = useRef<Draft['pending']>(null);
  const finished = useRef(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  const myDocuments = useMyDocuments(true);

  // the latest state, for the draft written after the citizen's latest change
  const latest = useRef({ step, agency, cases, reuse: attachments.reuse });
  latest.current = { step, agency, cases, reuse: attachments.reuse };
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saveNow = () => {
    const l = latest.current;
    writeDraft(citizenId, tenant.code, p.code, {
      step: Math.min(l.step, REVIEW),
      agency: l.agency,
      values: schema ? (form.getFieldsValue(true) as Record<string, unknown>) : {},
      cases: l.cases,
      reuse: l.reuse,
      pending: pending.current,
    });
  };
  const save = () => {
    if (found || finished.current) return;
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => {
      if (!finished.current) saveNow();
    }, 300);
  };
  useEffect(
    () => () => {
      if (saveTimer.current) clearTimeout(saveTimer.current);
    },
    [],
  );
  // state changes are saved once rendered (latest holds them by then)
  const [dirty, setDirty] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: saves after each change the citizen makes
  useEffect(() => {
    if (dirty) save();
  }, [dirty]);
  const changed = () => setDirty((n) => n + 1);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the step's heading takes the focus when the step changes
  useEffect(() => {
    if (!moved.current) return;
    headingRef.current?.focus();
  }, [step]);
  const goTo = (n: number) => {
    moved.current = true;
    setStep(n);
    changed();
    window.scrollTo({ top: 0 });
  };

  const sub = useSubmission({
    onFormErrors: (fields) => showServerErrors(fields),
    onSubmitted: () => {
      finished.current = true;
      removeDraft(citizenId, tenant.code, p.code);
    },
    onSignedOut: () =>
      navigate(`/dang-nhap?${new URLSearchParams({ next: `/nop-ho-so/${p.code}` })}`, { replace: true }),
  });

  function showServerErrors(fields: FieldError[]) {
    const { onFields, other } = placeErrors(schema, fields, i18n.language);
    form.setFields(onFields);
    setFormProblems({ count: onFields.length + other.length, other, server: true });
    goTo(1);
    const first = onFields[0];
    if (first) setTimeout(() => form.scrollToField(first.name, { block: 'center', focus: true }), 50);
  }

  const resume = (d: Draft) => {
    setInitialValues(d.values);
    form.setFieldsValue(d.values);
    setAgency(agencies.some((a) => a.agency === d.agency) ? d.agency : agency);
    setCases(d.cases.filter((c) => caseList.includes(c)));
    setAttachments({ files: {}, reuse: d.reuse });
    pending.current = d.pending;
    setFound(null);
    goTo(Math.min(d.step, REVIEW));
  };
  const discard = () => {
    removeDraft(citizenId, tenant.code, p.code);
    setFound(null);
  };

  const next = async () => {
    if (step === 0) {
      if (!agency) {
        setAgencyError(true);
        return;
      }
      goTo(1);
    } else if (step === 1) {
      if (schema) {
        try {
          await form.validateFields();
          setFormProblems(null);
        } catch (e) {
          const errorFields = (e as { errorFields?: { name: (string | number)[] }[] }).errorFields ?? [];
          if (errorFields.length) {
            setFormProblems({ count: errorFields.length, other: [], server: false });
            form.scrollToField(errorFields[0]?.name ?? [], { block: 'center', focus: true });
            return;
          }
        }
      }
      goTo(2);
    } else if (step === 2) goTo(3);
  };

  const body = (): SubmitBody => ({
    tenant: tenant.code,
    procedureCode: p.code,
    competentAgency: agency as string,
    ...(cases.length ? { cases } : {}),
    // components are marked provided by their uploads (or reuse), after the dossier exists; the
    // one the e-form itself is (the declaration) is handed in with the e-form's data
    documents: applicableDocuments(p, cases).flatMap(({ d }) =>
      givenByEform(p, d) ? [{ code: d.code, provided: true }] : [],
    ),
    formData: schema ? rootFormData(schema, form.getFieldsValue(true)) : {},
  });
  const submit = () => {
    const b = body();
    const hash = bodyHash(b);
    // the same body is the same intent (a retry); another body is a new one
    if (!pending.current || pending.current.hash !== hash)
      pending.current = { key: newIdempotencyKey(), hash };
    const key = pending.current.key;
    // written now, not debounced: the key must survive a reload while the request is in flight
    saveNow();
    goTo(SUBMIT);
    void sub.submit(b, key, p, attachments, cases);
  };

  const impl = agencies.find((a) => a.agency === agency);
  const stepName = (i: number) => t(`portal.wizard.steps.${STEPS[i] ?? 'agency'}`);

  return (
    <article className="wizard">
      <p className="crumbs">
        <Link to={`/thu-tuc/${p.code}`}>{t('portal.wizard.backToProcedure')}</Link>
      </p>
      <PageTitle text={t('portal.wizard.title')} />
      <p className="wz-procedure">
        {p.content.name} <span className="meta">({p.code})</span>
      </p>

      {found ? (
        <section className="wz-draft" aria-labelledby="wz-draft-title">
          <h2 id="wz-draft-title">{t('portal.wizard.draft.title')}</h2>
          <p>
            {t('portal.wizard.draft.found')} <DateText value={found.savedAt} time />.
          </p>
          <p>{t('portal.wizard.draft.filesNote')}</p>
          <div className="wz-actions">
            <Button type="primary" onClick={() => resume(found)}>
              {t('portal.wizard.draft.resume')}
            </Button>
            <Button onClick={discard}>{t('portal.wizard.draft.discard')}</Button>
          </div>
        </section>
      ) : (
        <>
          <ol className="wz-steps" aria-label={t('portal.wizard.progressLabel')}>
            {STEPS.map((s, i) => (
              <li
                key={s}
                className={i === step ? 'is-current' : i < step ? 'is-done' : undefined}
                aria-current={i === step ? 'step' : undefined}
              >
                <span className="wz-step-no" aria-hidden="true">
                  {i + 1}
                </span>
                <span className="wz-step-name">
                  {stepName(i)}
                  {i < step && <span className="sr-only"> ({t('portal.wizard.stepDone')})</span>}
                </span>
              </li>
            ))}
          </ol>
          <h2 ref={headingRef} tabIndex={-1} className="wz-step-title">
            {t('portal.wizard.stepOf', { n: step + 1, total: STEPS.length, name: stepName(step) })}
          </h2>

          {step === 0 && (
            <AgencyStep
              agencies={agencies}
              tenantName={tenant.name}
              others={(p.implementations ?? []).length - agencies.length}
              value={agency}
              error={agencyError}
              onChange={(a) => {
                setAgency(a);
                setAgencyError(false);
                changed();
              }}
            />
          )}

          <div hidden={step !== 1}>
            {schema ? (
              <>
                <p className="wz-note">{t('portal.wizard.form.autosave')}</p>
                {formProblems && (
                  <Alert
                    type="error"
                    showIcon
                    role="alert"
                    className="wz-form-alert"
                    title={
                      formProblems.server
                        ? t('portal.wizard.form.serverErrors')
                        : t('portal.wizard.form.fixErrors', { count: formProblems.count })
                    }
                    description={
                      formProblems.other.length ? (
                        <ul className="wz-plain-list">
                          {formProblems.other.map((m) => (
                            <li key={m}>{m}</li>
                          ))}
                        </ul>
                      ) : undefined
                    }
                  />
                )}
                {!found && (
                  <EFormMount
                    form={form}
                    schema={schema}
                    uiSchema={uiSchema}
                    initialValues={initialValues}
                    onChange={changed}
                  />
                )}
              </>
            ) : (
              <p>{t('portal.wizard.form.none')}</p>
            )}
          </div>

          {step === 2 && (
            <DocumentsStep
              procedure={p}
              cases={cases}
              onCases={(c) => {
                setCases(c);
                changed();
              }}
              attachments={attachments}
              onAttachments={(a) => {
                setAttachments(a);
                changed();
              }}
              myDocuments={myDocuments.data?.items}
            />
          )}

          {step === REVIEW && (
            <ReviewStep
              procedure={p}
              impl={impl}
              schema={schema}
              uiSchema={uiSchema}
              data={schema ? rootFormData(schema, form.getFieldsValue(true)) : {}}
              cases={cases}
              attachments={attachments}
              myDocuments={myDocuments.data?.items}
              onEdit={goTo}
            />
          )}

          {step === SUBMIT && (
            <SubmitStep
              s={sub}
              agencyName={impl?.agencyName ?? ''}
              procedureName={p.content.name}
              onRetry={submit}
              onBack={() => goTo(REVIEW)}
            />
          )}

          {step < SUBMIT && (
            <div className="wz-actions wz-nav">
              {step > 0 && <Button onClick={() => goTo(step - 1)}>{t('portal.wizard.back')}</Button>}
              {step < REVIEW ? (
                <Button type="primary" onClick={() => void next()}>
                  {t('portal.wizard.next')}
                </Button>
              ) : (
                <Button type="primary" onClick={submit}>
                  {t('portal.wizard.review.submit')}
                </Button>
              )}
            </div>
          )}
        </>
      )}
    </article>
  );
}

/** The e-form, mounted once the draft question is settled so a resumed draft is its initial state. */
function EFormMount(props: {
  form: ReturnType<typeof Form.useForm>[0];
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
  initialValues: Record<string, unknown>;
  onChange: () => void;
}) {
  const { form, initialValues } = props;
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the values the form was mounted with
  useEffect(() => {
    if (Object.keys(initialValues).length) form.setFieldsValue(initialValues);
  }, []);
  return <EForm form={form} schema={props.schema} uiSchema={props.uiSchema} onChange={props.onChange} />;
}
