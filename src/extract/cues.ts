/**
 * Chinese cue words of article meta lines ("发布时间:2022-02-27 10:05 来源:山西日报 浏览:5595"),
 * as named tables so that one place says which labels mean what. Shared by the metadata stage
 * (reading the fields) and the body stage (dropping byline lines with `isBylineLine`).
 *
 * Order matters inside each table: longer labels first, so that "责任编辑" wins over "编辑" and
 * "文章来源" over "来源" when the alternation is compiled into a regular expression.
 * Traditional-script variants are listed because Taiwan and Hong Kong pages use the same layout.
 */
import { execAll } from '../regex.js';

/** 来源: the outlet the article comes from (DESTOON/DedeCMS/PHPCMS/EmpireCMS all print "来源："). */
export const SOURCE_LABELS = [
  '文章来源',
  '信息来源',
  '新闻来源',
  '稿件来源',
  '本文来源',
  '内容来源',
  '消息来源',
  '资料来源',
  '文章來源',
  '新聞來源',
  '来源于',
  '来源',
  '來源',
  '稿源',
  '出处',
  // English interfaces of Chinese sites ("Source: 山西省贸促会").
  'Source',
  // Discuz! portal articles: "…| 原作者: 张三| 来自: 晋中日报" (forum posts use it for a place, not on articles).
  '来自',
  '來自',
  // Government public-information tables (信息公开): 索引号 / 发布机构 / 生成日期 / 文号.
  '发布机构',
] as const;

/** 作者/记者: the named writer. "文" alone is only a label when a colon or slash follows it ("文/张三"). */
export const AUTHOR_LABELS = [
  '文章作者',
  '本文作者',
  '作者',
  '作　者',
  '本报记者',
  '记者',
  '記者',
  '撰文',
  '撰稿',
  '执笔人',
  '执笔',
  // Commodity-price portals sign their market reports with the analyst: "分析师：王建".
  '分析师',
  '采写',
  '文字',
  '文',
  'Author',
] as const;

/** 责任编辑: the editor on duty (DedeCMS prints "(责任编辑：name)" after the body). */
export const EDITOR_LABELS = [
  '责任编辑',
  '責任編輯',
  '值班编辑',
  '本文编辑',
  '网络编辑',
  // Industry portals: "资讯编辑：李敏 021-26093316".
  '资讯编辑',
  '信息编辑',
  '编辑',
  '編輯',
  '责编',
  '責編',
  '小编',
  // English pages of Chinese sites: "(Editor: Liu Wei)".
  'Editor',
] as const;

/** 发布时间: the publication date label. "时间"/"日期" alone are also used by EmpireCMS/DedeCMS. */
export const DATE_LABELS = [
  '发布时间',
  '发布日期',
  '发表时间',
  '发表日期',
  '发稿时间',
  '更新时间',
  '更新日期',
  '上传时间',
  '添加时间',
  '录入时间',
  '成文日期',
  '發布時間',
  '發佈時間',
  '發表時間',
  '時間',
  '时间',
  '日期',
  '发布',
  'Release Date',
  'Publish Date',
  'Published',
] as const;

/** 浏览: view counters (DESTOON 浏览/浏览次数, DedeCMS 点击, PHPCMS 点击, portals 阅读/人气). */
export const VIEWS_LABELS = [
  '浏览次数',
  '浏览量',
  '瀏覽次數',
  '瀏覽',
  '浏览',
  '阅读次数',
  '阅读量',
  '阅读数',
  '閱讀',
  '阅读',
  '点击次数',
  '点击数',
  '点击量',
  '點擊',
  '点击',
  // Taiwan: "點閱數：863", "瀏覽人次：1,024".
  '點閱次數',
  '點閱數',
  '點閱',
  '点阅数',
  '点阅',
  '瀏覽人次',
  '浏览人次',
  '访问量',
  '访问次数',
  '人气',
  '查看次数',
  // Discuz! portal articles: "查看: 1520".
  '查看',
  '热度',
  'Views',
  'Hits',
] as const;

