/**
 * Outlet and people without a label: the outlet printed beside the date ("2019-09-26 10:56:28 证券时报网"),
 * the reporter in the lead ("新京报讯（记者 陆一夫）") or at the end ("（记者 胡晓蓉）"), writer/outlet
 * lines ("石佳/中国青年报"), class-named blocks, and the meta tags when the page shows them.
 */
import { type DateContext, findDates } from '../dates.js';
import { BLOCK_TAGS, collapseSpaces, type Element, isTag, textOf } from '../dom.js';
import { cleanPerson, cleanSource, labelledFields } from './byline.js';
import { EMPTY_BRACKETS_RE, MAX_DATE_LINE_CHARS, MAX_META_LINE_CHARS, MAX_REPORTER_LINE_CHARS, META_WINDOW_AFTER } from './layout.js';
import type { Line, PageScan } from './scan.js';

/** A lone outlet name: Han letters, maybe with Latin letters and a joining dot or dash, no digits. */
const OUTLET_TOKEN_RE = /^[\u4e00-\u9fffA-Za-z·-]{2,16}$/;

const NAMES = '[\\u4e00-\\u9fff·]{2,4}(?:[\\s、,，]+[\\u4e00-\\u9fff·]{2,4})*';

const REPORTER = '(?:见习|实习|特约|首席)?(?:记者|記者)';

/**
 * The outlet before "记者" on a reporter line: Han words, maybe with digits or Latin letters
 * ("21世纪经济报道记者"), maybe with the site's address in brackets ("华夏时报（www.chinatimes.net.cn）记者").
 */
const REPORTER_OUTLET = '[\\u4e00-\\u9fff\\w\\s]{0,14}?(?:[（(][\\w.:/-]{4,40}[)）])?';

const REPORTER_LINE_RE = new RegExp(
  `^[□■●◆▲★\\s]*${REPORTER_OUTLET}\\s*(?:${REPORTER}|专栏作者|特约作者)(?:[\\s:：]*|\\s*[|｜]\\s*)(${NAMES})(?:(?:[\\s]+|\\s*[/／]\\s*)[\\u4e00-\\u9fff]{2,8}(?:报道|報導|報道))?$`,
);

/** "（姚峰 上海报道）", "(本报记者 张三 北京报道)". */
const REPORTER_CITY_RE = new RegExp(`[（(]\\s*(?:本报)?(?:记者)?\\s*(${NAMES})\\s+[\\u4e00-\\u9fff]{2,6}报道\\s*[）)]`);

const NAME_LINE_WINDOW = 3;

const URL_TOKEN_RE = /(?:https?:\/\/|www\.)[^\s]+/gi;

/** "《理财周刊》": an outlet quoted as a publication. */
const BOOK_TITLE_RE = /《([^《》]{2,16})》/;

const WRITER_SLASH_OUTLET_RE = /^([\u4e00-\u9fff·]{2,4}(?:[\s、][\u4e00-\u9fff·]{2,4})*)\s*[/／]\s*([^\s/／]{2,16})$/;

const OUTLET_SUFFIX_RE = /(?:社|报|報|网|網|台|刊|新闻|新聞|客户端|在线|时报|日报|周刊|杂志)$/;

/** Lone short lines under a headline that are not people: outlets, offices, tool-bar words. */
const NOT_A_PERSON_RE = /(?:社|报|網|网|台|刊|站|部|局|厅|办|委|院|会|中心|公司|集团|频道|分享|打印|返回|收藏|关闭|评论|首页|正文|专题|原创|转载|导读|摘要)$/;

/** "（记者 胡晓蓉）" closing the last paragraph. */
const REPORTER_TAIL_CHARS = 40;

/** "2004年7月16日08:19 [ 黄宇 ] 来源：[ 国际金融报 ]": the writer bracketed on the date line (Sohu, 2000s). */
const BRACKETED_WRITER_RE = /(?<!(?:来源|來源|稿源)[:：]?\s*)[[【]\s*([\u4e00-\u9fff·]{2,4}(?:\s+[\u4e00-\u9fff·]{2,4})*)\s*[\]】](?=\s*(?:来源|來源|$))/;

const EDITOR_BRACKET_RE = new RegExp(`^[（(【\\[][^（()）【】]{0,10}?(?:责任编辑|编辑|责编)[\\s:：]*(${NAMES})\\s*[）)】\\]]$`);
/** "界面新闻编辑 | 宋佳楠": an outlet's editor credited on a line of its own, set with a bar. */
const EDITOR_BAR_LINE_RE = new RegExp(`^[\\u4e00-\\u9fff]{0,8}(?:责任编辑|编辑|责编)\\s*[|｜]\\s*(${NAMES})$`);

export const STRONG_EDITOR_LABEL_RE = /^(?:责任编辑|責任編輯|责编|責編)$/;

const PERSONAL_NAME_RE = /^[\u4e00-\u9fff]{2,3}$/;

/** The commonest Chinese surnames: a lone 2–3 character line starting with one reads as a name. */
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';

/** A name in a byline that also credits others: never the 通讯员 (correspondent) or 实习生 label itself. */
const LEAD_NAME = '(?!通讯员|实习生)[\\u4e00-\\u9fff·]{2,4}';
/** Reporters' names up to the correspondents: "李明 王芳" of "记者 李明 王芳 通讯员 赵六". */
const REPORTER_NAMES = `${LEAD_NAME}(?:[\\s、,，]+${LEAD_NAME})*`;

const REPORTER_PAREN_RE = new RegExp(
  `[（(【\\[〔［][^（()）【】〔〕]{0,10}?${REPORTER}[\\s:：]*(${REPORTER_NAMES})[\\s]*(?:[）)】\\]〕］／/]|通讯员|實習|实习生)`,
);

