import { describe, expect, it } from 'vitest';
import {
  AUTHOR_LABELS,
  DATE_LABELS,
  EDITOR_LABELS,
  isBylineLine,
  META_LABEL_RE,
  SOURCE_LABELS,
  SUMMARY_LABELS,
  VIEWS_LABELS,
} from '../../../src/extract/cues.js';

describe('cue tables', () => {
  it.each([
    ['source', SOURCE_LABELS, ['来源', '稿源', '文章来源', '信息来源', '來源']],
    ['author', AUTHOR_LABELS, ['作者', '记者', '文', '撰文']],
    ['editor', EDITOR_LABELS, ['责任编辑', '编辑', '责编']],
    ['date', DATE_LABELS, ['发布时间', '发布日期', '时间', '日期']],
    ['views', VIEWS_LABELS, ['浏览', '浏览次数', '阅读', '点击', '人气']],
    ['summary', SUMMARY_LABELS, ['核心提示', '摘要', '导读']],
  ])('%s labels include the CMS defaults', (_kind, table, expected) => {
    for (const label of expected) expect(table).toContain(label);
  });

  it('lists longer labels before their suffixes so the longest wins', () => {
    expect(SOURCE_LABELS.indexOf('文章来源')).toBeLessThan(SOURCE_LABELS.indexOf('来源'));
    expect(EDITOR_LABELS.indexOf('责任编辑')).toBeLessThan(EDITOR_LABELS.indexOf('编辑'));
    expect(VIEWS_LABELS.indexOf('浏览次数')).toBeLessThan(VIEWS_LABELS.indexOf('浏览'));
  });

  const kinds = (line: string) =>
    [...line.matchAll(META_LABEL_RE)].map((m) => Object.entries(m.groups ?? {}).find(([, v]) => v !== undefined)?.[0]);

  it.each([
    ['来源：新华社 作者：张三 责任编辑：李四', ['source', 'author', 'editor']],
    ['发布时间:2022-02-27 10:05 来源:山西日报 浏览:5595', ['date', 'source', 'views']],
    ['文章来源 ： 人民网　　作者 :王五', ['source', 'author']],
    ['12:11来源：证券时报网作者：李在山', ['source', 'author']],
    ['(责任编辑：杨倩_NF4425)', ['editor']],
    ['文：张三', ['author']],
  ])('finds the labels of %s', (line, expected) => {
    expect(kinds(line)).toEqual(expected);
  });

  it('reads the English labels of a bilingual site, as whole words', () => {
    expect(kinds('Release Date: 2024-05-10 Source: 山西省贸促会 Author: 张丽 Views: 233')).toEqual(['date', 'source', 'author', 'views']);
    expect(kinds('DataSource: x Resource: y')).toEqual([]);
  });

  it('does not take a photo credit or a word ending in the label for a label', () => {
    expect(kinds('图片来源：视觉中国')).toEqual([]);
    expect(kinds('总编辑：王五')).toEqual([]);
    expect(kinds('本文：')).toEqual([]);
  });
});

describe('isBylineLine', () => {
  it.each([
    '发布时间:2022-02-27 10:05 来源:山西日报 浏览:5595',
    '(责任编辑：王五)',
    '（责任编辑：杨倩_NF4425）',
    '来源：新华社 作者：张三',
    '来源：新华社 作者：张三 责任编辑：李四',
    '【字体：大 中 小】',
    '时间：2019-09-25 作者：网络整理',
    '2005年3月11日12:12 来源：[ 人民网 ]',
    '文/张三',
    '责编|陈梦莹',
    '摄影/张艳 编辑/苏芳',
    '本文来源：证券市场红周刊 责任编辑：杨倩_NF4425',
    '编辑：苏亮',
    '日期：2019-09-25',
    '【编辑:刘欢】 返回搜狐，查看更多',
    '时间:2019-05-17 来源:无锡交警 点击: 次',
    '评论：0',
    '审核｜孙海涛',
    '一审：刘晓燕　二审：张志强　三审：李建国',
  ])('yes: %s', (line) => {
    expect(isBylineLine(line)).toBe(true);
  });

  it.each([
    '据新华社报道，来源：国家统计局的数据显示，今年经济增长6%。',
    '山西日报记者陈俊琦报道 2月26日，全省开发区2022年第一次项目集中签约',
    '时间：2019年10月1日上午，在北京召开了大会，会议要求各级部门认真落实。',
    '记者从省统计局获悉',
    '他的文章来源于生活',
    '来源：国家统计局数据显示，1-10月全国规模以上工业增加值同比增长',
    '编辑部地址：北京市',
    '记者：你通过什么渠道最快的获取这些信息？',
    '核心提示：持续发力抓项目 奋楫当先促转型',
    '图/新华社',
    '评论：纸包不住火',
    '',
  ])('no: %s', (line) => {
    expect(isBylineLine(line)).toBe(false);
  });

  it('rejects anything longer than a meta line', () => {
    expect(isBylineLine(`来源：新华社 作者：张三 ${'很长的正文'.repeat(40)}`)).toBe(false);
  });
});