/**
 * Extensions of the documents notices attach (Office, WPS, OFD, CAJ/CEB, archives): an attachment
 * line's file (body.ts), a link the crawl does not follow (links.ts). A regex alternation.
 */
export const DOCUMENT_EXTENSIONS = 'pdf|docx?|xlsx?|pptx?|wps|et|dps|ofd|ceb|caj|rtf|zip|rar|7z';

/** 核心提示: summary blocks (DESTOON div.introduce, 39健康网 .art_summary, news 导读). */
export const SUMMARY_LABELS = ['核心提示', '内容提要', '内容摘要', '内容简介', '文章摘要', '提要', '摘要', '导读', '導讀'] as const;

/**
 * Other labels that only ever occur on meta lines and tool bars, never carry a field we keep:
 * comments count, font-size switch, print/close/share links.
 */
export const OTHER_META_LABELS = [
  '评论',
  '評論',
  '字体',
  '字號',
  '字号',
  '分享到',
  '分享',
  '打印',
  '关闭',
  '收藏',
  '标签',
  '关键词',
  // Proofreading and sign-off roles credited beside the editor ("编辑：张倩 校对：刘洋 审核：陈刚"): not editors.
  '责任校对',
  '校对',
  '校對',
  '审校',
  '審校',
  '审核',
  '審核',
  '审稿',
  '初审',
  '复审',
  '终审',
  '終審',
  '签发',
  // County media centres' three reviews: "一审：刘晓燕　二审：张志强　三审：李建国".
  '一审',
  '二审',
  '三审',
  // Photo credits beside the writer ("撰稿：刘倩　摄影：赵鹏") and the picture editor beside the
  // editor ("责任编辑：陈斌　图片编辑：金洁"): they end the previous value.
  '摄影',
  '攝影',
  '图片编辑',
  '圖片編輯',
  '美术编辑',
  '视频编辑',
] as const;

/** One-character labels ("文") only count at the start of a word. */
function alternation(labels: readonly string[]): string {
  return labels
    .map((label) =>
      /^[A-Za-z]/.test(label)
        ? `(?<![A-Za-z])${label.replace(/ /g, '\\s+')}`
        : label.length === 1
          ? `(?<![\\u4e00-\\u9fff])${label}`
          : label.replace(/　/g, '[\\s\\u3000]*'),
    )
    .join('|');
}

/** Colon as pages write it: ASCII, full-width, with spaces or NBSP around, sometimes a slash ("文/张三"). */
const COLON = '[\\s\\u00a0\\u3000]*[:：][\\s\\u00a0\\u3000]*';

const LABELS_BY_KIND = {
  source: SOURCE_LABELS,
  author: AUTHOR_LABELS,
  editor: EDITOR_LABELS,
  date: DATE_LABELS,
  views: VIEWS_LABELS,
  summary: SUMMARY_LABELS,
  other: OTHER_META_LABELS,
} as const;

export type MetaLabelKind = keyof typeof LABELS_BY_KIND;

export const LABEL_SOURCES = Object.fromEntries(
  Object.entries(LABELS_BY_KIND).map(([kind, labels]) => [kind, alternation(labels)]),
) as Record<MetaLabelKind, string>;

/**
 * A table cell that is only a field's label ("发布机构", "发布日期：") of the source, author, editor,
 * date or views kinds: 信息公开 pages print their fields as a table of label and value cells.
 */
export const FIELD_LABEL_CELL_RE = new RegExp(
  `^(?:${(['source', 'author', 'editor', 'date', 'views'] as const).map((kind) => LABEL_SOURCES[kind]).join('|')})[\\s\\u00a0\\u3000]*[:：]?$`,
);

/**
 * A look-ahead for the labels' first characters. A regex that opens with a look-behind runs it,
 * and then its alternation, at every position of the line; this one-character test turns most
 * positions away first (META_LABEL_RE over the corpus's 6,622 lines with a colon: 5.9 → 3.9 ms).
 */
function startsWithOneOf(labels: readonly string[]): string {
  const firsts = new Set(labels.map((label) => label[0]!));
  return `(?=[${[...firsts].map((c) => c.replace(/[\]\\^-]/, '\\$&')).join('')}])`;
}

