import { EXCEPTION_KINDS, type ExceptionKind } from '@motcua/core';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { call, client } from '../app/api.js';
import { DateText } from '../ui/DateText.js';
import { formatDate } from '../ui/format.js';
import { isExceptionKind, useCalendarsChanged, type YearException } from './holidays-data.js';
import { Refusal, showFieldErrors } from './shared.js';

interface Values {
  date: string;
  kind: ExceptionKind;
  name: string;
  legalBasis?: string;
  status: 'official' | 'provisional';
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Declares, changes or deletes one exception day of a calendar. A day inherited from the parent
 * calendar is never deleted here: saving it declares the calendar's own version of that date.
 */
export function HolidayException({
  calendarId,
  date,
  existing,
  parentName,
  onClose,
}: {
  calendarId: number;
  /** the day clicked in the year, or null to choose one */
  date: string | null;
  existing: YearException | undefined;
  parentName: string | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const changed = useCalendarsChanged();
  const chosen = Form.useWatch('date', form) ?? date ?? '';
  const own = existing && !existing.inherited ? existing : undefined;
  const day = (d: string) => formatDate(d, i18n.language);

  const save = useMutation({
    mutationFn: (v: Values) =>
      call(
        client.PUT('/api/v1/calendars/{id}/exceptions/{date}', {
          params: { path: { id: calendarId, date: v.date } },
          body: {
            kind: v.kind,
            name: v.name.trim(),
            legalBasis: v.legalBasis?.trim() || null,
            status: v.status,
          },
        }),
      ),
    onSuccess: async (_, v) => {
      await changed();
      void message.success(t('admin.holidays.saved', { date: day(v.date) }));
      onClose();
    },
    onError: (e) => showFieldErrors(form, e, t, i18n.language),
  });
  const remove = useMutation({
    mutationFn: (d: string) =>
      call(
        client.DELETE('/api/v1/calendars/{id}/exceptions/{date}', {
          params: { path: { id: calendarId, date: d } },
        }),
      ),
    onSuccess: async (_, d) => {
      await changed();
      void message.success(t('admin.holidays.removed', { date: day(d) }));
      onClose();
    },
  });

  return (
    <Modal
      open
      width={600}
      title={date ? t('admin.holidays.dialogFor', { date: day(date) }) : t('admin.holidays.dialogTitle')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          {own && (
            <Popconfirm
              title={t('admin.holidays.removeConfirm', { date: day(own.date) })}
              okText={t('admin.holidays.remove')}
              cancelText={t('cancel')}
              onConfirm={() => remove.mutate(own.date)}
            >
              <Button danger loading={remove.isPending}>
                {t('admin.holidays.removeOf', { date: day(own.date) })}
              </Button>
            </Popconfirm>
          )}
          <Button onClick={onClose}>{t('cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t('save')}
          </Button>
        </Space>
      }
    >
      {existing?.inherited && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('admin.holidays.inheritedNote', { name: parentName ?? '—' })}
        />
      )}
      <Form
        name="holiday-exception"
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{
          date: date ?? '',
          kind: existing && isExceptionKind(existing.kind) ? existing.kind : 'statutory',
          name: existing?.name ?? '',
          legalBasis: existing?.legalBasis ?? '',
          status: existing?.status === 'provisional' ? 'provisional' : 'official',
        }}
      >
        <Form.Item
          name="date"
          label={t('admin.holidays.date')}
          extra={ISO_DATE.test(chosen) ? <DateText value={chosen} lunar /> : undefined}
          rules={[
            { required: true, message: t('admin.common.required') },
            { pattern: ISO_DATE, message: t('admin.holidays.dateInvalid') },
          ]}
        >
          <Input type="date" disabled={!!date} />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('admin.holidays.kind')}
          extra={t('admin.holidays.makeupHelp')}
          rules={[{ required: true, message: t('admin.common.required') }]}
        >
          <Select
            options={EXCEPTION_KINDS.map((k) => ({ value: k, label: t(`admin.holidays.kinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('admin.holidays.name')}
          rules={[
            { required: true, message: t('admin.common.required') },
            { min: 2, max: 200, message: t('admin.holidays.nameRule') },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="legalBasis"
          label={t('admin.holidays.legalBasis')}
          rules={[{ max: 500, message: t('admin.common.rules.maxLength') }]}
        >
          <Input placeholder={t('admin.holidays.legalBasisExample')} />
        </Form.Item>
        <Form.Item name="status" label={t('admin.holidays.status')}>
          <Select
            options={(['official', 'provisional'] as const).map((s) => ({
              value: s,
              label: t(`admin.holidays.statuses.${s}`),
            }))}
          />
        </Form.Item>
      </Form>
      <Refusal error={save.error ?? remove.error} />
    </Modal>
  );
}
