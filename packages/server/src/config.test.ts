import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration from the environment', () => {
  it('has working defaults: embedded database, demo on, loopback', () => {
    const c = loadConfig({}, '/srv/motcua');
    expect(c).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: null,
      dataDir: '/srv/motcua/.motcua',
      demo: true,
    });
  });

  it('names the application role motcua_app, with no password of its own unless given', () => {
    expect(loadConfig({})).toMatchObject({ appRole: 'motcua_app', appDbPassword: null });
    expect(loadConfig({ MOTCUA_APP_ROLE: 'hanoi_app', MOTCUA_APP_DB_PASSWORD: 's3cret:/@' })).toMatchObject({
      appRole: 'hanoi_app',
      appDbPassword: 's3cret:/@',
    });
  });

  it('keeps uploaded files under the data folder, 20 MiB at most, unless told otherwise', () => {
    expect(loadConfig({}, '/srv/motcua')).toMatchObject({
      filesDir: '/srv/motcua/.motcua/files',
      uploadMaxBytes: 20 * 1024 * 1024,
    });
    expect(
      loadConfig({ MOTCUA_DATA_DIR: '/data', MOTCUA_UPLOAD_MAX_BYTES: '5242880' }, '/srv/motcua'),
    ).toMatchObject({ filesDir: '/data/files', uploadMaxBytes: 5242880 });
    expect(loadConfig({ MOTCUA_FILES_DIR: 'blobs' }, '/srv/motcua').filesDir).toBe('/srv/motcua/blobs');
  });

  it('turns the demo off by default on a real database', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/motcua' }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/motcua', MOTCUA_DEMO: 'true' }).demo).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT', 'expected an integer'],
    [{ PORT: '70000' }, 'PORT', 'from 0 to 65535'],
    [{ DATABASE_URL: 'mysql://x/y' }, 'DATABASE_URL', 'postgres://'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL', 'expected a URL'],
    [{ DATABASE_URL: 'postgres://host:5432' }, 'DATABASE_URL', 'names no database'],
    [{ MOTCUA_DEMO: 'maybe' }, 'MOTCUA_DEMO', 'true or false'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', 'one of'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV', 'one of'],
    [{ MOTCUA_APP_ROLE: 'MotCua-App' }, 'MOTCUA_APP_ROLE', 'role name'],
    [{ MOTCUA_APP_ROLE: 'pg_app' }, 'MOTCUA_APP_ROLE', 'not pg_'],
    [{ MOTCUA_APP_ROLE: 'x'.repeat(64) }, 'MOTCUA_APP_ROLE', 'at most 63'],
    [{ MOTCUA_APP_DB_PASSWORD: 'mật khẩu' }, 'MOTCUA_APP_DB_PASSWORD', 'printable ASCII'],
    [{ MOTCUA_UPLOAD_MAX_BYTES: '20MB' }, 'MOTCUA_UPLOAD_MAX_BYTES', 'expected an integer'],
    [{ MOTCUA_UPLOAD_MAX_BYTES: '10' }, 'MOTCUA_UPLOAD_MAX_BYTES', 'from 1024'],
  ])('refuses %o naming the variable', (env, variable, text) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as Error).message).toContain(`Invalid environment variable ${variable}`);
    expect((error as Error).message).toContain(text);
  });
});
