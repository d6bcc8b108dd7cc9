/**
 * Is a page an article, a list (hub) or something else? A site profile's URL patterns decide
 * when there is one; otherwise the page decides: an article has a date and a body of real length,
 * a list has many similar links in repeated list items.
 */
import type { SiteProfile } from '../extract/profiles/schema.js';
import type { PageKind } from '../store/types.js';
import type { Article } from '../types.js';
import type { FoundLink } from './links.js';

/** URL shapes of article pages on the common portal CMSes (DESTOON, DedeCMS, PHPCMS, EmpireCMS, TRS). */
const ARTICLE_URL = [
  /\/show[-_]\d+(-\d+)*\.s?html?$/i, // DESTOON show-123.html, PHPCMS show-12-34-1.html
  /\/\d{4}\/\d{4}\/\d+\.s?html?$/i, // DedeCMS /2022/0227/123.html
  /\/\d{4}[-/]?\d{2}[-/]?\d{2}\/[^/]*\d+[^/]*\.s?html?$/i, // /20220227/abc123.html, /2022-02-27/1.html
  /\/\d{4}\/\d{1,2}\/\d{1,2}\/[^/]*\d+[^/]*\.s?html?$/i, // Hanweb jcms /art/2023/4/12/art_1229_5678.html
  /\/\d{6}\/[^/]*\d+[^/]*\.s?html?$/i, // /202202/t20220227_123.html
  /\/t\d{8}_\d+\.s?html?$/i, // TRS /t20220227_123.html
  /content[_-]\d+\.s?html?$/i, // content_123.htm
  /\/a\/\d+\.s?html?$/i, // /a/123.html
  /\/(article|articles|news|detail|details|view|info)\/\d+(\.s?html?)?$/i,
  /\/(article|detail|view|show|content)\.(php|asp|aspx|jsp)\?.*\b(id|aid|itemid|articleid|newsid)=\d+/i,
  /[?&](id|aid|itemid|articleid|newsid|contentid)=\d+/i,
  /\/html\/(\w+\/)*\d+(_\d+)?\.s?html?$/i,
  /\/\d{5,}\.s?html?$/i,
];

/**
 * Dynamic article URLs that also carry a list page's parameters (catid, classid): decided before
 * LIST_URL, which would otherwise read them as lists.
 */
const DYNAMIC_ARTICLE_URL = [
  /[?&]a=show(?:&|$)/i, // PHPCMS v9 index.php?m=content&c=index&a=show&catid=6&id=12
  /\/e\/action\/ShowInfo\.php\?/i, // Empire CMS /e/action/ShowInfo.php?classid=2&id=20
  // An item page by name with its id: detail.jsp?id=88&catid=2, show.asp?classid=3&id=5.
  /\/(?:detail|details|show|view|content|article|info|news_?detail)\.(?:php|asp|aspx|jsp|do)\?(?:.*&)?(?:id|aid|itemid|articleid|newsid|contentid|infoid)=\d+/i,
  // Joomla! without SEF URLs: index.php?option=com_content&view=article&id=12:slug&catid=8&Itemid=101.
  /[?&]view=article(?:&|$)/i,
  // Drupal's own address of a node (/node/123), whatever its path alias.
  /\/node\/\d+\/?$/i,
];

/** URL shapes of list (hub) pages. */
const LIST_URL = [
  /\/list[-_]\d+([-_]\d+)*\.s?html?$/i, // list_12_3.html, list-2.html
  /\/list\.(php|asp|aspx|jsp)/i,
  /\/index[-_]\d+\.s?html?$/i, // index_2.html
  /\/(index|default)\.s?html?$/i,
  /[?&](page|p|pn|pageno|page_no|catid|tid|classid|typeid)=\d+/i,
  // Joomla! lists: a category (blog or list layout), the featured items, the archive.
  /[?&]view=(?:category|categories|featured|archive|section|frontpage)(?:&|$)/i,
  // Joomla!'s paging of a list: ?start=10 (SEF), &limitstart=10.
  /[?&](?:start|limitstart)=\d+(?:&|$)/i,
  // WordPress plain permalinks: a category, an author, a month (?m=202405), a page of posts.
  /[?&](?:cat|author|paged)=\d+|[?&]m=\d{6,8}(?:&|$)/i,
  /\/(list|lists|category|column|channel|node|class)[/_-]/i,
  // A folder (/news/, /gnxw/) is a section; a long hyphenated slug with a slash is a post.
  /^(\/[^/?]{0,24})*\/$/,
];

