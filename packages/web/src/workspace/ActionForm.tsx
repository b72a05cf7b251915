/**
 * The form of one action: only the few parameters the API takes for it (the server decides the
 * time, the code, the next step, the due instant), sent with the version last seen.
 */
import { ACTION_LABELS, type ActionType } from '@motcua/core';
import { Alert, Button, Checkbox, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../ui/format.js';
import { ActionError } from './ActionError.js';
import { useAction, useDossierFiles, useRefreshDossier } from './api.js';
import type { ActionAnswer, ActionBody, DossierDetail, LogEntry } from './types.js';
import { UploadFile } from './UploadFile.js';

type Values = Record<string, unknown>;

/** Steps the dossier has been through (where "return to a previous step" may go), newest first. */
export function visitedSteps(log: LogEntry[] | undefined, current: string | null): string[] {
  const seen: string[] = [];
  for (const a of log ?? []) {
    const p = a.payload as { step?: string; toStep?: string };
    const s = a.type === 'forward' || a.type === 'return_step' ? p.toStep : p.step;
    if (s && s !== current && !seen.includes(s)) seen.unshift(s);
  }
  return seen;
}

/** `2026-12-08T11:00` as typed in Hà Nội, as the instant the API takes. */
export const vietnamInstant = (local: string) => `${local.length === 16 ? `${local}:00` : local}+07:00`;

/** An instant as `YYYY-MM-DDTHH:mm` on Hà Nội's clock, for a datetime-local field. */
export function vietnamLocal(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 7 * 3_600_000);
  return d.toISOString().slice(0, 16);
}

