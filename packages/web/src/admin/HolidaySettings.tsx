/**
 * The two settings of a calendar beside its days: the weekly working periods (and what one
 * working day means), and the extra holidays that the provisional schedule is derived with.
 */
import { useMutation } from '@tanstack/react-query';
import { App, Button, Checkbox, Form, Input, InputNumber, Select, Space, Switch, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { call, client } from '../app/api.js';
import { DateText } from '../ui/DateText.js';
import { ErrorState } from '../ui/ErrorState.js';
import { formatNumber } from '../ui/format.js';
import { Loading } from '../ui/Page.js';
import {
  type CalendarYear,
  parsePeriodList,
  useCalendarsChanged,
  useHolidayRules,
  WEEKDAYS,
  type WeekdayKey,
} from './holidays-data.js';
import { Refusal, showFieldErrors } from './shared.js';

interface WorkingValues {
  inherit: boolean;
  days: Record<WeekdayKey, string>;
  standardDay: string;
  sameDayCutoff: string;
}

const CUTOFF = /^([01]\d|2[0-3]):[0-5]\d$/;

export function WorkingTime({ cal }: { cal: CalendarYear }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<WorkingValues>();
  const { message } = App.useApp();
  const changed = useCalendarsChanged();
  const inherit = Form.useWatch('inherit', form) ?? cal.weeklyInherited;
  const save = useMutation({
    mutationFn: (v: WorkingValues) => {
      const weekly = v.inherit
        ? null
        : Object.fromEntries(
            WEEKDAYS.map((k) => [k, parsePeriodList(v.days[k] ?? '') ?? []] as const).filter(
              ([, p]) => p.length,
            ),
          );
      const standard = parsePeriodList(v.standardDay ?? '');
      return call(
        client.PUT('/api/v1/calendars/{id}/working-time', {
          params: { path: { id: cal.id } },
          body: {
            weekly,
            standardDay: standard?.length ? standard : null,
            sameDayCutoff: v.sameDayCutoff.trim(),
          },
        }),
      );
    },
    onSuccess: async () => {
      await changed();
      void message.success(t('admin.holidays.workingTimeSaved'));
    },
    onError: (e) => showFieldErrors(form, e, t, i18n.language),
  });
  const periods = {
    validator: (_: unknown, v: string | undefined) =>
      parsePeriodList(v ?? '')
        ? Promise.resolve()
        : Promise.reject(new Error(t('admin.holidays.periodsRule'))),
  };
  return (
    <section aria-labelledby="wt-title">
      <h2 id="wt-title" className="admin-h2">
        {t('admin.holidays.workingTime')}
      </h2>
      <p>{t('admin.holidays.workingTimeIntro')}</p>
      {cal.weeklyInherited && <p className="admin-muted">{t('admin.holidays.weeklyInheritedNow')}</p>}
      <Form
        name="working-time"
        form={form}
        layout="vertical"
        style={{ maxWidth: 640 }}
        onFinish={(v) => save.mutate(v)}
        initialValues={{
          inherit: cal.weeklyInherited && cal.parentId !== null,
          days: Object.fromEntries(WEEKDAYS.map((k) => [k, (cal.weekly[k] ?? []).join(', ')])),
          standardDay: '',
          sameDayCutoff: cal.sameDayCutoff,
        }}
      >
        {cal.parentId !== null && (
          <Form.Item name="inherit" valuePropName="checked">
            <Checkbox>{t('admin.holidays.inheritWeekly')}</Checkbox>
          </Form.Item>
        )}
        <table className="admin-weekly">
          <thead>
            <tr>
              <th scope="col">{t('admin.holidays.weekday')}</th>
              <th scope="col">{t('admin.holidays.periods')}</th>
            </tr>
          </thead>
          <tbody>
            {WEEKDAYS.map((k) => (
              <tr key={k}>
                <th scope="row">{t(`admin.holidays.weekdays.${k}`)}</th>
                <td>
                  <Form.Item name={['days', k]} rules={[periods]} style={{ margin: 0 }}>
                    <Input
                      aria-label={t('admin.holidays.periodsOf', {
                        weekday: t(`admin.holidays.weekdays.${k}`),
                      })}
                      placeholder={t('admin.holidays.dayOff')}
                      disabled={inherit}
                      style={{ width: 320 }}
                    />
                  </Form.Item>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <Form.Item
          name="standardDay"
          label={t('admin.holidays.standardDay')}
          extra={t('admin.holidays.standardDayHelp', {
            hours: formatNumber(cal.standardDayHours, i18n.language),
          })}
          rules={[periods]}
          style={{ marginTop: 12 }}
        >
          <Input placeholder="07:30-11:30, 13:00-17:00" />
        </Form.Item>
        <Form.Item
          name="sameDayCutoff"
          label={t('admin.holidays.cutoff')}
          extra={t('admin.holidays.cutoffHelp')}
          rules={[
            { required: true, message: t('admin.common.required') },
            { pattern: CUTOFF, message: t('admin.holidays.cutoffRule') },
          ]}
        >
          <Input style={{ width: 120 }} />
        </Form.Item>
        <Refusal error={save.error} />
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('admin.holidays.saveWorkingTime')}
        </Button>
      </Form>
    </section>
  );
}

interface RuleValues {
  name: string;
  calendarKind: 'solar' | 'lunar';
  month: number;
  day: number;
  legalBasis?: string;
  validFrom?: string;
  enabled: boolean;
}

export function HolidayRules({ calendarId }: { calendarId: number }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RuleValues>();
  const rules = useHolidayRules(calendarId);
  const changed = useCalendarsChanged();
  const add = useMutation({
    mutationFn: (v: RuleValues) =>
      call(
        client.POST('/api/v1/calendars/{id}/holiday-rules', {
          params: { path: { id: calendarId } },
          body: {
            name: v.name.trim(),
            calendarKind: v.calendarKind,
            month: v.month,
            day: v.day,
            legalBasis: v.legalBasis?.trim() || null,
            enabled: v.enabled,
            validFrom: v.validFrom || null,
          },
        }),
      ),
    onSuccess: async (r) => {
      form.resetFields();
      await changed();
      void message.success(t('admin.holidays.ruleAdded', { name: r.name }));
    },
    onError: (e) => showFieldErrors(form, e, t, i18n.language),
  });
  const toggle = useMutation({
    mutationFn: (v: { id: number; enabled: boolean }) =>
      call(
        client.PATCH('/api/v1/calendars/{id}/holiday-rules/{ruleId}', {
          params: { path: { id: calendarId, ruleId: v.id } },
          body: { enabled: v.enabled },
        }),
      ),
    onSuccess: async (r) => {
      await changed();
      void message.success(t('admin.holidays.ruleSaved', { name: r.name }));
    },
  });
  type Rule = NonNullable<typeof rules.data>[number];
  // an inherited rule (the national 24/11, shipped disabled) is applied here by a copy of its own
  const adopt = (r: Rule) =>
    add.mutate({
      name: r.name,
      calendarKind: r.calendar_kind === 'lunar' ? 'lunar' : 'solar',
      month: r.month,
      day: r.day,
      legalBasis: r.legal_basis ?? '',
      validFrom: r.valid_from ?? '',
      enabled: true,
    });
  const dateOf = (r: Rule) =>
    r.calendar_kind === 'lunar'
      ? t('admin.holidays.ruleLunarDate', { day: r.day, month: r.month })
      : t('admin.holidays.ruleSolarDate', { day: r.day, month: r.month });

  return (
    <section aria-labelledby="rules-title">
      <h2 id="rules-title" className="admin-h2">
        {t('admin.holidays.rules')}
      </h2>
      <p>{t('admin.holidays.rulesIntro')}</p>
      {rules.isPending ? (
        <Loading />
      ) : rules.isError ? (
        <ErrorState error={rules.error} onRetry={() => rules.refetch()} />
      ) : (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={rules.data}
          locale={{ emptyText: <span className="admin-empty">{t('admin.holidays.noRules')}</span> }}
          columns={[
            { title: t('admin.holidays.ruleName'), dataIndex: 'name' },
            { title: t('admin.holidays.ruleDate'), key: 'date', render: (_: unknown, r) => dateOf(r) },
            {
              title: t('admin.holidays.legalBasis'),
              dataIndex: 'legal_basis',
              render: (v: string | null) => v ?? '—',
            },
            {
              title: t('admin.holidays.validFrom'),
              dataIndex: 'valid_from',
              render: (v: string | null) => (v ? <DateText value={v} /> : '—'),
            },
            {
              title: t('admin.holidays.origin'),
              dataIndex: 'inherited',
              render: (v: boolean) => (v ? t('admin.holidays.inherited') : t('admin.holidays.own')),
            },
            {
              title: t('admin.holidays.enabled'),
              key: 'enabled',
              render: (_: unknown, r) =>
                r.inherited ? (
                  <Space wrap>
                    <span>{r.enabled ? t('admin.common.yes') : t('admin.common.no')}</span>
                    {!r.enabled && (
                      <Button
                        size="small"
                        loading={add.isPending && add.variables?.name === r.name}
                        onClick={() => adopt(r)}
                        aria-label={t('admin.holidays.adoptOf', { name: r.name })}
                      >
                        {t('admin.holidays.adopt')}
                      </Button>
                    )}
                  </Space>
                ) : (
                  <Switch
                    checked={r.enabled}
                    aria-label={t('admin.holidays.enabledOf', { name: r.name })}
                    checkedChildren={t('admin.common.yes')}
                    unCheckedChildren={t('admin.common.no')}
                    loading={toggle.isPending && toggle.variables?.id === r.id}
                    onChange={(enabled) => toggle.mutate({ id: r.id, enabled })}
                  />
                ),
            },
          ]}
        />
      )}
      <Refusal error={toggle.error} />
      <h3 className="admin-h3">{t('admin.holidays.addRule')}</h3>
      <Form
        name="holiday-rule"
        form={form}
        layout="vertical"
        style={{ maxWidth: 640 }}
        onFinish={(v) => add.mutate(v)}
        initialValues={{ calendarKind: 'solar', enabled: true }}
      >
        <Form.Item
          name="name"
          label={t('admin.holidays.ruleName')}
          rules={[
            { required: true, message: t('admin.common.required') },
            { min: 2, max: 200, message: t('admin.holidays.nameRule') },
          ]}
        >
          <Input />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="calendarKind" label={t('admin.holidays.ruleKind')}>
            <Select
              style={{ width: 160 }}
              options={[
                { value: 'solar', label: t('admin.holidays.solar') },
                { value: 'lunar', label: t('admin.holidays.lunar') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="day"
            label={t('admin.holidays.day')}
            rules={[{ required: true, message: t('admin.common.required') }]}
          >
            <InputNumber min={1} max={31} precision={0} />
          </Form.Item>
          <Form.Item
            name="month"
            label={t('admin.holidays.month')}
            rules={[{ required: true, message: t('admin.common.required') }]}
          >
            <InputNumber min={1} max={12} precision={0} />
          </Form.Item>
          <Form.Item name="validFrom" label={t('admin.holidays.validFrom')}>
            <Input type="date" />
          </Form.Item>
        </Space>
        <Form.Item name="legalBasis" label={t('admin.holidays.legalBasis')}>
          <Input />
        </Form.Item>
        <Form.Item name="enabled" valuePropName="checked">
          <Checkbox>{t('admin.holidays.enableNow')}</Checkbox>
        </Form.Item>
        <Refusal error={add.error} />
        <Button htmlType="submit" loading={add.isPending}>
          {t('admin.holidays.addRule')}
        </Button>
      </Form>
    </section>
  );
}
