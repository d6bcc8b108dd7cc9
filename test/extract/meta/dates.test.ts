import { describe, expect, it } from 'vitest';
import { findDates, formatInZone, parseDate, parseMachineDate, zoneOffsetMinutes } from '../../../src/extract/dates.js';

/** 2026-11-27 13:00 in Shanghai. */
const now = new Date('2026-11-27T05:00:00Z');
const shanghai = { now, timeZone: 'Asia/Shanghai' };

describe('parseDate: printed forms', () => {
  it.each([
    ['2022-02-27 10:05', '2022-02-27T10:05:00+08:00'],
    ['发布时间:2022-02-27 10:05 来源:山西日报', '2022-02-27T10:05:00+08:00'],
    ['2022年2月27日 10:05', '2022-02-27T10:05:00+08:00'],
    ['2022年02月27日10:05', '2022-02-27T10:05:00+08:00'],
    ['2019年10月31日 23:00', '2019-10-31T23:00:00+08:00'],
    ['2022/2/27', '2022-02-27'],
    ['2022.02.27', '2022-02-27'],
    ['2022-02-27', '2022-02-27'],
    ['2019-09-07 13:43:45', '2019-09-07T13:43:45+08:00'],
    ['2019-9-7 9:05', '2019-09-07T09:05:00+08:00'],
    ['2022-02-27 下午3:05', '2022-02-27T15:05:00+08:00'],
    ['发布 / 2024年5月20日 3:50 PM', '2024-05-20T15:50:00+08:00'],
    ['2024年5月20日 12:05 am', '2024-05-20T00:05:00+08:00'],
    ['更新时间 2012年12月10日, 格林尼治标准时间10:41', '2012-12-10T10:41:00+08:00'],
    ['发布日期： 7/5/2005 9:23:57 PM', '2005-07-05T21:23:57+08:00'],
    ['发表时间： 06/02/2022 - 13:48', '2022-02-06T13:48:00+08:00'],
    ['Saturday, September 10th, 2005 10:56 am', '2005-09-10T10:56:00+08:00'],
    ['Published 5 March 2019, 14:20', '2019-03-05T14:20:00+08:00'],
    ['Mar 5, 2019', '2019-03-05'],
    // A zone printed after an English time is that time's, not the site's.
    ['May 20, 2024 6:31 AM UTC', '2024-05-20T06:31:00+00:00'],
    ['20 May 2024, 07.00 BST', '2024-05-20T07:00:00+01:00'],
    ['May 20, 2024 at 9:30 PM EDT', '2024-05-20T21:30:00-04:00'],
    ['May 20, 2024 14:30 JST', '2024-05-20T14:30:00+09:00'],
    ['May 20, 2024 9:12 a.m. ET', '2024-05-20T09:12:00-04:00'],
    // Ambiguous names (CST: China or US Central) leave the site's zone; "at 9:45 am" alone is no time.
    ['May 20, 2024 14:30 CST', '2024-05-20T14:30:00+08:00'],
    ['May 20, 2024 at 9:45 am', '2024-05-20'],
    // A weekday between date and time keeps the time.
    ['2023年5月10日 星期三 08:30', '2023-05-10T08:30:00+08:00'],
    ['2023年5月10日 周三 08:30', '2023-05-10T08:30:00+08:00'],
    ['2023年5月10日 礼拜三 08:30', '2023-05-10T08:30:00+08:00'],
    ['2023年5月10日(星期三) 08:30', '2023-05-10T08:30:00+08:00'],
    ['2023年5月10日 （星期三） 08:30', '2023-05-10T08:30:00+08:00'],
    ['2023-05-14 星期日 20:15:09', '2023-05-14T20:15:09+08:00'],
    ['2023/5/14 周日 下午3:05', '2023-05-14T15:05:00+08:00'],
    ['5月10日 星期三 08:30', '2026-05-10T08:30:00+08:00'],
    ['2023年5月10日 星期三', '2023-05-10'],
    ['2023年5月10日 星期三 来源：中国商报网', '2023-05-10'],
    ['2023年5月10日 星期三 第3版', '2023-05-10'],
  ])('%s -> %s', (text, iso) => {
    expect(parseDate(text, shanghai)?.iso).toBe(iso);
  });

  it('infers the year of a month-day date from now, never into the future', () => {
    expect(parseDate('11月20日 08:00', shanghai)?.iso).toBe('2026-11-20T08:00:00+08:00');
    // 12-25 would be after now this year: it was last year's.
    expect(parseDate('12-25 08:00', shanghai)?.iso).toBe('2025-12-25T08:00:00+08:00');
    expect(parseDate('12-25 08:00', shanghai)?.yearInferred).toBe(true);
  });

  it('rejects impossible dates and digits out of longer numbers', () => {
    expect(parseDate('2022-02-30', shanghai)).toBeNull();
    expect(parseDate('2022-13-01 10:00', shanghai)).toBeNull();
    expect(parseDate('电话 0351-2022-0227', shanghai)).toBeNull();
    expect(parseDate('2022-02-27 25:61', shanghai)?.iso).toBe('2022-02-27');
  });

  it('drops dates after now', () => {
    expect(parseDate('2030-01-01', shanghai)).toBeNull();
    expect(parseDate('2026-11-27 18:00', shanghai)).toBeNull();
    expect(parseDate('2026-11-27 12:59', shanghai)?.iso).toBe('2026-11-27T12:59:00+08:00');
    expect(findDates('2030-01-01 与 2020-01-01', shanghai).map((d) => d.iso)).toEqual(['2020-01-01']);
  });
});