function compile(patterns: string[] | undefined): RegExp[] {
  const out: RegExp[] = [];
  for (const p of patterns ?? []) {
    try {
      out.push(new RegExp(p));
    } catch {
      // profiles are validated when loaded; an invalid pattern here is ignored rather than fatal
    }
  }
  return out;
}

export class UrlClassifier {
  private readonly profileArticle: RegExp[];
  private readonly profileList: RegExp[];

  constructor(profile: SiteProfile | null = null) {
    this.profileArticle = compile(profile?.urls?.article);
    this.profileList = compile(profile?.urls?.list);
  }

  /** What the profile says the URL is; null when the profile has no opinion. */
  byProfile(url: string): PageKind | null {
    if (this.profileArticle.some((re) => re.test(url))) return 'article';
    if (this.profileList.some((re) => re.test(url))) return 'list';
    return null;
  }

  private readonly hints = new Map<string, PageKind | null>();

  /** Best guess from the URL alone, before fetching (memoised: a page's links repeat). */
  hint(url: string): PageKind | null {
    let kind = this.hints.get(url);
    if (kind === undefined) {
      kind = this.guess(url);
      if (this.hints.size >= 50_000) this.hints.clear();
      this.hints.set(url, kind);
    }
    return kind;
  }

  private guess(url: string): PageKind | null {
    const byProfile = this.byProfile(url);
    if (byProfile) return byProfile;
    let path: string;
    try {
      const u = new URL(url);
      path = u.pathname + u.search;
    } catch {
      return null;
    }
    if (DYNAMIC_ARTICLE_URL.some((re) => re.test(path))) return 'article';
    if (LIST_URL.some((re) => re.test(path))) return 'list';
    if (ARTICLE_URL.some((re) => re.test(path))) return 'article';
    return null;
  }
}

/** How many characters a body needs to count as an article (Chinese news: a few sentences). */
export const MIN_ARTICLE_BODY = 120;
/** A dated notice on an article-shaped URL may be this short. */
const MIN_SHORT_ARTICLE_BODY = 40;
/** How many links in repeated list items make a hub. */
const MIN_LIST_LINKS = 6;
/**
 * An undated page on a URL that does not look like an article needs this much body to count as
 * one: a portal's "关于我们" or "广告服务" page has a few paragraphs and no date, where the undated
 * articles of the corpus (forum posts, book chapters) run past 1,400 characters.
 */
const MIN_UNDATED_ARTICLE_BODY = 1000;
/**
 * Headlines of a site's own pages, linked from every menu and footer: never news, whatever their
 * length or the date printed on them.
 */
const SITE_PAGE_TITLE =
  /^(关于我们|关于本站|联系我们|联系方式|网站简介|本站简介|公司简介|单位简介|网站介绍|广告服务|广告合作|广告刊例|招聘信息|人才招聘|诚聘英才|免责声明|版权声明|法律声明|隐私政策|隐私声明|网站地图|会员服务|服务条款|用户协议|注册协议|意见反馈|投稿须知|投稿指南|合作伙伴|友情链接|帮助中心|使用帮助)$/;

/**
 * An undated page titled as the site's or an organisation's introduction ("宁波商讯网简介", "本会概况"):
 * a page of the site, not news.
 */
const SITE_INTRO_TITLE = /^.{0,12}(简介|介绍|概况|章程|致辞)(?:[（(][^（）()]{0,12}[）)])?$/;
/**
 * Special-topic pages (专题): a headline, an intro and the topic's articles; a hub, not an article.
 * Only a topic's own index (/zhuanti/lianghui/, Discuz! portal.php?mod=topic): the articles inside
 * a topic folder have article URLs of their own.
 */
const TOPIC_URL = /\/(?:zhuanti|zt|special|specials|topic|topics)\/(?:[^/?]+\/)?(?:index\.s?html?)?(?:\?|$)|[?&]mod=topic\b/i;
/**
 * A special topic's own headline, wherever its URL: "专题：2024宁波外贸新观察", "【专题】…",
 * "2024全国两会专题". Stories about a topic ("召开专题会议") do not end in 专题.
 */
const TOPIC_TITLE = /^[【[]?\s*(?:专题|專題|专栏|特别策划|特别报道)\s*[】\]：:｜|]|(?:专题|專題)$/;
/** `<title>` "2024宁波外贸新观察_专题_宁波商讯网": a part that is only the word 专题 (the column). */
const TOPIC_COLUMN_RE = /(?:^|[_|｜\-–—])\s*(?:专题|專題|专题报道|专题专栏)\s*(?:[_|｜\-–—]|$)/;
/** A topic's headline over this much text is a story: its intro is a few lines. */
const MAX_TOPIC_INTRO = 600;
/**
 * The heading of a blog's archive pages: "标签：政策解读", "分类：企业家手记", "Archives: May 2023",
 * or a bare month or day ("2023年5月"). The first entry's date and counter make such a page look
 * like a story.
 */
