import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateTypes, SCHEMA_FILE } from './openapi-types.js';

describe('the web client types', () => {
  it('are generated from the server OpenAPI document as it is now (run npm run api:types when this fails)', async () => {
    const generated = await generateTypes();
    expect(generated).toContain('"/api/v1/dossiers/{id}/actions"');
    // compared as a whole: a route or schema changed on the server must change the browser's types
    expect(
      fs.readFileSync(SCHEMA_FILE, 'utf8') === generated,
      'packages/web/src/api/schema.d.ts is stale',
    ).toBe(true);
  });
});