const REPORTER_PAREN_END_RE = new RegExp(`[（(〔]\\s*${REPORTER}[\\s:：]*(${NAMES})\\s*[）)〕][\\s\\u00a0]*$`);

/** Blogs and forums: "ggjjzhzz 发表于 2005-9-15 11:46:00". */
const POSTED_ALONE_RE = /^\s*(?:发表于|發表於)\s*(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}/;
const POSTED_BY_RE = /^(?:作者[:：]?\s*)?([^\s:：|｜]{2,20})\s*(?:发表于|發表於|发布于|發佈於|posted)\s*(?:19|20)\d{2}/i;

/**
 * A lead paragraph that opens with its reporters, unbracketed: "本报记者 李明 通讯员 王芳　6月7日，…",
 * "经济观察网 记者 赵晨曦 经过一年多…" (the outlet's name before 记者).
 * The names must end at a space (the paragraph's text follows); correspondents are not authors,
 * as in "（记者 李明 通讯员 王芳）".
 */
const REPORTER_OPENING_RE = new RegExp(
  `^(?:本报|本刊|本台|[\\u4e00-\\u9fff\\w]{2,12}[\\s\\u3000]*)?${REPORTER}[\\s:：]*(${REPORTER_NAMES})(?=[\\s\\u3000]+\\S)`,
);

/**
 * A line of several credits, each with its outlet and title: "澎湃新闻首席记者 周頔 澎湃新闻记者 王蕾".
 * Each name ends at a space, so the next credit's outlet is not read as a name.
 */
const SPACED_NAME = `${LEAD_NAME}(?=[\\s、,，]|$)`;
const CREDIT = `[\\u4e00-\\u9fff]{0,12}?${REPORTER}[\\s:：]*(${SPACED_NAME}(?:[\\s、,，]+${SPACED_NAME})*)`;
const CREDITS_LINE_RE = new RegExp(`^[□■●◆▲★\\s]*(?:${CREDIT}\\s*){2,4}$`);
const CREDIT_RE = new RegExp(CREDIT, 'g');

function creditedReporters(text: string): string | null {
  if (!CREDITS_LINE_RE.test(text)) return null;
  const names = [...text.matchAll(CREDIT_RE)].map((m) => namesOf(m[1] ?? '')).filter((n): n is string => n !== null);
  return names.length > 0 ? names.join(' ') : null;
}

/** On a date line: "記者林宸誼／即時報導". */
const REPORTER_ANYWHERE_RE = new RegExp(`${REPORTER}[\\s:：]*(${NAMES})(?=$|[\\s／/）)〕])`);

const DATE_HINT_RE = /(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}/;

/** Date-line words that are not outlets: "更新时间 2012年12月10日", "…02:26:00 来自北京". */
const NOT_AN_OUTLET_RE =
  /时间|時間|日期|发布|發布|更新|来自|來自|发表|發表|阅读|浏览|评论|星期|周[一二三四五六日]|字号|字体|分享|打印|收藏|关注|举报|原创|转载|编辑|作者|记者|热度|点击|北京时间/;

export const SOURCE_CLASS_RE = /(?<![a-z])source|provider|laiyuan|(?:^|[-_\s])ly(?:$|[-_\s])|media-?name|(?:^|[-_\s])from(?:$|[-_\s])/i;

export const AUTHOR_CLASS_RE = /author|writer|zuozhe|byline/i;

/** Words that follow the reporter's names in the lead but are not names ("北京报道" is a dateline). */
const NOT_A_NAME_RE = /^(?:整合|综合|报道|摄影|通讯员|实习生|编译|采写|发自|联合)$|^[\u4e00-\u9fff]{2,4}(?:报道|報導)$/;

/** Tool-bar words set in brackets like a writer ("【打印】 【关闭】", "【纠错】"): never a name. */
const TOOL_WORD_RE = /^(?:打印|打印本页|关闭|關閉|关闭窗口|纠错|我要纠错|举报|舉報|收藏|返回|返回顶部|顶部|分享|评论|評論|字号|字號|复制链接|登录|注册)$/;

/** A token that is another credit's role ("每经编辑", "校对", "美编"): the names before it are the reporters'. */
const CREDIT_ROLE_END_RE = /(?:编辑|編輯|责编|責編|校对|校對|审核|審核|摄影|攝影|摄像|美编|主编|监制|统筹)$/;

const SOURCE_META_KEYS = ['article:source', 'source', 'og:source', 'mediaid', 'contentsource'];

/**
 * A short unlabelled block right after the headline whose class names the field
 * (`div.sourceTitleText` "中国新闻网", `div.author` "上報快訊／范姜佳鈺 2020年03月12日 20:19:00").
 */
export function byClassHint<T>(
  lines: Line[],
  anchor: number,
  hint: RegExp,
  ctx: DateContext,
  clean: (raw: string) => T | null,
): T | null {
  const marked = (el: Element) => hint.test(`${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`);
  const read = (text: string): T | null => {
    if (labelledFields(text).length > 0) return null;
    let rest = text;
    for (const date of findDates(rest, ctx).reverse()) rest = rest.slice(0, date.index) + rest.slice(date.index + date.length);
    return clean(rest.replace(EMPTY_BRACKETS_RE, '').trim());
  };
  for (let i = anchor + 1; i <= anchor + META_WINDOW_AFTER && i < lines.length; i++) {
    const line = lines[i]!;
    const el = line.el;
    if (line.comment || el === null || line.text.length > MAX_META_LINE_CHARS) continue;
    if (marked(el) && line.text.length <= MAX_DATE_LINE_CHARS) {
      const value = read(line.text);
      if (value !== null) return value;
      continue;
    }
    // A marked inline element of the line: "<span class="source">山西晚报</span><span class="time">…".
    for (const child of el.children) {
      if (!isTag(child) || BLOCK_TAGS.has(child.name) || !marked(child)) continue;
      const own = collapseSpaces(textOf(child));
      if (own.length > MAX_DATE_LINE_CHARS) continue;
      const value = read(own);
      if (value !== null) return value;
    }
  }
  return null;
}

