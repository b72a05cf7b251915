/**
 * Step 1: where to submit. Any agency of the deployment that implements the procedure and has an
 * internal workflow for it (without one it cannot receive: WORKFLOW_MISSING), wherever the
 * citizen lives (boundary-free reception); a few as radio buttons, many in a searchable list.
 */
import { Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Implementation } from './wizard-data.js';

/** More agencies than this are offered in a searchable list rather than as radio buttons. */
const RADIO_AGENCIES = 6;

export function AgencyStep({
  agencies,
  tenantName,
  others,
  value,
  error,
  onChange,
}: {
  agencies: Implementation[];
  tenantName: string;
  others: number;
  value: string | null;
  error: boolean;
  onChange: (agency: string) => void;
}) {
  const { t } = useTranslation();
  const errorText = error ? (
    <p id="wz-agency-error" role="alert" className="field-error">
      {t('portal.wizard.agency.required')}
    </p>
  ) : null;
  return (
    <div className="wz-agency">
      <p>{t('portal.wizard.agency.intro', { tenant: tenantName })}</p>
      {agencies.length <= RADIO_AGENCIES ? (
        <fieldset className="wz-section">
          <legend id="wz-agency-label">{t('portal.wizard.agency.label')}</legend>
          <Radio.Group
            aria-labelledby="wz-agency-label"
            aria-describedby={error ? 'wz-agency-error' : undefined}
            className="wz-radios wz-radios-vertical"
            value={value}
            onChange={(e) => onChange(e.target.value as string)}
            options={agencies.map((a) => ({ value: a.agency, label: a.agencyName }))}
          />
          {errorText}
        </fieldset>
      ) : (
        <div className="wz-field">
          <label htmlFor="wz-agency" className="wz-label">
            {t('portal.wizard.agency.label')}
          </label>
          <Select
            id="wz-agency"
            className="wz-agency-select"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('portal.wizard.agency.placeholder')}
            value={value ?? undefined}
            onChange={(v: string) => onChange(v)}
            options={agencies.map((a) => ({ value: a.agency, label: a.agencyName }))}
            aria-describedby={error ? 'wz-agency-error' : undefined}
          />
          {errorText}
        </div>
      )}
      {others > 0 && <p className="wz-help">{t('portal.wizard.agency.notYet', { count: others })}</p>}
    </div>
  );
}