/** Order of the kinds in the combined alternation: editor before author ("编辑" vs "文"), source first. */
const KIND_ORDER: MetaLabelKind[] = ['editor', 'source', 'date', 'views', 'summary', 'author', 'other'];

/**
 * Labels glued to the previous value ("12:11来源：证券时报网作者：李在山") are common, so a label may follow
 * any character, except where the preceding word makes it another thing: 图片来源 (photo credit),
 * 总编辑 / 新闻编辑部, 工作者, 本文 (kept as part of "本文来源"), and "文" inside a word.
 */
const NOT_AFTER = '(?<!图片|照片|图像|视频|图|工|总|副|延伸|推荐|相关|扩展|拓展|深度|热门|更多|原文|全文)';

/**
 * Every labelled field of a meta line: `label` + colon. Group names say the kind. A label must not
 * be the tail of a longer word ("新闻编辑部：" is not 编辑), hence the look-behind on Han letters
 * other than the listed prefixes.
 */
export const META_LABEL_RE = new RegExp(
  `${startsWithOneOf(Object.values(LABELS_BY_KIND).flat())}${NOT_AFTER}(?:${KIND_ORDER.map((kind) => `(?<${kind}>${LABEL_SOURCES[kind]})`).join('|')})${COLON}`,
  'g',
);

/**
 * Slash and bar forms of labels: "文/张三", "摄影/张艳 编辑/苏芳", "责编|陈梦莹", "审核｜孙海涛". Groups
 * say the kind; `photo` credits are recognised only so that they end the previous value, sign-off
 * roles (`other`) so that a line of them reads as a byline.
 */
export const SLASH_LABEL_RE =
  /(?<![\u4e00-\u9fff])(?:(?<editor>责任编辑|責任編輯|责编|責編|编辑|編輯)|(?<author>文字|撰文|执笔|記者|记者|文图|图文|文)|(?<photo>摄影|攝影|图片|圖片|图|圖|摄)|(?<other>审核|審核|校对|校對|审校|審校|终审|終審|监制|監製|统筹|統籌))[\s\u00a0]*[/／|｜][\s\u00a0]*/g;