const ARCHIVE_TITLE =
  /^(?:标签|分类|栏目|归档|文章归档|作者|月份|年份|日|Tags?|Category|Categories|Archives?|Author|Month|Year|Day)\s*[:：]|^\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?(?:的?(?:文章|存档|归档))?$|^\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?$/i;
/**
 * A forum thread (Discuz! forum.php?mod=viewthread&tid=5 and thread-5-1-1.html, phpBB viewtopic.php,
 * vBulletin showthread.php, PHPWind read.php?tid=): members' posts, not the portal's articles.
 */
const FORUM_THREAD_URL =
  /[?&]mod=viewthread(?:&|$)|\/thread-\d+-\d+-\d+\.html?$|\/(?:viewtopic|showthread)\.php\?|\/read\.php\?(?:.*&)?tid=\d+/i;
/** Separators of a `<title>`'s parts: "headline | site", "headline_column_site", "headline - site". */
const TITLE_PART_SEPARATOR = /\s+[|｜–—-]\s+|\s*[|｜_]\s*/;
/** Entries headed by their own links (h2 > a) that make a blog page a list. */
const MIN_HEADED_ENTRIES = 3;
/** Entry links that make a special-topic page a hub. */
const MIN_TOPIC_ENTRIES = 3;

export interface PageEvidence {
  url: string;
  article: Article;
  links: FoundLink[];
  /** The page's `<title>`, when known: its column part can name the page's kind ("…_专题_站点"). */
  titleTag?: string | null;
  /** The page's `<link rel="canonical">`, normalised, when known. */
  canonical?: string | null;
  /** A directory entry, not news: a B2B trade offer (price, minimum order…) or a member company's profile. */
  directoryEntry?: boolean;
  /** Whether a video player sits with the headline (a video story); asked only when it matters. */
  player?: () => boolean;
}

/** Links that look like entries of a list of articles: in repeated items, with a headline-length text. */
export function listEntryLinks(links: FoundLink[], classifier: UrlClassifier): FoundLink[] {
  return links.filter(
    // A headline link (h2 > a) is an entry whatever its URL looks like (WordPress posts are ?p=123).
    (l) => (l.role === 'list-item' || l.role === 'content') && l.text.length >= 6 && (l.heading === true || classifier.hint(l.url) !== 'list'),
  );
}

/** The last part of a `<title>` of two parts or more: the site's name. */
function siteNameOf(titleTag: string | null | undefined): string | null {
  if (!titleTag) return null;
  const parts = titleTag.split(TITLE_PART_SEPARATOR).map((p) => p.trim()).filter((p) => p !== '');
  return parts.length >= 2 ? parts[parts.length - 1]! : null;
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return '';
  }
}