/**
 * "上報快訊／范姜佳鈺": outlet and writer joined by a slash. A bare name in an "author" block is left
 * alone: on self-media platforms that block names the account, not a writer.
 */
export function authorFromHint(text: string): string | null {
  const by = /^(?:by|BY|By)[\s\u00a0]+(\S.{0,30})$/.exec(text);
  // Latin names are read as English names first: cleanPerson keeps what follows them.
  if (by?.[1] !== undefined) return (/[\u3400-\u9fff]/.test(by[1]) ? null : englishNames(text)) ?? cleanPerson(by[1], 'author');
  if (/^By[\s\u00a0]+[A-Z]/.test(text)) return englishNames(text);
  const slash = /^[^／/\s]{2,12}[／/]([^／/\s]{2,12})$/.exec(text);
  return slash?.[1] === undefined ? null : cleanPerson(slash[1], 'author');
}

/** Marks a news feed prints before an item's date: whether the story is its own, pinned, first. */
const STATUS_MARK_RE = /^\s*(?:原创|转载|首发|置顶|独家)\s*$/;
/** "· 山西晚报", "| 北京日报": the separator between date and outlet. */
const LEADING_SEPARATOR_RE = /^\s*[·•|｜/／]\s*/;
const FEED_SEPARATOR_RE = /[·•|｜/／]/;

/**
 * "2019-09-26 10:56:28 证券时报网", "2019年09月07日 04:04 北京日报": portals that print the outlet right
 * after the date on the headline's date line, without a label.
 */