describe('parseDate: relative forms against now', () => {
  it.each([
    ['3小时前', '2026-11-27T10:00:00+08:00'],
    ['5分钟前', '2026-11-27T12:55:00+08:00'],
    ['2天前', '2026-11-25T13:00:00+08:00'],
    ['刚刚', '2026-11-27T13:00:00+08:00'],
    ['昨天 10:05', '2026-11-26T10:05:00+08:00'],
    ['前天 23:10', '2026-11-25T23:10:00+08:00'],
    ['今天 09:30', '2026-11-27T09:30:00+08:00'],
  ])('%s -> %s', (text, iso) => {
    const found = parseDate(text, shanghai);
    expect(found?.iso).toBe(iso);
    expect(found?.relative).toBe(true);
  });

  it('does not read a bare 今天 without a time as a date', () => {
    expect(parseDate('今天我们去了公园', shanghai)).toBeNull();
  });
});

describe('time zones', () => {
  it('reads local times in the given zone, with the offset of that day (DST)', () => {
    const berlin = { now, timeZone: 'Europe/Berlin' };
    expect(parseDate('2022-01-10 12:00', berlin)?.iso).toBe('2022-01-10T12:00:00+01:00');
    expect(parseDate('2022-07-10 12:00', berlin)?.iso).toBe('2022-07-10T12:00:00+02:00');
    const ny = { now, timeZone: 'America/New_York' };
    expect(parseDate('2022-07-04 08:30', ny)?.iso).toBe('2022-07-04T08:30:00-04:00');
  });

  it('computes zone offsets with Intl', () => {
    expect(zoneOffsetMinutes(Date.UTC(2022, 0, 1), 'Asia/Shanghai')).toBe(480);
    expect(zoneOffsetMinutes(Date.UTC(2022, 6, 1), 'Europe/Berlin')).toBe(120);
    expect(zoneOffsetMinutes(Date.UTC(2022, 0, 1), 'Asia/Kolkata')).toBe(330);
    expect(formatInZone(Date.UTC(2019, 8, 7, 5, 43, 45), 'Asia/Shanghai')).toBe('2019-09-07T13:43:45+08:00');
  });
});

describe('parseMachineDate: meta tags and JSON-LD', () => {
  it.each([
    ['2019-09-07T13:43:45+08:00', '2019-09-07T13:43:45+08:00'],
    ['2019-09-07T05:43:45Z', '2019-09-07T13:43:45+08:00'],
    ['2019-09-07T05:43:45.000Z', '2019-09-07T13:43:45+08:00'],
    ['2019-09-07T13:43:45+0800', '2019-09-07T13:43:45+08:00'],
    ['2019-09-07 13:43:45', '2019-09-07T13:43:45+08:00'],
    ['2019-06-15', '2019-06-15'],
    ['2020年09月11日 18:05', '2020-09-11T18:05:00+08:00'],
  ])('%s -> %s', (value, iso) => {
    expect(parseMachineDate(value, shanghai)?.iso).toBe(iso);
  });

  it('writes an explicit offset in the site zone', () => {
    expect(parseMachineDate('2019-09-07T13:43:45+08:00', { now, timeZone: 'Europe/Berlin' })?.iso).toBe(
      '2019-09-07T07:43:45+02:00',
    );
  });

  it('rejects future machine dates', () => {
    expect(parseMachineDate('2027-01-01T00:00:00Z', shanghai)).toBeNull();
  });
});
