import { describe, expect, it } from 'vitest';
import { firstLoad } from '../scripts/web-size.js';
import { ensureWebBuild } from './harness.js';

// The citizen on a phone pays for every kilobyte of the portal's first visit. The budget leaves
// room for the portal's home to grow; a screen that drags Ant Design or an officer area into the
// first load breaks it (today: about 129 KiB).
const BUDGET_KIB = 160;

describe('the portal first load', () => {
  it(`stays within ${BUDGET_KIB} KiB of gzipped JavaScript and carries no officer screen`, () => {
    ensureWebBuild();
    const r = firstLoad();
    expect(r.js / 1024, r.files.map((f) => `${f.file} ${f.gzip}`).join('\n')).toBeLessThan(BUDGET_KIB);
    expect(r.files.map((f) => f.file).join(' ')).not.toMatch(/Officer|Antd|Reception|Worklist/);
  });
});