export function sourceBesideDate(
  lines: Line[],
  anchor: number,
  ctx: DateContext,
  platformLine = false,
  ownNames: ReadonlySet<string> = NO_NAMES,
): string | null {
  for (let i = anchor + 1; i <= anchor + META_WINDOW_AFTER && i < lines.length; i++) {
    const line = lines[i]!;
    if (line.comment || line.text.length > MAX_DATE_LINE_CHARS) continue;
    // (A feed's line has its separator: the dates of other lines were read by the first pass.)
    if (platformLine && !FEED_SEPARATOR_RE.test(line.text)) continue;
    const date = findDates(line.text, ctx)[0];
    if (date === undefined || date.relative) continue;
    // After the date, or before a date in brackets ("北京新浪網 (2020-01-21 11:12)"); a bare account name
    // before the date ("中国网 2019-11-25 10:37:31") is a self-media byline, not an outlet.
    // Sina/Sohu 2000s: "http://house.sina.com.cn 2005年03月31日03:18 北京娱乐信报": the channel URL is no account name.
    // `platformLine`: a news feed's "原创 2025-03-02 18:20 · 山西晚报", a status mark before the date
    // and the publishing account after a dot. That account may be a person's, so this reading comes
    // last, after every labelled 来源 of the page.
    let before = line.text.slice(0, date.index).replace(URL_TOKEN_RE, '');
    let after = line.text.slice(date.index + date.length).replace(BOOK_TITLE_RE, '$1');
    if (platformLine) {
      before = before.replace(STATUS_MARK_RE, '');
      if (!LEADING_SEPARATOR_RE.test(after)) continue;
      after = after.replace(LEADING_SEPARATOR_RE, '');
    }
    const bracketed = /[(（]\s*$/.test(before) && /^\s*[)）]\s*$/.test(after);
    if (before.trim().length > 0 && !bracketed) {
      // Unless that name is the site's own (og:site_name, the <title>'s site part): a portal
      // printing itself beside the date ("新京报 2024-05-20 15:50") is the outlet, which a
      // self-media account on a platform never is.
      const name = before.trim();
      // So is a name the lead repeats ("慧聪网 2023-05-06 09:12:33" over "【慧聪网】近日…", "X网讯").
      const own =
        after.trim() === '' &&
        OUTLET_TOKEN_RE.test(name) &&
        (ownNames.has(name.normalize('NFKC').replace(/\s+/g, '')) || (!NOT_AN_OUTLET_RE.test(name) && leadNames(lines, i, name)));
      return own ? cleanSource(name) : null;
    }
    const rest = (bracketed ? before : after).replace(/[(（]\s*$/, '').replace(EMPTY_BRACKETS_RE, '').trim();
    // The outlet may be followed by the reporter: "15:05聯合報 記者林宸誼／即時報導".
    const [first, ...others] = rest.split(/\s+/);
    if (first === undefined || !OUTLET_TOKEN_RE.test(first) || NOT_AN_OUTLET_RE.test(first)) return null;
    if (others.length > 0 && !REPORTER_ANYWHERE_RE.test(others.join(' '))) return null;
    return cleanSource(first);
  }
  return null;
}

const NO_NAMES: ReadonlySet<string> = new Set();

/** Lines after a date line in which the lead ("【慧聪网】…", "慧聪网讯 …") may name the outlet. */
const LEAD_WINDOW = 4;
function leadNames(lines: Line[], dateLine: number, name: string): boolean {
  for (let i = dateLine + 1; i <= dateLine + LEAD_WINDOW && i < lines.length; i++) {
    const text = lines[i]!.text.trim();
    if (lines[i]!.comment || text.length === 0) continue;
    if (text.startsWith(`【${name}】`) || text.startsWith(`[${name}]`) || text.startsWith(`${name}讯`) || text.startsWith(`${name}消息`)) return true;
  }
  return false;
}

/** "报道：陈佳慧　摄影：林明": the reporter credited with 报道 on a line of its own (Malaysia, Singapore). */
const REPORTED_BY_RE = new RegExp(`^(?:报道|報導|采访|採訪)\\s*[:：]\\s*(${NAMES})(?:\\s+(?:摄影|攝影|摄|攝|图|圖)\\s*[:：].{0,20})?$`);

/** "新京报讯（记者 陆一夫）", "（记者陈智 整合）", a line "澎湃新闻记者 段彦超 廖艳": the reporter in the lead. */
export function reporterInLead(lines: Line[], anchor: number): string | null {
  for (let i = Math.max(anchor + 1, 0); i <= anchor + META_WINDOW_AFTER + 5 && i < lines.length; i++) {
    const line = lines[i]!;
    if (line.comment) continue;
    const reportedBy = line.text.length <= MAX_REPORTER_LINE_CHARS ? REPORTED_BY_RE.exec(line.text) : null;
    if (reportedBy?.[1] !== undefined) {
      const names = namesOf(reportedBy[1]);
      if (names !== null) return names;
    }
    const credited = line.text.length <= MAX_REPORTER_LINE_CHARS ? creditedReporters(line.text) : null;
    if (credited !== null) return credited;
    const m =
      (line.text.length <= MAX_REPORTER_LINE_CHARS ? REPORTER_LINE_RE.exec(line.text) : REPORTER_OPENING_RE.exec(line.text)) ??
      REPORTER_PAREN_RE.exec(line.text.slice(0, 80)) ??
      (line.text.length <= MAX_META_LINE_CHARS / 2 && DATE_HINT_RE.test(line.text)
        ? (REPORTER_ANYWHERE_RE.exec(line.text) ?? BRACKETED_WRITER_RE.exec(line.text))
        : null);
    const names = m?.[1] === undefined ? null : namesOf(m[1]);
    if (names !== null) return names;
    // A user name, not Han names: cleaned as a person, not split into names.
    const posted = line.text.length <= MAX_META_LINE_CHARS / 2 ? POSTED_BY_RE.exec(line.text) : null;
    if (posted?.[1] !== undefined) {
      const user = cleanPerson(posted[1], 'author');
      if (user !== null) return user;
    }
    // Discuz! threads: "发表于 2021-8-9 10:12" in the post head, the user name a few lines above it
    // in the poster's own cell (a single token line, not a counter line "主题 23 | 帖子 412").
    if (POSTED_ALONE_RE.test(line.text)) {
      for (let j = i - 1; j >= Math.max(anchor + 1, i - 4); j--) {
        const t = lines[j]!.text.trim();
        if (lines[j]!.comment || !/^[^\s:：|｜]{2,20}$/.test(t) || /^(?:楼主|沙发|板凳|\d+#|#\d+)$/.test(t)) continue;
        const user = cleanPerson(t, 'author');
        if (user !== null) return user;
      }
    }
  }
  return null;
}

/**
 * The reporter line at the article's end ("新京报记者 彭冲 山东冠县报道", "（姚峰 上海报道）"): strict
 * whole-line or bracketed forms only, since this searches the whole text below the headline.
 */
export function reporterAnywhere(lines: Line[], anchor: number): string | null {
  for (let i = Math.max(anchor + 1, 0); i < lines.length; i++) {
    const line = lines[i]!;
    if (line.comment) continue;
    const m =
      (line.text.length <= MAX_REPORTER_LINE_CHARS ? REPORTER_LINE_RE.exec(line.text) : null) ??
      REPORTER_CITY_RE.exec(line.text) ??
      REPORTER_PAREN_END_RE.exec(line.text.slice(-REPORTER_TAIL_CHARS));
    const names = m?.[1] === undefined ? null : namesOf(m[1]);
    if (names !== null) return names;
  }
  return null;
}

/**
 * The line between the headline and a date-only line: "石佳/中国青年报" (writer/outlet) or a lone
 * outlet ("新华社"). An outlet is recognised by its ending (社, 报, 网, 台…), so a lone account name is not.
 */
const DATE_LINE_LABEL_RE = /^\s*(?:发布时间|发布于|发表于|时间)\s*[:：]?\s*/;
const ACCOUNT_BADGE_RE = /\s*[\u4e00-\u9fff]{2,16}(?:官方帐号|官方账号)\s*$/;

export function aboveDateLine(lines: Line[], anchor: number, ctx: DateContext): { source: string | null; author: string | null } | null {
  if (anchor < 0) return null;
  for (let i = anchor + 1; i <= anchor + 2 && i + 1 < lines.length; i++) {
    const line = lines[i]!.text;
    const next = lines[i + 1]!.text;
    if (line.length > MAX_REPORTER_LINE_CHARS || next.length > MAX_DATE_LINE_CHARS) continue;
    // The date line may carry its label and the account's badge: "发布时间：05-10 10:05 山西日报社官方帐号".
    const dateLine = next.replace(DATE_LINE_LABEL_RE, '').replace(ACCOUNT_BADGE_RE, '');
    const date = findDates(dateLine, ctx)[0];
    if (date === undefined || dateLine.length - date.length > 4) continue;
    const m = WRITER_SLASH_OUTLET_RE.exec(line);
    if (m?.[1] !== undefined && m[2] !== undefined && OUTLET_SUFFIX_RE.test(m[2])) {
      return { author: namesOf(m[1]), source: cleanSource(m[2]) };
    }
    if (OUTLET_TOKEN_RE.test(line) && OUTLET_SUFFIX_RE.test(line)) return { author: null, source: cleanSource(line) };
  }
  return null;
}

/** "（松花江网编辑 孙桂芳）", "界面新闻编辑 | 宋佳楠": the editor credited at the article's end. */
export function editorInBrackets(lines: Line[], anchor: number): string | null {
  for (let i = Math.max(anchor + 1, 0); i < lines.length; i++) {
    const line = lines[i]!;
    if (line.comment || line.text.length > MAX_REPORTER_LINE_CHARS) continue;
    const m = EDITOR_BRACKET_RE.exec(line.text) ?? EDITOR_BAR_LINE_RE.exec(line.text);
    const names = m?.[1] === undefined ? null : namesOf(m[1]);
    if (names !== null) return names;
  }
  return editorInCredits(lines, anchor);
}

/**
 * Staff credits set with spaces, no colon: "编辑 刘洋　校对 张彤", "每经记者 孙浩然　每经编辑 陈梦". Only a
 * line that is nothing but credits counts; the editor is the name after its 编辑/责编 role. One role
 * alone ("编辑 刘洋") needs a credit line beside it ("校对 张彤") or a block named for the editor
 * (div.articleEditor): an encyclopedia's toolbar reads "编辑 链接" or "编辑 锁定 讨论" too.
 */
const CREDIT_ROLE = '(?<!美术|图片|圖片|视频|視頻|技术|总|總|副)(?:责任编辑|責任編輯|编辑|編輯|责编|責編|记者|記者|校对|校對|审核|審核|摄影|攝影|主编|美编|监制|统筹)';
/** Between a role and its name: a colon or a space ("编辑入门" is a link, not a credit). */
const ROLE_GAP = '(?:[\\s\\u3000]*[:：][\\s\\u3000]*|[\\s\\u3000]+)';
// A further name never starts the next credit ("孙浩然　每经编辑 陈梦").
const STAFF_CREDIT_RE = new RegExp(
  `[\\u4e00-\\u9fff]{0,6}?${CREDIT_ROLE}${ROLE_GAP}${SPACED_NAME}(?:[\\s、,，]+(?![\\u4e00-\\u9fff]{0,6}?${CREDIT_ROLE}${ROLE_GAP})${SPACED_NAME})*[\\s\\u3000]*`,
  'y',
);
const EDITOR_CREDIT_RE = new RegExp(
  `(?:^|[\\s\\u3000])[\\u4e00-\\u9fff]{0,6}?(?<!美术|图片|圖片|视频|視頻|技术|总|總|副)(?:责任编辑|責任編輯|编辑|編輯|责编|責編)${ROLE_GAP}(${SPACED_NAME}(?:[\\s、,，]+${SPACED_NAME})*)`,
);
const MAX_CREDITS_A_LINE = 4;

/** How many credits make up the whole line (0 when anything else is on it). */
function creditsOnly(text: string): number {
  let count = 0;
  STAFF_CREDIT_RE.lastIndex = 0;
  while (STAFF_CREDIT_RE.lastIndex < text.length && count <= MAX_CREDITS_A_LINE) {
    const at = STAFF_CREDIT_RE.lastIndex;
    if (STAFF_CREDIT_RE.exec(text) === null || STAFF_CREDIT_RE.lastIndex === at) return 0;
    count++;
  }
  return count <= MAX_CREDITS_A_LINE ? count : 0;
}

/** A block the template keeps for the editor's credit (div.articleEditor, p.zrbj, div.bianji). */
const EDITOR_BLOCK_RE = /editor|bianji|zebian|zrbj/i;
const EDITOR_BLOCK_DEPTH = 2;

function inEditorBlock(el: Element | null): boolean {
  for (let at: Element | null = el, depth = 0; at !== null && depth < EDITOR_BLOCK_DEPTH; depth++) {
    if (EDITOR_BLOCK_RE.test(`${at.attribs.class ?? ''} ${at.attribs.id ?? ''}`)) return true;
    at = at.parent !== null && isTag(at.parent) ? at.parent : null;
  }
  return false;
}

function editorInCredits(lines: Line[], anchor: number): string | null {
  const credits = (i: number): number => {
    const line = lines[i];
    return line === undefined || line.comment || line.text.length > MAX_REPORTER_LINE_CHARS ? 0 : creditsOnly(line.text);
  };
  for (let i = Math.max(anchor + 1, 0); i < lines.length; i++) {
    const count = credits(i);
    if (count === 0 || (count === 1 && credits(i - 1) === 0 && credits(i + 1) === 0 && !inEditorBlock(lines[i]!.el))) continue;
    const m = EDITOR_CREDIT_RE.exec(lines[i]!.text);
    if (m?.[1] === undefined) continue;
    const names = namesOf(m[1]);
    if (names !== null) return names;
  }
  return null;
}

/** A lone personal name on its own line just under the headline (blogs, columns: "胡平"). */
export function nameUnderHeadline(lines: Line[], anchor: number): string | null {
  if (anchor < 0) return null;
  // Only on pages without a dated meta line (blogs, essays): under a portal headline a short line
  // starting with a surname character is as likely a tag ("金融", "高考") as a name.
  for (let i = anchor + 1; i <= anchor + META_WINDOW_AFTER && i < lines.length; i++) {
    const text = lines[i]!.text;
    if (text.length <= MAX_DATE_LINE_CHARS * 2 && DATE_HINT_RE.test(text)) return null;
  }
  for (let i = anchor + 1; i <= anchor + NAME_LINE_WINDOW && i < lines.length; i++) {
    const text = lines[i]!.text;
    if (lines[i]!.comment) continue;
    if (!PERSONAL_NAME_RE.test(text) || NOT_A_PERSON_RE.test(text)) continue;
    // Only a name starting with a common surname: pen names ("茉莉") are indistinguishable from words ("关注").
    if (SURNAMES.includes(text[0]!)) return text;
  }
  return null;
}

/** "茉莉：我是怎样卷入八九民运的": a headline led by a short name and a colon. */
const HEADLINE_NAME_PREFIX_RE = /^([\u4e00-\u9fff·]{2,4})[\s\u3000]*[:：][\s\u3000]*(\S.*)$/;

/**
 * Essays reposted by portals: the headline "茉莉：我是怎样…" over a text that opens with the bare
 * title and then the writer's name on a line of its own. A headline quoting a speaker ("李强：…") has
 * no such title-then-name opening, so both lines are required, in that order.
 */
export function writerNamedInHeadline(lines: Line[], anchor: number, title: string | null): string | null {
  if (anchor < 0 || title === null) return null;
  const m = HEADLINE_NAME_PREFIX_RE.exec(title.trim());
  if (m?.[1] === undefined || m[2] === undefined || NOT_A_PERSON_RE.test(m[1])) return null;
  const name = m[1];
  const rest = m[2].trim();
  let restSeen = false;
  for (let i = anchor + 1; i <= anchor + META_WINDOW_AFTER && i < lines.length; i++) {
    const line = lines[i]!;
    if (line.comment) continue;
    const text = line.text.trim();
    if (text === rest) restSeen = true;
    else if (restSeen && text === name) return name;
  }
  return null;
}

export function namesOf(raw: string): string | null {
  // "…记者黎旭阳、李妍摄" credits photographers.
  if (raw.endsWith('摄')) return null;
  // "梁晓娟 通讯员 武建平": the correspondents after the reporters are not authors.
  const tokens = raw.split(/[\s、,，]+/);
  // "孙浩然 每经编辑 陈梦": a further credit ("每经编辑", "校对", "通讯员") ends the reporters' names.
  const stop = tokens.findIndex((name) => name === '通讯员' || name === '实习生' || CREDIT_ROLE_END_RE.test(name));
  const names = (stop >= 0 ? tokens.slice(0, stop) : tokens).filter(
    (name) => name.length >= 2 && !NOT_A_NAME_RE.test(name) && !TOOL_WORD_RE.test(name),
  );
  return names.length > 0 ? names.join(' ') : null;
}

/** Whether some element inside `el` holds exactly `name` as its whole text. */
function showsAlone(el: Element, name: string): boolean {
  for (const child of el.children) {
    if (!isTag(child)) continue;
    if (collapseSpaces(textOf(child)).trim() === name || showsAlone(child, name)) return true;
  }
  return false;
}

/**
 * `<meta name="author">`, only when the page also shows that name under the headline: CMSes fill the
 * tag with the site or the uploading editor as often as with the writer.
 */
export function metaAuthorShown(scan: PageScan, anchor: number): string | null {
  const value = scan.metas.get('author') ?? scan.metas.get('article:author');
  if (value === undefined) return null;
  const name = cleanPerson(value, 'author');
  if (name === null || /^https?:/i.test(name)) return null;
  for (let i = Math.max(anchor + 1, 0); i <= anchor + META_WINDOW_AFTER && i < scan.lines.length; i++) {
    const line = scan.lines[i]!;
    if (line.comment || line.text.length > MAX_META_LINE_CHARS || !line.text.includes(name)) continue;
    // A long meta row (WordPress themes add "阅读 1,234 · 共2,046字 · 阅读约5分钟") still shows the
    // writer when the name stands as one element of its own (`<a rel="author">周晓峰</a>`).
    if (line.text.length > MAX_DATE_LINE_CHARS && (line.el === null || !showsAlone(line.el, name))) continue;
    // "编辑:李楠" shows the editor, who is often the tag's "author".
    if (labelledFields(line.text).some((f) => f.kind === 'editor' || f.kind === 'source')) continue;
    return name;
  }
  return null;
}

/**
 * "本文来自微信公众号“晋商观察”（ID：jinshangguancha），作者：韩晓宇，36氪经授权发布": a tech portal's
 * repost note names the account the article comes from, and often its writer.
 */
const REPOST_ORIGIN_RE = /本文(?:来自|转载自|转自|来源于|源自)(?:微信)?公众号[：:\s]*[“"「『]([^”"」』]{2,20})[”"」』]/;
const REPOST_WRITER_RE = /[，,]\s*作者[：:]\s*([\u4e00-\u9fff·]{2,4}(?:[、\s][\u4e00-\u9fff·]{2,4})*)\s*(?=[，,。）)]|$)/;

export function repostOrigin(lines: Line[], anchor: number): { source: string | null; author: string | null } | null {
  for (let i = Math.max(anchor + 1, 0); i < lines.length; i++) {
    const line = lines[i]!;
    if (line.comment || line.text.length > MAX_META_LINE_CHARS) continue;
    const m = REPOST_ORIGIN_RE.exec(line.text);
    if (m?.[1] === undefined) continue;
    const writer = REPOST_WRITER_RE.exec(line.text.slice(m.index + m[0].length))?.[1];
    // Only a licensed republication ("…经授权发布") names its outlet; a mirror's disclaimer ("本文转载自
    // 微信公众号“X”，版权归原作者所有") credits the account it copied, which is no 来源.
    const licensed = /经授权|授权发布|授权转载/.test(line.text);
    return { source: licensed ? cleanSource(m[1]) : null, author: writer === undefined ? null : namesOf(writer) };
  }
  return null;
}

/** "太原日报数字报", "晋中日报电子版": an e-paper system's name in `<title>`, the paper's name before it. */
const EPAPER_SITE_RE = /^([\u4e00-\u9fff]{2,10}(?:日报|晚报|早报|商报|时报|周报|报))(?:社)?(?:数字报刊?|数字版|电子报|电子版|数字报纸)(?:平台|网)?$/;
const TITLE_PARTS_RE = /\s*(?:--|[-_|｜—–·•])\s*/;

/**
 * An e-paper article (数字报) prints no 来源: the paper is named by its masthead and by the system's
 * `<title>` ("太原日报数字报-headline"). Read only where `<title>` names an e-paper system.
 */
export function epaperMasthead(scan: PageScan): string | null {
  for (const part of scan.titleTag.split(TITLE_PARTS_RE)) {
    const m = EPAPER_SITE_RE.exec(part.trim());
    if (m?.[1] !== undefined) return cleanSource(m[1]);
  }
  return null;
}

export function metaSource(scan: PageScan): string | null {
  for (const key of SOURCE_META_KEYS) {
    const value = scan.metas.get(key);
    if (value !== undefined) {
      const clean = cleanSource(value);
      if (clean !== null && !/^https?:/i.test(clean)) return clean;
    }
  }
  return null;
}

/**
 * English bylines: "By Soo-min Kang and Daniel Whitaker", "By Nathan Hsu and Priya Raman, CNN",
 * "By WANG XIAOYU in Shanghai | chinadaily.com.cn | Updated: …", "KENJI SATO, Nikkei staff writer".
 * The names as printed (their joiners kept); the place after "in", the affiliation after the last
 * comma and what follows a bar are not names.
 */
const EN_NAME = "[A-Z][\\p{L}'’.-]*(?:\\s+(?:(?:de|van|von|da|di|del|bin|al)\\s+)?[A-Z][\\p{L}'’.-]*){0,3}";
const EN_NAMES_RE = new RegExp(`^${EN_NAME}(?:(?:\\s*,\\s*|\\s+(?:and|&)\\s+|\\s*,\\s*and\\s+)${EN_NAME}){0,5}$`, 'u');
/** What follows the names' last comma when it is their affiliation, not one more name. */
const AFFILIATION_RE =
  /^(?:[A-Z]{2,6}(?:\s+[A-Z][a-z]+)?|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}|.*\b(?:[a-z]+\s+)?(?:writer|writers|correspondent|reporter|editor|contributor|staff|News|Press|Times|Post|Daily|Reuters|Bloomberg|AFP|Xinhua)\b.*)$/;
const MAX_EN_BYLINE_CHARS = 120;
/** A date cue or a job title after the names, with no comma before it. */
const EN_BYLINE_TAIL_RE =
  /(?:\s+(?:Updated|Published|Posted|Modified)\b.*|(?:\s+(?:Business|Senior|Staff|Contributing|Chief|Political|Foreign|Opinion))?\s+(?:Columnist|Writer|Reporter|Correspondent|Editor|Contributor)s?)$/;
/** Capitalised words that are no names: "By The Associated Press", "By Staff". */
const NOT_EN_NAMES_RE = /^(?:The|Our|Staff|Agencies|Reuters|Bloomberg|AFP|AP)\b/;

export function englishNames(raw: string): string | null {
  let value = raw.split(/\s+[|｜]\s+/)[0]!.trim();
  value = value.replace(/^(?:by|BY|By)[\s\u00a0]+/, '');
  const comma = value.lastIndexOf(',');
  if (comma > 0 && AFFILIATION_RE.test(value.slice(comma + 1).trim()) && !/\s(?:and|&)\s/.test(value.slice(comma + 1))) {
    value = value.slice(0, comma);
  }
  // What a byline block prints after the names: "Updated Nov 13", "Business Columnist".
  value = value.replace(EN_BYLINE_TAIL_RE, '');
  // "in Athens", "in Shanghai and Beijing": where the writers file from.
  value = value.replace(/\s+in\s+[A-Z][\p{L} .'’-]*(?:\s+and\s+[A-Z][\p{L} .'’-]*)?$/u, '').trim();
  value = value.replace(/[\s\u00a0]+/g, ' ');
  if (value.length < 3 || value.length > 80 || !EN_NAMES_RE.test(value) || NOT_EN_NAMES_RE.test(value)) return null;
  return value;
}

