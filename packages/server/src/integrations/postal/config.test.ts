/** The postal section of the configuration (config.ts): defaults as for SMS, and the variable named when wrong. */
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig, loadPostalConfig } from '../../config.js';

describe('postal configuration', () => {
  it('uses the simulator outside production and nothing in production, as SMS does', () => {
    expect(loadPostalConfig({})).toEqual({ adapter: 'simulator', url: null, token: null, timeoutMs: 10_000 });
    expect(loadPostalConfig({ NODE_ENV: 'production' }).adapter).toBe('none');
    expect(loadConfig({}).postal.adapter).toBe('simulator');
  });

  it('reads a carrier over HTTP', () => {
    expect(
      loadPostalConfig({
        NODE_ENV: 'production',
        POSTAL_ADAPTER: 'http',
        POSTAL_URL: 'https://buudien.example.vn/motcua',
        POSTAL_TOKEN: 'bi-mat',
        POSTAL_TIMEOUT_MS: '20000',
      }),
    ).toEqual({
      adapter: 'http',
      url: 'https://buudien.example.vn/motcua',
      token: 'bi-mat',
      timeoutMs: 20_000,
    });
  });

  it('names the variable that is wrong', () => {
    const bad: [Record<string, string>, string][] = [
      [{ POSTAL_ADAPTER: 'vnpost' }, 'POSTAL_ADAPTER'],
      [{ POSTAL_ADAPTER: 'http' }, 'POSTAL_URL'],
      [{ POSTAL_ADAPTER: 'http', POSTAL_URL: 'ftp://x' }, 'POSTAL_URL'],
      [{ POSTAL_URL: 'not a url' }, 'POSTAL_URL'],
      [{ POSTAL_TIMEOUT_MS: '10' }, 'POSTAL_TIMEOUT_MS'],
    ];
    for (const [env, variable] of bad) {
      let error: unknown;
      try {
        loadConfig(env);
      } catch (e) {
        error = e;
      }
      expect(error, JSON.stringify(env)).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variable).toBe(variable);
    }
  });

  it('lists its variables', () => {
    expect(CONFIG_VARIABLES.map((v) => v.name)).toEqual(
      expect.arrayContaining(['POSTAL_ADAPTER', 'POSTAL_URL', 'POSTAL_TOKEN', 'POSTAL_TIMEOUT_MS']),
    );
  });
});
