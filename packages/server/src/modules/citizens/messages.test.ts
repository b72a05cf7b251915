/** The code message and the masks: what a citizen reads, and what an administrator must not. */
import { describe, expect, it } from 'vitest';
import { toUnaccented } from '../../integrations/sms/index.js';
import { codeEmail, codeSms, decoyMask, maskEmail, maskPhone } from './messages.js';

describe('the code message', () => {
  it('fits one unaccented SMS and keeps the code past the 80 characters the outbox list shows', () => {
    const text = codeSms('042917', 10);
    expect(toUnaccented(text).length).toBeLessThanOrEqual(160);
    expect(text.indexOf('042917')).toBeGreaterThanOrEqual(80);
    expect(text).toBe(text.normalize('NFC'));
  });

  it('puts the code in the e-mail body, never in its subject, and escapes the name', () => {
    const m = codeEmail('Nguyễn <Thị> Lan', '042917', 10);
    expect(m.subject).not.toContain('042917');
    expect(m.text).toContain('042917');
    expect(m.html).toContain('Nguyễn &lt;Thị&gt; Lan');
  });
});

describe('masked destinations', () => {
  it('shows enough to recognise an address or a number', () => {
    expect(maskEmail('nguyenthilan@example.vn')).toBe('n***@example.vn');
    expect(maskPhone('+84912345123')).toBe('09*****123');
    expect(maskPhone('0912345678')).toBe('09*****678');
  });

  it('draws decoys that look like the real ones', () => {
    const bytes = Uint8Array.from([7, 200, 13, 99]);
    expect(decoyMask('sms', bytes)).toMatch(/^0[35789]\*{5}\d{3}$/);
    expect(decoyMask('email', bytes)).toMatch(/^[a-z]\*{3}@[a-z]+\.com$/);
  });
});