/** A short line under the headline that opens with "By " and names people. */
export function englishByline(lines: Line[], anchor: number): string | null {
  for (let i = Math.max(anchor + 1, 0); i <= anchor + META_WINDOW_AFTER && i < lines.length; i++) {
    const line = lines[i]!;
    if (line.comment || line.text.length > MAX_EN_BYLINE_CHARS || !/^By[\s\u00a0]+[A-Z]/.test(line.text)) continue;
    const names = englishNames(line.text);
    if (names !== null) return names;
  }
  return null;
}

/**
 * Wire credits under the story: "Reporting by A in Seoul; Editing by B", "(Reporting by A; Editing
 * by B and C)". The editor is who edited it.
 */
export const EN_CREDIT_LINE_RE =
  /^\(?\s*(?:(?:Additional\s+)?(?:reporting|writing|reported|written|compiled)\s+by\b[^()]*?;\s*)+(?:Edited|Editing)\s+by\s+([^;()]+?)\s*\)?\s*\.?$/i;
export function englishEditing(lines: Line[], anchor: number): string | null {
  for (let i = Math.max(anchor + 1, 0); i < lines.length; i++) {
    const line = lines[i]!;
    if (line.comment || line.text.length > 300) continue;
    const m = EN_CREDIT_LINE_RE.exec(line.text);
    const names = m?.[1] === undefined ? null : englishNames(m[1]);
    if (names !== null) return names;
  }
  return null;
}

