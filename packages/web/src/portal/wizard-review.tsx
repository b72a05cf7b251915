/**
 * Step 4: everything the citizen is about to send, as they would read it on paper: where, the
 * e-form's answers (choices by their names, dates as dd/mm/yyyy), the documents, what it costs
 * and when it is due. Fees are not paid here: the agency notifies the amount after reception.
 */
import { Alert, Button } from 'antd';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes, formatDate, formatMoney, formatNumber } from '../ui/format.js';
import {
  type Channel,
  givenByEform,
  type Implementation,
  isRequired,
  type MyDocument,
  onlineChannel,
  type ProcedureDetail,
} from './wizard-data.js';
import { type Attachments, applicableDocuments } from './wizard-documents.js';
import { asObj, enumLabel, isFilled, type Json, kindOf, orderedKeys, titleOf } from './wizard-schema.js';

function Value({ schema, ui, value }: { schema: Json; ui: Json; value: unknown }) {
  const { t, i18n } = useTranslation();
  const kind = kindOf(schema);
  if (kind === 'object') return <Group schema={schema} ui={ui} value={value} depth={2} />;
  if (kind === 'array')
    return (
      <ol className="wz-review-list">
        {(Array.isArray(value) ? value : []).map((v, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the items have no identity but their place
          <li key={i}>
            <Value schema={asObj(schema.items)} ui={asObj(ui.items)} value={v} />
          </li>
        ))}
      </ol>
    );
  if (kind === 'boolean') return <>{value ? t('portal.wizard.yes') : t('portal.wizard.no')}</>;
  if (kind === 'enum') return <>{enumLabel(schema, ui, value)}</>;
  if (kind === 'date' && typeof value === 'string') return <>{formatDate(value, i18n.language)}</>;
  if (typeof value === 'number') return <>{formatNumber(value, i18n.language)}</>;
  return <>{String(value)}</>;
}

/** An object's answers: its plain fields as a list of facts, its sections under their titles. */
function Group({ schema, ui, value, depth }: { schema: Json; ui: Json; value: unknown; depth: number }) {
  const props = asObj(schema.properties);
  const data = asObj(value);
  const keys = orderedKeys(props, ui).filter((k) => isFilled(data[k]));
  const leaves = keys.filter((k) => kindOf(asObj(props[k])) !== 'object');
  const sections = keys.filter((k) => kindOf(asObj(props[k])) === 'object');
  return (
    <>
      {leaves.length > 0 && (
        <dl className="facts wz-facts">
          {leaves.map((k) => (
            <div key={k} className="wz-fact">
              <dt>{titleOf(asObj(props[k]), k)}</dt>
              <dd>
                <Value schema={asObj(props[k])} ui={asObj(ui[k])} value={data[k]} />
              </dd>
            </div>
          ))}
        </dl>
      )}
      {sections.map((k) => (
        <div key={k} className="wz-review-group">
          {depth <= 1 ? (
            <h4>{titleOf(asObj(props[k]), k)}</h4>
          ) : (
            <p className="wz-subtitle">{titleOf(asObj(props[k]), k)}</p>
          )}
          <Group schema={asObj(props[k])} ui={asObj(ui[k])} value={data[k]} depth={depth + 1} />
        </div>
      ))}
    </>
  );
}

function Part({ title, onEdit, children }: { title: string; onEdit?: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className="wz-review-part" aria-labelledby={id}>
      <div className="wz-review-head">
        <h3 id={id}>{title}</h3>
        {onEdit && (
          <Button
            size="small"
            onClick={onEdit}
            aria-label={t('portal.wizard.review.editOf', { part: title })}
          >
            {t('portal.wizard.review.edit')}
          </Button>
        )}
      </div>
      {children}
    </section>
  );
}