export function ActionForm({
  detail,
  log,
  type,
  onClose,
  onDone,
}: {
  detail: DossierDetail;
  log: LogEntry[] | undefined;
  type: ActionType;
  onClose: () => void;
  onDone?: (a: ActionAnswer) => void;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const d = detail.dossier;
  const action = useAction(d.id);
  const refresh = useRefreshDossier();
  const [form] = Form.useForm<Values>();
  const notProvided = detail.components.filter((c) => !c.provided && c.documentCode);
  const consultations = useMemo(
    () =>
      (log ?? [])
        .filter((a) => a.type === 'consult')
        .map((a) => a.payload as unknown as { consultationId: string; unit: string; reason?: string })
        .filter((c) => d.state.openConsultations.includes(c.consultationId)),
    [log, d.state.openConsultations],
  );
  const steps = visitedSteps(log, d.currentStep);
  const files = useDossierFiles(d.id);
  const results = (files.data ?? []).filter((f) => f.purpose === 'result');
  const secondSupplement = d.state.supplementRequests > 0;

  const initial: Values =
    ({
      request_completion: {
        missing: detail.components
          .filter((c) => c.required && !c.provided)
          .map((c) => ({ name: c.name, reason: t('workspace.form.missingReason') })),
      },
      request_supplement: { items: [{ name: '', reason: '' }] },
      return_result: {
        delivery: d.channel === 'online' ? 'online' : d.channel === 'postal' ? 'postal' : 'counter',
      },
      apologise: d.appointmentAt
        ? {
            newAppointmentAt: vietnamLocal(
              new Date(new Date(d.appointmentAt).getTime() + 86_400_000).toISOString(),
            ),
          }
        : {},
      forward: { outcome: '' },
    }[type as string] as Values | undefined) ?? {};

  const bodyOf = (v: Values): ActionBody => {
    const base = { type, expectedVersion: d.version };
    const s = (k: string) =>
      typeof v[k] === 'string' && (v[k] as string).trim() ? (v[k] as string).trim() : undefined;
    const extra: Values = {};
    switch (type) {
      case 'accept':
      case 'supplement_received':
        if (Array.isArray(v.provided) && v.provided.length) extra.provided = v.provided;
        break;
      case 'request_completion':
        if (Array.isArray(v.missing) && v.missing.length) extra.missing = v.missing;
        if (s('reason')) extra.reason = s('reason');
        break;
      case 'forward':
        if (v.outcome) extra.outcome = v.outcome;
        break;
      case 'return_step':
        extra.toStep = v.toStep;
        extra.reason = s('reason');
        break;
      case 'consult':
        if (s('agency')) extra.agency = s('agency');
        if (s('department')) extra.department = s('department');
        if (typeof v.budgetHours === 'number') extra.budgetHours = v.budgetHours;
        if (s('question')) extra.question = s('question');
        break;
      case 'answer_consultation':
        extra.consultationId = v.consultationId;
        extra.opinion = s('opinion');
        break;
      case 'request_supplement':
        extra.items = v.items;
        if (s('reason')) extra.reason = s('reason');
        break;
      case 'request_payment':
        extra.amountVnd = v.amountVnd;
        extra.pausesClock = !!v.pausesClock;
        break;
      case 'issue_result':
        if (s('resultCode')) extra.resultCode = s('resultCode');
        break;
      case 'apologise':
        extra.newAppointmentAt = vietnamInstant(v.newAppointmentAt as string);
        extra.reason = s('reason');
        break;
      case 'stop':
        extra.reason = s('reason');
        extra.legalGround = s('legalGround');
        break;
      case 'refuse_intake':
      case 'withdraw':
        extra.reason = s('reason');
        break;
      case 'return_result':
        extra.delivery = v.delivery;
        break;
    }
    return { ...base, ...extra } as ActionBody;
  };

  const required = (msg: string) => [{ required: true, whitespace: true, message: msg }];
  const reason = (label = t('workspace.form.reason')) => (
    <Form.Item name="reason" label={label} rules={required(t('workspace.form.reasonRequired'))}>
      <Input.TextArea rows={3} maxLength={2000} />
    </Form.Item>
  );

  const fields = () => {
    switch (type) {
      case 'accept':
      case 'supplement_received':
        return notProvided.length ? (
          <Form.Item name="provided" label={t('workspace.form.providedNow')}>
            <Checkbox.Group
              options={notProvided.map((c) => ({ value: c.documentCode as string, label: c.name }))}
              className="stacked-checks"
            />
          </Form.Item>
        ) : (
          <p>{t('workspace.form.allProvided')}</p>
        );
      case 'request_completion':
        return (
          <>
            <p>{t('workspace.form.completionOnce')}</p>
            <ItemsList name="missing" />
            <Form.Item name="reason" label={t('workspace.form.note')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </>
        );
      case 'refuse_intake':
      case 'withdraw':
        return reason();
      case 'assign':
        return <p>{t('workspace.form.assignAuto')}</p>;
      case 'forward':
        return (
          <Form.Item name="outcome" label={t('workspace.form.outcome')}>
            <Radio.Group
              options={[
                { value: '', label: t('workspace.form.outcomeNone') },
                { value: 'positive', label: t('workspace.form.outcomePositive') },
                { value: 'negative', label: t('workspace.form.outcomeNegative') },
              ]}
            />
          </Form.Item>
        );
      case 'return_step':
        return (
          <>
            <Form.Item
              name="toStep"
              label={t('workspace.form.toStep')}
              rules={[{ required: true, message: t('workspace.form.toStepRequired') }]}
            >
              <Select options={steps.map((s) => ({ value: s, label: s }))} />
            </Form.Item>
            {reason()}
          </>
        );
      case 'consult':
        return (
          <>
            <Form.Item
              name="agency"
              label={t('workspace.form.consultAgency')}
              extra={t('workspace.form.consultAgencyHint')}
            >
              <Input maxLength={20} />
            </Form.Item>
            <Form.Item name="department" label={t('workspace.form.consultDepartment')}>
              <Input maxLength={20} />
            </Form.Item>
            <Form.Item name="budgetHours" label={t('workspace.form.budgetHours')}>
              <InputNumber min={0.5} max={2000} step={0.5} />
            </Form.Item>
            <Form.Item
              name="question"
              label={t('workspace.form.question')}
              rules={required(t('workspace.form.questionRequired'))}
            >
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </>
        );
      case 'answer_consultation':
        return (
          <>
            <Form.Item
              name="consultationId"
              label={t('workspace.form.consultation')}
              rules={[{ required: true, message: t('workspace.form.consultationRequired') }]}
            >
              <Select
                options={consultations.map((c) => ({
                  value: c.consultationId,
                  label: `${c.unit}${c.reason ? ` — ${c.reason}` : ''}`,
                }))}
              />
            </Form.Item>
            <Form.Item
              name="opinion"
              label={t('workspace.form.opinion')}
              rules={required(t('workspace.form.opinionRequired'))}
            >
              <Input.TextArea rows={4} maxLength={4000} />
            </Form.Item>
          </>
        );
      case 'request_supplement':
        return (
          <>
            {secondSupplement && (
              <Alert type="warning" showIcon title={t('workspace.form.secondSupplement')} />
            )}
            <ItemsList name="items" />
            {secondSupplement ? reason(t('workspace.form.secondReason')) : null}
          </>
        );
      case 'request_payment':
        return (
          <>
            <Form.Item
              name="amountVnd"
              label={t('workspace.form.amount')}
              rules={[{ required: true, message: t('workspace.form.amountRequired') }]}
            >
              <InputNumber min={0} step={1000} style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="pausesClock" valuePropName="checked">
              <Checkbox>{t('workspace.form.pausesClock')}</Checkbox>
            </Form.Item>
          </>
        );
      case 'issue_result':
        return (
          <>
            <p>{t('workspace.form.resultFiles', { count: results.length })}</p>
            <ul className="plain-list">
              {results.map((f) => (
                <li key={f.id}>{f.filename ?? f.id}</li>
              ))}
            </ul>
            <UploadFile
              url={`/api/v1/dossiers/${d.id}/results/files`}
              label={t('workspace.form.uploadResult')}
              onDone={() => refresh(d.id)}
            />
            <Form.Item
              name="resultCode"
              label={t('workspace.form.resultCode')}
              extra={t('workspace.form.resultCodeHint')}
              rules={[
                { pattern: /^KQ\.[GH][0-9]{2}\.[0-9]{6}$/, message: t('workspace.form.resultCodeHint') },
              ]}
            >
              <Input maxLength={20} />
            </Form.Item>
          </>
        );
      case 'apologise':
        return (
          <>
            {d.appointmentAt && (
              <p>
                {t('workspace.form.currentAppointment')}: {formatDateTime(d.appointmentAt, i18n.language)}
              </p>
            )}
            <Form.Item
              name="newAppointmentAt"
              label={t('workspace.form.newAppointment')}
              rules={[{ required: true, message: t('workspace.form.newAppointmentRequired') }]}
            >
              <Input type="datetime-local" />
            </Form.Item>
            {reason(t('workspace.form.apologyReason'))}
          </>
        );
      case 'stop':
        return (
          <>
            {reason()}
            <Form.Item
              name="legalGround"
              label={t('workspace.form.legalGround')}
              rules={required(t('workspace.form.legalGroundRequired'))}
            >
              <Input maxLength={500} />
            </Form.Item>
          </>
        );
      case 'return_result':
        return (
          <>
            <Form.Item name="delivery" label={t('workspace.form.delivery')}>
              <Radio.Group
                options={[
                  { value: 'counter', label: t('workspace.delivery.counter') },
                  { value: 'postal', label: t('workspace.delivery.postal') },
                  ...(d.citizenId ? [{ value: 'online', label: t('workspace.delivery.online') }] : []),
                ]}
              />
            </Form.Item>
            <Form.Item
              name="identityChecked"
              valuePropName="checked"
              rules={[
                {
                  validator: (_, v) =>
                    v || form.getFieldValue('delivery') !== 'counter'
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('workspace.form.identityRequired'))),
                },
              ]}
            >
              <Checkbox>{t('workspace.form.identityChecked')}</Checkbox>
            </Form.Item>
          </>
        );
      default:
        return <p>{t('workspace.form.confirm')}</p>;
    }
  };

  const label = en ? ACTION_LABELS[type].en : ACTION_LABELS[type].vi;
  return (
    <Modal
      open
      title={label}
      onCancel={onClose}
      destroyOnHidden
      width={640}
      footer={null}
      maskClosable={false}
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={initial}
        disabled={action.isPending}
        onFinish={(v) =>
          action.mutate(bodyOf(v), {
            onSuccess: (a) => {
              onDone?.(a);
              onClose();
            },
          })
        }
      >
        {fields()}
        {action.isError && <ActionError error={action.error} onReload={() => refresh(d.id).then(onClose)} />}
        <Space style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={action.isPending}>
            {label}
          </Button>
          <Button onClick={onClose}>{t('cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}

/** A list of papers with the reason each is asked for (Mẫu 02 lists every one, with why). */
function ItemsList({ name }: { name: string }) {
  const { t } = useTranslation();
  return (
    <Form.List name={name}>
      {(rows, { add, remove }) => (
        <fieldset className="items-list">
          <legend>{t('workspace.form.items')}</legend>
          {rows.map((row, i) => (
            <div key={row.key} className="item-row">
              <Form.Item
                name={[row.name, 'name']}
                label={t('workspace.form.itemName', { n: i + 1 })}
                rules={[{ required: true, whitespace: true, message: t('workspace.form.itemNameRequired') }]}
              >
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
              <Form.Item
                name={[row.name, 'reason']}
                label={t('workspace.form.itemReason', { n: i + 1 })}
                rules={[
                  { required: true, whitespace: true, message: t('workspace.form.itemReasonRequired') },
                ]}
              >
                <Input maxLength={1000} />
              </Form.Item>
              {rows.length > 1 && (
                <Button onClick={() => remove(row.name)}>
                  {t('workspace.form.removeItem', { n: i + 1 })}
                </Button>
              )}
            </div>
          ))}
          <Button onClick={() => add({ name: '', reason: '' })}>{t('workspace.form.addItem')}</Button>
        </fieldset>
      )}
    </Form.List>
  );
}