/**
 * The writers that JSON-LD credits (`"author": {"@type": "Person", "name": …}`), when a short line
 * under the headline shows them: the line's span from the first name to the last, as printed.
 */
export function jsonLdAuthorShown(scan: PageScan, anchor: number): string | null {
  const names: string[] = [];
  const collect = (author: unknown): void => {
    if (Array.isArray(author)) {
      for (const a of author) collect(a);
    } else if (typeof author === 'string') {
      names.push(author);
    } else if (author !== null && typeof author === 'object') {
      const o = author as Record<string, unknown>;
      if (o['@type'] !== undefined && o['@type'] !== 'Person') return;
      if (typeof o.name === 'string') names.push(o.name);
    }
  };
  const visit = (node: unknown, depth: number): void => {
    if (depth > 4 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const n of node) visit(n, depth + 1);
      return;
    }
    const o = node as Record<string, unknown>;
    if ('author' in o) collect(o.author);
    if ('@graph' in o) visit(o['@graph'], depth + 1);
  };
  for (const json of scan.jsonLd) {
    // Cheap test first: most JSON-LD blocks credit no author.
    if (!json.includes('"author"')) continue;
    try {
      visit(JSON.parse(json), 0);
    } catch {
      // A broken JSON-LD block says nothing.
    }
    if (names.length > 0) break;
  }
  // Latin-script names of people only: on Chinese platforms the JSON-LD "author" is the posting
  // account (a self-media name, a recipe uploader), elsewhere often the outlet or a wire ("Reuters",
  // "PTI", "The Associated Press"); a person is credited with a given name and a family name.
  const wanted = names
    .map((n) => collapseSpaces(n))
    .filter(
      (n) =>
        n.length >= 3 &&
        n.length <= 40 &&
        n.includes(' ') &&
        !NOT_EN_NAMES_RE.test(n) &&
        !/^https?:/i.test(n) &&
        !/[\u3040-\u9fff\uac00-\ud7af]/.test(n),
    );
  if (wanted.length === 0 || wanted.length !== names.length) return null;
  for (let i = Math.max(anchor + 1, 0); i <= anchor + META_WINDOW_AFTER && i < scan.lines.length; i++) {
    const line = scan.lines[i]!;
    if (line.comment || line.text.length > MAX_DATE_LINE_CHARS + 12) continue;
    const starts = wanted.map((n) => line.text.indexOf(n));
    if (starts.some((s) => s < 0)) continue;
    // A line that credits a 来源 or an editor with these names is not their byline.
    if (labelledFields(line.text).some((f) => f.kind === 'editor' || f.kind === 'source')) continue;
    const from = Math.min(...starts);
    const to = Math.max(...starts.map((s, k) => s + wanted[k]!.length));
    const shown = line.text.slice(from, to);
    return englishNames(shown) ?? cleanPerson(shown, 'author');
  }
  return null;
}