export function FeesText({
  channel,
  impl,
}: {
  channel: Channel | undefined;
  impl: Implementation | undefined;
}) {
  const { t, i18n } = useTranslation();
  const items = channel?.fees.items ?? [];
  const overrides = new Map((impl?.feeOverrides ?? []).map((o) => [o.label, o]));
  if (!items.length && !overrides.size) return <p>{channel?.rawText || t('portal.wizard.review.noFee')}</p>;
  return (
    <ul className="wz-plain-list">
      {items.map((f, i) => {
        const local = f.label ? overrides.get(f.label) : undefined;
        const amount = local?.amountVnd ?? f.amountVnd;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: fee labels may be empty or repeated
          <li key={i}>
            {f.label ? `${f.label}: ` : ''}
            {f.free
              ? t('portal.wizard.review.free')
              : amount != null
                ? formatMoney(amount, i18n.language)
                : f.councilSet
                  ? t('portal.wizard.review.councilSet')
                  : f.text}
            {local?.note ? ` (${local.note})` : ''}
          </li>
        );
      })}
      {[...overrides.values()]
        .filter((o) => !items.some((f) => f.label === o.label))
        .map((o) => (
          <li key={o.label}>
            {o.label}: {formatMoney(o.amountVnd, i18n.language)}
            {o.note ? ` (${o.note})` : ''}
          </li>
        ))}
    </ul>
  );
}

export function TimeLimitText({ channel }: { channel: Channel | undefined }) {
  const { t } = useTranslation();
  const l = channel?.timeLimit;
  if (l?.raw) return <>{l.raw}</>;
  if (l?.unit && l.value != null) return <>{t(`portal.wizard.review.units.${l.unit}`, { n: l.value })}</>;
  return <>{t('portal.wizard.review.noLimit')}</>;
}

export function ReviewStep({
  procedure,
  impl,
  schema,
  uiSchema,
  data,
  cases,
  attachments,
  myDocuments,
  onEdit,
}: {
  procedure: ProcedureDetail;
  impl: Implementation | undefined;
  schema: Json | null;
  uiSchema: Json;
  data: Json;
  cases: string[];
  attachments: Attachments;
  myDocuments: MyDocument[] | undefined;
  onEdit: (step: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const online = onlineChannel(procedure);
  const stored = new Map((myDocuments ?? []).map((d) => [d.id, d]));
  return (
    <div className="wz-review">
      <p>{t('portal.wizard.review.intro')}</p>
      <Part title={t('portal.wizard.steps.agency')} onEdit={() => onEdit(0)}>
        <p>{impl?.agencyName ?? '—'}</p>
      </Part>
      <Part title={t('portal.wizard.steps.form')} onEdit={schema ? () => onEdit(1) : undefined}>
        {schema ? (
          isFilled(data) ? (
            <Group schema={schema} ui={uiSchema} value={data} depth={1} />
          ) : (
            <p>{t('portal.wizard.review.nothing')}</p>
          )
        ) : (
          <p>{t('portal.wizard.form.none')}</p>
        )}
      </Part>
      <Part title={t('portal.wizard.steps.documents')} onEdit={() => onEdit(2)}>
        {cases.length > 0 && (
          <p>
            {t('portal.wizard.review.cases')}: {cases.join('; ')}
          </p>
        )}
        <ol className="wz-review-docs">
          {applicableDocuments(procedure, cases).map(({ d, key }) => {
            const file = attachments.files[key];
            const reused = attachments.reuse[key];
            return (
              <li key={key}>
                <span className="wz-doc-title">{d.name}</span>
                <br />
                {givenByEform(procedure, d) ? (
                  t('portal.wizard.review.eformGiven')
                ) : file ? (
                  t('portal.wizard.review.attached', {
                    name: file.name,
                    size: formatBytes(file.size, i18n.language),
                  })
                ) : reused !== undefined ? (
                  t('portal.wizard.review.reused', { name: stored.get(reused)?.name ?? `#${reused}` })
                ) : (
                  <span className={isRequired(d, cases) ? 'wz-missing' : undefined}>
                    {isRequired(d, cases)
                      ? t('portal.wizard.review.missingRequired')
                      : t('portal.wizard.review.notAttached')}
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      </Part>
      <Part title={t('portal.wizard.review.fees')}>
        <FeesText channel={online} impl={impl} />
        {online?.fees.note ? <p>{online.fees.note}</p> : null}
        <Alert type="info" showIcon title={t('portal.wizard.review.payLater')} />
      </Part>
      <Part title={t('portal.wizard.review.timeLimit')}>
        <p>
          <TimeLimitText channel={online} />
        </p>
        <p className="wz-help">{t('portal.wizard.review.timeLimitNote')}</p>
      </Part>
    </div>
  );
}
