import { describe, expect, it } from 'vitest';
import { formSetOf, vietnamDay } from './format.js';

describe('formSetOf', () => {
  it('follows the receipt date in Vietnam: Circular 01/2018 to 30/6/2025, Circular 03/2025 from 1/7/2025', () => {
    // 23:59 on 30 June in Hà Nội
    expect(formSetOf('2025-06-30T16:59:59Z')).toBe('2018');
    // 00:00 on 1 July in Hà Nội, still 30 June in UTC
    expect(formSetOf('2025-06-30T17:00:00Z')).toBe('2025');
    expect(formSetOf('2019-03-01T02:00:00Z')).toBe('2018');
  });

  it('uses today’s set before a receipt', () => {
    expect(formSetOf(null)).toBe(vietnamDay(new Date()) <= '2025-06-30' ? '2018' : '2025');
  });
});