export function classifyPage(evidence: PageEvidence, classifier: UrlClassifier): PageKind {
  const byProfile = classifier.byProfile(evidence.url);
  if (byProfile) return byProfile;
  const { article } = evidence;
  const body = article.body ?? '';
  const bodyLength = body.replace(/\s+/g, '').length;
  const hasDate = article.publishedAt !== null;
  const hasTitle = article.title !== null;
  const urlHint = classifier.hint(evidence.url);
  const entryLinks = listEntryLinks(evidence.links, classifier);
  const entries = entryLinks.length;
  const paged = evidence.links.some((l) => l.role === 'next-page' || l.role === 'pager');
  const title = (article.title ?? '').trim();
  if (evidence.directoryEntry) return 'other';
  if (FORUM_THREAD_URL.test(pathOf(evidence.url))) return 'other';
  if (entries >= MIN_TOPIC_ENTRIES && ARCHIVE_TITLE.test(title)) return 'list';
  // The headline is an entry's heading link to another page (a blog index's last page holding
  // one whole post): the story lives at that link, this page only shows it.
  if (title !== '' && entryLinks.some((l) => l.heading === true && l.text.trim() === title && l.url !== evidence.canonical)) return 'list';
  // The headline is the site's name (a blog's index: "东阳商会博客 | 东阳商会博客"), over entries.
  if (entries >= MIN_TOPIC_ENTRIES && title !== '' && siteNameOf(evidence.titleTag) === title) return 'list';
  // A blog's index or author page: entries each headed by a link, the "headline" being one of them.
  if (entryLinks.filter((l) => l.heading).length >= MIN_HEADED_ENTRIES && entryLinks.some((l) => l.text.trim() === title)) {
    return 'list';
  }
  // The "headline" is only the site's name (the last part of the <title>): the page has no
  // headline of its own (a guestbook, a member page, a dated notice board), whatever dates it shows.
  // (Over entries it was taken for a blog's index above.)
  if (title !== '' && urlHint !== 'article' && siteNameOf(evidence.titleTag) === title) return 'other';
  if (urlHint !== 'article' && SITE_PAGE_TITLE.test(title)) return 'other';
  if (!hasDate && urlHint !== 'article' && SITE_INTRO_TITLE.test(title)) return 'other';
  if (entries >= MIN_TOPIC_ENTRIES && TOPIC_URL.test(pathOf(evidence.url))) return 'list';
  if (
    entries >= MIN_LIST_LINKS &&
    bodyLength < MAX_TOPIC_INTRO &&
    (TOPIC_TITLE.test(title) || TOPIC_COLUMN_RE.test(evidence.titleTag ?? ''))
  ) {
    return 'list';
  }

  // A "body" made only of the entries' headlines and their cut-off teasers (a calendar day or a
  // short list page listing two stories under a dated heading): a list, however short.
  if (body !== '' && entryLinks.length >= 2) {
    const lines = body.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    const entryTexts = entryLinks.map((l) => l.text.trim()).filter((t) => t.length >= 8);
    const listish = lines.filter((l) => /(\.{3}|…)\s*$/.test(l) || entryTexts.some((t) => l.startsWith(t)));
    if (lines.length >= 2 && listish.length === lines.length && entryTexts.some((t) => lines.some((l) => l.startsWith(t)))) return 'list';
  }
  if (hasTitle && bodyLength >= MIN_ARTICLE_BODY) {
    // A list with teasers gives the extractor "a body": one made of the entries' headlines.
    const headlines = entryLinks.filter((l) => l.text.length >= 8 && body.includes(l.text));
    const headlineChars = headlines.reduce((n, l) => n + l.text.replace(/\s+/g, '').length, 0);
    if (headlines.length >= 3 && headlineChars * 6 >= bodyLength) return 'list';
    // ... or of teasers, each cut off with an ellipsis.
    const lines = body.split('\n').filter((l) => l.trim() !== '');
    const teasers = lines.filter((l) => /(\.{3}|…)\s*$/.test(l)).length;
    if (teasers >= 3 && teasers * 2 >= lines.length) return 'list';
    // A section name for a title over a list-shaped, paging URL.
    const sectionTitle = (article.title ?? '').length < 6;
    if (sectionTitle && urlHint === 'list' && (entries >= 4 || (paged && entries >= 2))) return 'list';
    // ... or over a pager and entries headed by their links, on an address of no known shape
    // (a Joomla! SEF category, /news.html).
    if (sectionTitle && urlHint === null && paged && entryLinks.filter((l) => l.heading).length >= 2) return 'list';
    // Without a date, a list-shaped URL that pages through entries is a list with an intro.
    if (!hasDate && urlHint === 'list' && (entries >= 4 || (paged && entries >= 2))) return 'list';
    // Losing an article costs more than storing a hub: a real body makes it an article; without
    // a date, only on an article-shaped URL or when it is long (the site's own pages are short).
    if (hasDate || urlHint === 'article') return 'article';
    if (urlHint !== 'list' && bodyLength >= MIN_UNDATED_ARTICLE_BODY) return 'article';
  }
  // A short notice: a few lines under its own dated headline, not a section name or an entry's.
  const ownHeadline = title.length >= 8 && !entryLinks.some((l) => l.text === title);
  if (hasDate && ownHeadline && bodyLength >= MIN_SHORT_ARTICLE_BODY && urlHint !== 'list') return 'article';
  // A photo story: on an article-shaped URL, a dated headline over photos whose captions are the
  // only text (captions never count as body).
  if (hasDate && ownHeadline && urlHint === 'article' && article.images.length > 0) return 'article';
  // A video story: the same, a player in place of the photos, its text a synopsis at most.
  if (hasDate && ownHeadline && urlHint === 'article' && evidence.player?.() === true) return 'article';
  // A short list (the last page of a section) still pages, or has a list-shaped URL.
  if (entries >= MIN_LIST_LINKS || (paged && entries >= 2) || (urlHint === 'list' && entries >= 3)) return 'list';
  return 'other';
}