/**
 * "By X | China Daily | Updated: 2024-05-20 09:12": an English meta line of bar-separated items, one
 * the byline, one the date; the item left between them, a single outlet name or a domain, is the 来源.
 */
const EN_OUTLET_RE = /^(?:(?:[a-z0-9-]+\.)+[a-z]{2,}|[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})$/;
export function englishBarOutlet(lines: Line[], anchor: number, ctx: DateContext): string | null {
  for (let i = Math.max(anchor + 1, 0); i <= anchor + META_WINDOW_AFTER && i < lines.length; i++) {
    const line = lines[i]!;
    if (line.comment || line.text.length > MAX_META_LINE_CHARS || !/\s[|｜]\s/.test(line.text) || !/^By\s/.test(line.text)) continue;
    const items = line.text.split(/\s+[|｜]\s+/).map((item) => item.trim());
    if (items.length < 3 || englishNames(items[0]!) === null) continue;
    const rest = items.slice(1).filter((item) => findDates(item, ctx).length === 0);
    // One item left besides the dates: the outlet; none dated means no meta line.
    if (rest.length !== 1 || rest.length === items.length - 1) continue;
    const outlet = rest[0]!;
    if (EN_OUTLET_RE.test(outlet)) return cleanSource(outlet);
  }
  return null;
}

