import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config.js';
import { loadOutboxConfig } from './config.js';
import { DEFAULT_WORKER_SETTINGS } from './worker.js';

describe('outbox configuration', () => {
  it('defaults: worker on, no e-mail, the SMS simulator outside production', () => {
    const c = loadOutboxConfig({});
    expect(c.worker).toBe(true);
    expect(c.settings).toEqual(DEFAULT_WORKER_SETTINGS);
    expect(c.smtp).toBeNull();
    expect(c.sms).toMatchObject({ adapter: 'simulator', unaccented: false });
    expect(loadOutboxConfig({ NODE_ENV: 'production' }).sms.adapter).toBe('none');
  });

  it('reads SMTP settings, TLS from the start on port 465', () => {
    const c = loadOutboxConfig({
      SMTP_HOST: 'smtp.hanoi.gov.vn',
      SMTP_PORT: '465',
      SMTP_USER: 'motcua',
      SMTP_PASS: 'bi-mat',
      SMTP_FROM: 'Trung tâm Phục vụ hành chính công <khong-tra-loi@hanoi.gov.vn>',
    });
    expect(c.smtp).toMatchObject({ host: 'smtp.hanoi.gov.vn', port: 465, secure: true, user: 'motcua' });
    expect(loadOutboxConfig({ SMTP_HOST: 'h', SMTP_FROM: 'a@b.vn' }).smtp).toMatchObject({
      port: 587,
      secure: false,
      user: null,
    });
  });

  it('names the variable that is wrong', () => {
    const bad: [Record<string, string>, string][] = [
      [{ SMTP_HOST: 'h' }, 'SMTP_FROM'],
      [{ SMTP_HOST: 'h', SMTP_FROM: 'a@b.vn', SMTP_USER: 'u' }, 'SMTP_PASS'],
      [{ SMTP_HOST: 'h', SMTP_FROM: 'a@b.vn', SMTP_PORT: 'x' }, 'SMTP_PORT'],
      [{ OUTBOX_BATCH_SIZE: '0' }, 'OUTBOX_BATCH_SIZE'],
      [{ OUTBOX_LEASE_MS: '5000', OUTBOX_DELIVERY_TIMEOUT_MS: '5000' }, 'OUTBOX_LEASE_MS'],
      [{ SMS_ADAPTER: 'viettel' }, 'SMS_ADAPTER'],
      [{ SMS_ADAPTER: 'http' }, 'SMS_HTTP_URL'],
      [{ SMS_ADAPTER: 'http', SMS_HTTP_URL: 'ftp://x' }, 'SMS_HTTP_URL'],
      [{ OUTBOX_WORKER: 'maybe' }, 'OUTBOX_WORKER'],
    ];
    for (const [env, variable] of bad) {
      const e = (() => {
        try {
          loadOutboxConfig(env);
        } catch (err) {
          return err;
        }
      })();
      expect(e, JSON.stringify(env)).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).variable).toBe(variable);
    }
  });
});