/** The font-size switch that sits on meta lines: "【字体：大 中 小】", "字号：T|T", "[大][中][小]". */
export const FONT_SWITCH_RE = /字[体號号][\s\u00a0]*[:：]?[\s\u00a0]*[【[（(]?[\s\u00a0]*(?:大|T)[\s\u00a0]*[|｜]?[\s\u00a0]*(?:中|T)|[【[]大[】\]][\s\u00a0]*[【[]中[】\]][\s\u00a0]*[【[]小[】\]]/;

/**
 * A date with a time, as meta lines print it. Shared with the date parser's scanner so that
 * "2022-02-27 10:05" is one thing everywhere.
 */
export const DATE_TIME_RE =
  /(?:19|20)\d{2}\s*(?:[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}|年\s*\d{1,2}\s*月\s*\d{1,2}\s*日?)(?:[\sT\u00a0]*\d{1,2}\s*[:：时]\s*\d{1,2}(?:\s*[:：分]\s*\d{1,2}秒?)?)?/;

const DATE_TIME_GLOBAL_RE = new RegExp(DATE_TIME_RE.source, 'g');
const SENTENCE_END_RE = /[。！？!?]/;
const LEADING_NOISE_RE = /^[\s\u00a0(（【[〔|｜>»·•-]+/;
const CLAUSE_PUNCT_RE = /[，,；;]/g;

const SEPARATOR_HINT_RE = /[:：/／|｜]/;
const COLON_RE = /[:：]/;

/** Longest line, in characters, that can still be a meta line ("发布时间… 来源… 作者… 浏览… 评论… 字体…"). */
export const MAX_BYLINE_CHARS = 160;
/** Longest line with a single label ("(责任编辑：王五)", "来源：新华社"). */
export const MAX_SINGLE_LABEL_CHARS = 48;
/** Text allowed after a bracketed single label ("【编辑:刘欢】 返回搜狐，查看更多"). */
const MAX_TAIL_AFTER_BRACKET_CHARS = 12;
/** Longest value after a lone label: an outlet or a few names, not a sentence. */
const MAX_SINGLE_VALUE_CHARS = 30;

/**
 * Whether a short line is a byline / meta line that belongs to no article body: two or more
 * labels ("时间：2019-09-25 作者：网络整理"), a single label leading a short line with a short value
 * ("(责任编辑：王五)", "来源：新华社"), or the font-size switch. Body sentences that merely mention
 * 来源 or 时间 are rejected: they are long, end with 。, or the label is not at the line's start.
 */
export function isBylineLine(text: string): boolean {
  const line = text.trim();
  if (line.length === 0 || line.length > MAX_BYLINE_CHARS) return false;
  // Every byline form has a colon, slash or bar, or is the font switch: skip the label scan otherwise.
  if (!SEPARATOR_HINT_RE.test(line) && !line.includes('大')) return false;
  // A colon label needs a colon: lines let through by a slash, bar or 大 alone skip the big alternation.
  const labels = COLON_RE.test(line) ? execAll(META_LABEL_RE, line) : [];
  const fontSwitch = FONT_SWITCH_RE.test(line);
  if (labels.length === 0 && line.length <= MAX_SINGLE_LABEL_CHARS && execAll(SLASH_LABEL_RE, line).length >= 2) {
    return !SENTENCE_END_RE.test(line);
  }
  if (labels.length === 0) {
    if (fontSwitch) return line.length <= MAX_SINGLE_LABEL_CHARS * 2;
    return isSlashByline(line);
  }
  if (SENTENCE_END_RE.test(line.replace(/[(（【[][^)）】\]]*[)）】\]]/g, ''))) return false;
  if ((line.match(CLAUSE_PUNCT_RE)?.length ?? 0) > labels.length + 1) return false;
  if (labels.length >= 2 || (fontSwitch && labels.length >= 1)) return true;

  const only = labels[0]!;
  if (line.length > MAX_SINGLE_LABEL_CHARS) return false;
  const before = line
    .slice(0, only.index)
    .replace(DATE_TIME_GLOBAL_RE, '')
    .replace(LEADING_NOISE_RE, '')
    .replace(/^本文|^本站/, '');
  if (before.trim().length > 0) return false;
  const after = line.slice((only.index ?? 0) + only[0].length);
  // "【编辑:刘欢】 返回搜狐": the value ends at the bracket; a short tool-bar tail may follow it.
  const close = after.search(/[)）】\]〕]/);
  const unmatched = close >= 0 && !/[(（【[〔]/.test(after.slice(0, close));
  if (unmatched && after.slice(close + 1).trim().length > MAX_TAIL_AFTER_BRACKET_CHARS) return false;
  const value = (unmatched ? after.slice(0, close) : after).replace(/[)）】\]〕]+\s*$/, '').trim();
  if (value.length === 0) return true;
  if (only.groups?.date !== undefined) return DATE_TIME_RE.test(value) && value.replace(DATE_TIME_GLOBAL_RE, '').trim().length <= 12;
  if (only.groups?.summary !== undefined) return false;
  // "评论：0" is a tool bar; "评论：纸包不住火" is a commentary's heading in the body.
  if (only.groups?.other !== undefined) return /^[\d\s(（)）条次]*$/.test(value);
  return value.length <= MAX_SINGLE_VALUE_CHARS && !/[，,、；;]/.test(value.replace(/[、]/g, ''));
}

/** "文/张三", "责编|陈梦莹": one slash label at the line's start with a short value, nothing else. */
function isSlashByline(line: string): boolean {
  if (line.length > 30) return false;
  SLASH_LABEL_RE.lastIndex = 0;
  const match = SLASH_LABEL_RE.exec(line);
  SLASH_LABEL_RE.lastIndex = 0;
  if (match === null || match.index > 2 || match.groups?.photo !== undefined) return false;
  const rest = line.slice(match.index + match[0].length);
  return rest.length > 0 && rest.length <= 24 && !/[，。,.！？]/.test(rest);
}
