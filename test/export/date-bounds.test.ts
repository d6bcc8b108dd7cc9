import { describe, expect, it } from 'vitest';
import { parseDateBound, parseDateRange, parseTimeZone } from '../../src/cli/dates.js';

const SH = 'Asia/Shanghai';

describe('parseDateBound', () => {
  it('reads a date as the start of that day in the zone for --since', () => {
    expect(parseDateBound('2022-02-27', 'since', SH)).toBe('2022-02-26T16:00:00.000Z');
  });

  it('makes a date-only --until inclusive of the whole day (exclusive bound = next midnight)', () => {
    expect(parseDateBound('2022-02-27', 'until', SH)).toBe('2022-02-27T16:00:00.000Z');
    expect(parseDateBound('2022-02-28', 'until', SH)).toBe('2022-02-28T16:00:00.000Z');
    expect(parseDateBound('2024-02-29', 'until', SH)).toBe('2024-02-29T16:00:00.000Z');
    expect(parseDateBound('2022-12-31', 'until', SH)).toBe('2022-12-31T16:00:00.000Z');
  });

  it('reads date-times with T or a space, with or without seconds and offset', () => {
    expect(parseDateBound('2022-02-27T10:05', 'since', SH)).toBe('2022-02-27T02:05:00.000Z');
    expect(parseDateBound('2022-02-27 10:05', 'since', SH)).toBe('2022-02-27T02:05:00.000Z');
    expect(parseDateBound('2022-02-27T10:05:30', 'since', SH)).toBe('2022-02-27T02:05:30.000Z');
    expect(parseDateBound('2022-02-27T10:05Z', 'since', SH)).toBe('2022-02-27T10:05:00.000Z');
    expect(parseDateBound('2022-02-27T10:05+09:00', 'since', SH)).toBe('2022-02-27T01:05:00.000Z');
    expect(parseDateBound('2022-02-27T10:05-0500', 'since', SH)).toBe('2022-02-27T15:05:00.000Z');
  });

  it('makes a date-time --until inclusive at the precision given', () => {
    expect(parseDateBound('2022-02-27T10:05', 'until', SH)).toBe('2022-02-27T02:06:00.000Z');
    expect(parseDateBound('2022-02-27T10:05:30', 'until', SH)).toBe('2022-02-27T02:05:31.000Z');
  });

  it('follows the zone, DST included', () => {
    expect(parseDateBound('2022-07-01', 'since', 'Europe/Berlin')).toBe('2022-06-30T22:00:00.000Z');
    expect(parseDateBound('2022-01-01', 'since', 'Europe/Berlin')).toBe('2021-12-31T23:00:00.000Z');
    expect(parseDateBound('2022-03-27T03:30', 'since', 'Europe/Berlin')).toBe('2022-03-27T01:30:00.000Z');
    expect(parseDateBound('2022-02-27', 'since', 'UTC')).toBe('2022-02-27T00:00:00.000Z');
  });

  it.each(['2022-13-45', '2022-02-30', '2022-2-27', '27/02/2022', 'yesterday', '2022-02-27T24:00', '2022-02-27T10:60', ''])(
    'rejects %j with the expected formats',
    (value) => {
      expect(() => parseDateBound(value, 'since', SH)).toThrow(
        `--since: cannot read "${value}" as a date (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM)`,
      );
    },
  );
});

describe('parseDateRange / parseTimeZone', () => {
  it('rejects an unknown zone and an empty range', () => {
    expect(() => parseTimeZone('Mars/Olympus')).toThrow(/unknown time zone "Mars\/Olympus"/);
    expect(() => parseDateRange({ since: '2022-03-01', until: '2022-02-01' })).toThrow(/not before/);
  });
  it('defaults to Asia/Shanghai', () => {
    expect(parseDateRange({ since: '2022-02-27' })).toEqual({ since: '2022-02-26T16:00:00.000Z', timeZone: SH });
  });
});