/**
 * A lead that opens with a wire's dateline, "NEW YORK (Reuters) -", "(Bloomberg) --": a story another
 * outlet wrote. The wire is the 来源 when it is not the site itself (its name or host).
 */
const WIRE_DATELINE_RE = /^(?:[A-Z][A-Za-z.'’/-]*[\s,]+){0,6}\(([A-Z][A-Za-z&.]*(?:\s[A-Z][A-Za-z&.]*){0,3})\)\s*(?:--?|—|–)\s/;
export function wireAgency(scan: PageScan, anchor: number, host: string): string | null {
  let longLines = 0;
  for (let i = Math.max(anchor + 1, 0); i <= anchor + META_WINDOW_AFTER + 10 && i < scan.lines.length; i++) {
    const line = scan.lines[i]!;
    if (line.comment || line.text.length < 60) continue;
    const m = WIRE_DATELINE_RE.exec(line.text);
    // The dateline opens the lead: a caption or a standfirst may come before it, a few long lines at most.
    if (m?.[1] === undefined) {
      if (++longLines >= 3) return null;
      continue;
    }
    const key = m[1].toLowerCase().replace(/[^a-z]/g, '');
    const site = `${scan.metas.get('og:site_name') ?? ''} ${host}`.toLowerCase().replace(/[^a-z]/g, '');
    if (key.length < 2 || site.includes(key)) return null;
    return cleanSource(m[1]);
  }
  return null;
}
