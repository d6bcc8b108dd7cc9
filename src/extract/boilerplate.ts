/**
 * What is not article text, as named vocabularies: class/id words of navigation, sidebars,
 * related lists and footers; the lines portals print around an article (hot-search bar, ICP
 * footer, share bar, 上一篇/下一篇, page navigation); and the headings after which only a related
 * list follows. The body stage reads these tables; nothing else decides what boilerplate is.
 */

/**
 * Class/id words of blocks that never hold the article: navigation, sidebars, related and
 * ranking lists, comments, share bars, footers, ads. Matched as whole words of a class or id
 * ("side-bar", "hot_news", "relatedList"), so "content" or "articleBody" never trip it.
 */
const BOILERPLATE_WORDS = [
  'nav',
  'navbar',
  'menu',
  'footer',
  'foot',
  'sidebar',
  'side',
  'aside',
  'sider',
  'related',
  'relate',
  'relevant',
  'xgxw', // 相关新闻
  'xgwz', // 相关文章
  'recommend',
  'recom',
  'tuijian',
  'comment',
  'comments',
  'pinglun',
  'reply',
  'share',
  'bdshare',
  'jiathis',
  'hot',
  'hots',
  'hotnews',
  'rank',
  'ranking',
  'paihang',
  'copyright',
  'copy',
  'banquan',
  'crumb',
  'crumbs',
  'breadcrumb',
  'position',
  'location',
  'pagination',
  'pages', // DESTOON div.pages, PHPCMS div#pages: page navigation of a multi-page article
  'paging',
  'pagenav',
  'pagebar',
  'pagelist',
  'pager',
  'prenext',
  'np', // DESTOON 3.0 上一篇/下一篇
  'keytags',
  'tags',
  'keywords',
  'ad',
  'ads',
  'advert',
  'advertisement',
  'guanggao',
  'gg',
  'banner',
  'toolbar',
  'tool',
  'tools',
  'print',
  'digg',
  'newdigg',
  'login',
  'search',
  'subscribe',
  'qrcode',
  'qr', // Sina div.appendQr_wrap: "海量资讯、精准解读，尽在新浪财经APP"
  'erweima',
  'ewm',
  'friendlink',
  'links',
  'weixin',
  'wechat',
  'disclaimer',
  'statement',
  'shengming',
  'stats', // counters beside the headline: "126人做过这道菜", "2381 人收藏"
  'collect', // the bookmark button and its count
  'promo', // promo boxes inside a story: "The … newsletter … Sign up here."
  'newsletter',
] as const;

/** Class/id words of the element that usually holds the article text. */
const CONTENT_WORDS = [
  'article',
  'content',
  'contents',
  'body',
  'text',
  'main',
  'post',
  'entry',
  'detail',
  'details',
  'story',
  'zoom', // government CMSes: div#zoom
  'artibody',
  'con',
  'cont',
  'txt',
  'news',
  'zw', // 正文
  'zhengwen',
  'neirong',
  'trs',
  'editor',
  'showcontent',
  'ctext',
] as const;

const BOILERPLATE_WORD_SET: ReadonlySet<string> = new Set(BOILERPLATE_WORDS);
const CONTENT_WORD_SET: ReadonlySet<string> = new Set(CONTENT_WORDS);

/** Splits "relatedList side_bar hot-news" into words: separators and camelCase humps. */
const WORD_SPLIT_RE = /[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])/;

const FACT_SHEET_RE = /(?:^|[\s_-])basic-?info(?:$|[\s_-])/i;

export type BlockRole = 'boilerplate' | 'content' | 'neutral';

/** What the class and id of an element say about it. Boilerplate wins over content. */
export function classRole(className: string | undefined, id: string | undefined): BlockRole {
  if (!className && !id) return 'neutral';
  // A fact sheet of label and value cells (百度百科 div.basic-info, dl.basicInfo-block): data, not prose.
  if (FACT_SHEET_RE.test(`${className ?? ''} ${id ?? ''}`)) return 'boilerplate';
  const words = `${className ?? ''} ${id ?? ''}`.split(WORD_SPLIT_RE);
  let content = false;
  for (const raw of words) {
    if (raw.length === 0) continue;
    const word = raw.toLowerCase();
    if (BOILERPLATE_WORD_SET.has(word)) return 'boilerplate';
    if (CONTENT_WORD_SET.has(word)) content = true;
  }
  return content ? 'content' : 'neutral';
}

/**
 * Class/id words of a web video player. Its text is its controls ("倍速", "2.0X", "00:00/00:00",
 * "正在为您切换到高清") and error notices, never the story, however much of the container it fills.
 * A bare "player" is not enough: sports tables name their rows after players ("player-2020-223").
 */
const PLAYER_WORDS: ReadonlySet<string> = new Set([
  'mplayer',
  'xgplayer',
  'dplayer',
  'jwplayer',
  'tcplayer',
  'ckplayer',
  'aliplayer',
  'vjs', // video.js: "vjs-control-bar"
]);

/** Whether the class or id names a video player or a part of one ("video-player", "xgplayer-controls"). */
export function isPlayerChrome(className: string | undefined, id: string | undefined): boolean {
  if (!className && !id) return false;
  let previous = '';
  for (const raw of `${className ?? ''} ${id ?? ''}`.split(WORD_SPLIT_RE)) {
    if (raw.length === 0) continue;
    const word = raw.toLowerCase();
    if (PLAYER_WORDS.has(word) || (word === 'player' && previous === 'video')) return true;
    previous = word;
  }
  return false;
}

/** Elements that are page furniture by their very tag. */
export const BOILERPLATE_TAGS: ReadonlySet<string> = new Set(['nav', 'aside', 'footer', 'form', 'header', 'menu']);

/**
 * Whole lines that are portal furniture wherever they appear. Each entry says why.
 * Lines are matched after whitespace was collapsed.
 */
const BOILERPLATE_LINE_PATTERNS: readonly RegExp[] = [
  // ICP licence / public-security filing / copyright footer (GNE's most common wrong body). Not a
  // sentence that merely mentions 版权所有者: a clause comma before a full stop is prose.
  /^(?!.*[，,].*[。.!?！？]["”’」』)）]?$).*(?:ICP[备证]|公网安备|版权所有|Copyright|©|\(c\)\s*\d{4}|All Rights Reserved|违法和不良信息举报|互联网新闻信息服务许可)/i,
  // "(本文发表于…, 已被阅读178次)": a view counter in brackets.
  /^[（(].{0,40}(?:已被阅读|被阅读|阅读|浏览|点击)\s*[:：]?\s*\d+\s*次?\s*[)）]$/,
  // A line that is only the reporters: "澎湃新闻记者 段彦超 廖艳", "□ 本报记者 葛灵丹", "大公報記者 黃寶儀",
  // "21世纪经济报道记者 林晓 北京报道", "华夏时报（www.chinatimes.net.cn）记者 冯晓晨 北京报道".
  /^[□■●]?\s*(?:[\u4e00-\u9fff\w]{0,12}(?:[（(][\w.:/-]{4,40}[)）])?)?\s*(?:记者|記者|通讯员|通訊員|实习生|實習生)[\s:：]*[\u4e00-\u9fff·]{2,4}(?:[\s、,，]+(?:(?:记者|記者|通讯员|通訊員|实习生|實習生)[\s:：]*)?[\u4e00-\u9fff·]{2,4}){0,4}$/,
  // Taiwan and Hong Kong wire bylines: "記者陳怡君／台中報導", "記者 王小明 綜合報導".
  /^[\u4e00-\u9fff]{0,8}(?:记者|記者|通讯员|通訊員)[\s:：]*[\u4e00-\u9fff·]{2,4}(?:[\s、,，]+[\u4e00-\u9fff·]{2,4}){0,3}(?:\s*[/／]\s*|\s+)[\u4e00-\u9fff]{0,6}(?:报道|報導|報道)$/,
  // "该菜谱创建于 2022-11-05", "发布于 2023-06-16 09:12": a date with its verb and nothing else.
  /^.{0,12}(?:发布|發布|发表|發表|创建|創建|更新|上传|上傳)于\s*(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?$/,
  // "报道：陈佳慧　摄影：林明": Malaysian and Singaporean papers credit the reporter with 报道.
  /^(?:报道|報導|采访|採訪)\s*[:：]\s*[\u4e00-\u9fff·]{2,4}(?:[\s、,，]+[\u4e00-\u9fff·]{2,4}){0,3}(?:\s+(?:摄影|攝影|摄|攝|图|圖)\s*[:：]\s*[\u4e00-\u9fff·]{2,4}(?:[\s、,，]+[\u4e00-\u9fff·]{2,4}){0,3})?$/,
  // Nothing but a slider's arrows: "<>", "‹ ›", "◀ ▶" (a table's "—" for no value stays).
  /^[\s<>‹›«»←→◀▶◁▷❮❯⟨⟩]+$/,
  // Decorative end markers of WeChat articles: "- END -", "—— END ——".
  /^[-—–_=~·*\s]+END[-—–_=~·*\s]+$/i,
  // Previous/next article links.
  /^[[【(（]?\s*(?:上一篇|下一篇|上一条|下一条|上篇|下篇|前一篇|后一篇|上一则|下一则)\s*(?:[:：】\]]|\s|$)/,
  // Share bars and tool links.
  /^(?:分享到|分享至|转发到|一键分享|分享给|扫一扫|扫描二维码|微信扫一扫|手机扫一扫|用微信扫)/,
  /(?:打印本[页文]|打印文章|关闭窗口|返回顶部|加入收藏|设为首页|【\s*打印\s*】|【\s*关闭\s*】|\[\s*打印\s*\]|\[\s*关闭\s*\])/,
  // Hot-search bars ("推广 热搜: …") and tag rows.
  /^(?:推广\s*)?(?:热搜|热门搜索|热门标签|热门关键词|相关热词搜索|热词)\s*[:：]?/,
  // "更多>同类资讯", "更多>>".
  /^更多\s*[>＞»›]|^查看更多|^点击查看更多|^[>＞»]+\s*更多/,
  // Complaint/tip-off contacts under the article.
  /^(?:投诉邮箱|投稿邮箱|举报邮箱|举报电话|投诉电话|新闻热线|爆料热线)\s*[:：]/,
  // Submission calls with an address: "上報歡迎各界投書，來稿請寄至editor@upmedia.mg", "欢迎投稿：tougao@…".
  // A named contact ("联系人：刘建军 … 电子邮箱：…") is part of a notice, not a call for submissions.
  /^(?!.*联系人\s*[:：])(?=.{0,80}$).*(?:投稿|来稿|來稿|投書|投书|爆料|联系|聯絡|联络).*[\w.+-]+@[\w-]+\.[\w.]+/,
  // Blanket picture credits: "图片均来自网络", "配图来源于网络".
  /^[（(]?\s*(?:本文)?(?:图片|配图|图文)(?:均)?(?:来自|来源于|源于|来源[:：]?|取自)\s*(?:网络|互联网)/,
  // Back-to-portal links: "返回腾讯网首页>>".
  /^返回.{0,10}(?:首页|频道|列表)/,
  // WeChat account footers: "5、回复【美图】看看广州有多惊艳", "看都看完了，点【在看】试试".
  /^\d{1,2}\s*[、.．]\s*回复\s*[【“"]/,
  /点\s*[【“"]\s*在看\s*[】”"]|点个在看|分享[、，,]\s*点赞[、，,]\s*在看/,
  // Tag rows without spaces: "20190926|国贸|增长率|全球经济".
  /^(?!.*[。！？，])[^|｜]{1,24}(?:[|｜][^|｜]{1,24}){2,}$/,
  // Reprint bans: "39健康网(www.39.net)专稿，未经书面授权请勿转载。"
  /(?:未经|未經).{0,8}(?:授权|许可|同意|授權|許可).{0,8}(?:转载|轉載|复制|使用)/,
  // Production credits, one label a line: "总监制：邹 明", "审 读：崔向升", "策划：…".
  /^(?:总?监\s*制|审\s*读|审\s*核|审\s*校|校\s*对|统\s*筹|出\s*品|策\s*划|制\s*作|主\s*编|美\s*编|设\s*计|视\s*觉)\s*[:：]\s*\S.{0,15}$/,
  // Reader-interaction widgets.
  /^(?:顶一下|踩一下|来顶一下|返回首页|我要评论|发表评论|网友评论|查看评论|已有\d+人参与|参与评论|点赞|收藏本文)/,
  /^\(?\s*共有?\s*\d+\s*条评论/,
  // "【字体：大 中 小】" on its own, or just "字号".
  /^[【[]?\s*字[体号號]\s*(?:[:：]|$)/,
  // Reprint notes: "原标题：…", "（原题为《…》）", "本文原标题：…", "(本文来自澎湃新闻…)".
  /^[（(【[]?\s*(?:本文)?原(?:标|題|标)?题(?:为|為)?\s*[:：《]/,
  /^[（(【[]?\s*本文(?:来自|转载自|转自|首发于|系)/,
  // Disclaimers: "声明：…", "免责声明：…", "本站郑重声明：…".
  /^[【[（(]?\s*(?:本站|本网|郑重|特别)?(?:郑重)?(?:免责)?声明\s*[:：】\]]/,
  // Staff credits: "编辑 刘晓阳 校对 李铭", "责编：甲 审核：乙".
  /^(?:(?:编辑|校对|审核|审校|责编|监制|统筹|主编|美编|终审|初审|复审)\s*[:：]?\s*(?:(?!编辑|校对|审核|审校|责编|监制|统筹|主编|美编|终审|初审|复审)[\u4e00-\u9fff、·]){2,8}\s*){2,}$/,
  // Desk credits with the desk's phone under market reports: "资讯监督：赵强 021-26093100", "分析师：王建 0571-88888888".
  /^(?:资讯|信息|新闻)?(?:编辑|监督|投诉|审核|分析师)\s*[:：]\s*[\u4e00-\u9fff·]{2,4}\s*(?:0\d{2,3}[-\s]?)?\d{7,8}$/,
  // One staff credit a line, set with a space instead of a colon: "编辑 刘洋" / "校对 张彤".
  /^(?:责任编辑|責任編輯|编辑|編輯|校对|校對|审核|審核|审校|责编|責編|美编|主编)[\s\u3000]+[\u4e00-\u9fff·]{2,4}$/,
  // Cover-picture credits: "封面图片来源：每日经济新闻 资料图", "题图：视觉中国", "头图来源｜IC photo".
  /^[（(]?\s*(?:封面|题图|題圖|头图|頭圖|首图)(?:图片|圖片|图|圖)?\s*(?:来源|來源|来自|來自)?\s*[:：|｜/]/,
  // WeChat/app calls to action: scan a QR code, follow, download.
  /^.{0,20}(?:二维码|扫码|长按识别|关注我们|关注公众号|下载客户端|下载.{0,10}(?:APP|应用程序|客户端))/i,
  // App slogans: "海量资讯、精准解读，尽在新浪财经APP".
  /^.{0,24}尽在.{1,12}(?:APP|客户端|公众号)\s*[!！。]?$/i,
  // Blog trackback links, bare URLs, hashtag/mention rows: "#大家健康超能团# @大家健康".
  /Trackback|^https?:\/\/\S+$|^(?:#[^#\s]{1,24}#\s*)+(?:@\S+(?!\S)\s*)*$/i,
  // "（松花江网编辑 孙桂芳）": the editor in brackets without a colon.
  /^[（(][^（）()]{0,12}(?:责任编辑|编辑|责编)\s*[\u4e00-\u9fff·]{2,4}\s*[)）]$/,
  /^点击.{0,12}(?:解锁|关注|订阅|下载|投票|阅读原文|查看原文)/,
  /【\s*点击.{0,6}】\s*$/,
  // "来源|广州参考": a source label with a bar instead of a colon.
  /^(?:来源|作者|编辑)\s*[|｜]/,
  // Platform notes under user-uploaded articles: "以上内容（包括图片及视频）为创作者平台…用户上传".
  /^(?:以上内容|本文内容|该内容).{0,24}(?:用户上传|仅代表|不代表|由.{0,12}发布)/,
  /^(?:减少|屏蔽).{0,10}(?:此类|这类)|^已标记为不喜欢/,
  // "原创： 某某 公众号", "原创 GameForce 2019-09-04 22:18:34": WeChat/Toutiao header line.
  /^原创\s*[:：]?\s+\S/,
  // Slogans and link rows set with bars: "…晋商生态 | 主办全球晋商年度峰会…", "首页 | 网站地图". Prose has no bars.
  /^(?!.*[。！？]).{2,}\s[|｜]\s.{2,}$/,
  // An English byline on a line of its own: "By Noah Brenner", "By Nathan Hsu and Priya Raman, CNN".
  /^By[\s\u00a0]+[A-Z][\p{L}'’.-]*(?:[\s\u00a0]+[A-Z][\p{L}'’.-]*){0,3}(?:(?:\s*,\s*|\s+(?:and|&)\s+)[A-Z][\p{L}'’.-]*(?:[\s\u00a0]+[A-Z][\p{L}'’.-]*){0,3}){0,5}(?:\s+in\s+[A-Z][\p{L}'’. -]{0,30})?(?:\s*,\s*[A-Z][\p{L}. ]{0,30})?$/u,
  // Wire credits: "Reporting by A in Seoul; Editing by B", "(Reporting by A; Editing by B)".
  /^\(?\s*(?:(?:Additional\s+)?(?:reporting|writing|reported|written|compiled)\s+by\b[^()]*?;\s*)+(?:Edited|Editing)\s+by\s+[^;()]+?\s*\)?\s*\.?$/i,
  // English pages: ad slot labels ("Advertisement", "Advertisement · Scroll to continue", "Ad Feedback").
  /^(?:advertisement|video ad feedback|ad feedback)(?:\s*[·•|:-]\s*scroll to continue)?$/i,
  // Newsletter calls: "Sign up here.", "Sign up for our newsletter".
  /^sign\s+up(?:\s+(?:here|now|today)|\s+(?:for|to)\s+(?:our|the)\b.{0,50})?\s*[.!]?$/i,
  // Licensing links under an agency's story: "Purchase Licensing Rights".
  /^purchase\s+licensing\s+rights$/i,
  // "2005-04-05 06:40更新 来源：转载文章": a dated meta line the label tables do not cover.
  /^(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?.{0,24}(?:来源|作者|编辑|浏览|阅读)\s*[:：]/,
];

/**
 * BOILERPLATE_LINE_PATTERNS as one alternation per flag set: a line is furniture when any entry
 * matches, and one regex run per line instead of one per entry takes half the time (every run
 * has a fixed cost, and each unanchored entry rescans the line). The list stays the place to edit.
 */
const BOILERPLATE_LINE_RES: readonly RegExp[] = (() => {
  const sourcesByFlags = new Map<string, string[]>();
  for (const pattern of BOILERPLATE_LINE_PATTERNS) {
    // Numbered back-references would be renumbered by the join, and g / y make test() stateful.
    if (/\\[1-9]/.test(pattern.source) || /[gy]/.test(pattern.flags)) throw new Error(`cannot combine ${pattern}`);
    const sources = sourcesByFlags.get(pattern.flags) ?? [];
    sources.push(`(?:${pattern.source})`);
    sourcesByFlags.set(pattern.flags, sources);
  }
  return [...sourcesByFlags].map(([flags, sources]) => new RegExp(sources.join('|'), flags));
})();

/** Headings after which a page only lists other articles: the body ends before them. */
const TRAILING_LIST_HEADING_RE =
  /^[[【(（]?\s*(?:相关(?:阅读|新闻|文章|链接|资讯|推荐|报道|内容|稿件|专题)|相關(?:閱讀|新聞|文章|連結|內容|報導)|延伸阅读|延伸閱讀|推薦閱讀|更多新聞|推荐阅读|热点推荐|热门推荐|精彩推荐|猜你喜欢|你可能(?:还)?(?:喜欢|感兴趣)|热门文章|最新文章|点击排行|热点新闻|热门新闻|往期回顾|更多阅读|为您推荐|今日推荐|图片新闻|同类资讯|本类推荐|本类热门|参考文献|参考资料|外部链接|References|点击进入专题|进入专题)\s*[:：】\])）]?\s*(?:\[\s*编辑\s*\])?\s*$/;

/**
 * Page navigation of a multi-page article: "上一页 1 2 3 下一页", "共3页: 上一页 1 [2] 3 下一页",
 * "首页 上一页 下一页 尾页".
 */
const PAGE_NAV_RE =
  /^(?:共\s*\d+\s*页\s*[:：]?\s*)?(?:[[【]?(?:首页|上一页|下一页|尾页|末页|前一页|后一页|\d+(?!\d)|\.\.\.|…|»|«|>|<)[\]】]?\s*)+$/;
const PAGE_NAV_WORD_RE = /上一页|下一页|尾页|末页|共\s*\d+\s*页/;

/**
 * Tool-bar words that make up a whole line on their own: encyclopaedia section buttons ("播报",
 * "编辑"), reader actions, expanders. Inside a sentence they are ordinary words.
 */
const UI_WORDS: ReadonlySet<string> = new Set([
  '播报',
  '编辑',
  '收藏',
  '分享',
  '举报',
  '评论',
  '点赞',
  '转发',
  '打印',
  '关闭',
  '返回',
  '返回顶部',
  '回到顶部',
  '展开',
  '收起',
  '展开全文',
  '阅读全文',
  '查看全文',
  '查看原文',
  '阅读原文',
  '复制链接',
  '纠错',
  '登录',
  '注册',
  '赞',
  '踩',
  '不喜欢',
  '订阅',
  '广告', // the label of an inline ad block
  '×', // close buttons of inline ads and pop-ups
  '✕',
]);

/** A line that is only a timestamp ("2024-05-08 23:23"): the byline of a feed, not a paragraph. */
const TIMESTAMP_LINE_RE = /^(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?$/;
/** Poster location that platforms print under the byline: "来自甘肃", "IP属地：北京". */
/** The English form: "20 May 2024", "Mon, May 20, 2024". */
const EN_MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?';
const EN_TIMESTAMP_LINE_RE = new RegExp(
  `^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\\s+)?(?:\\d{1,2}\\s+${EN_MONTH}|${EN_MONTH}\\s+\\d{1,2},?)\\s+(?:19|20)\\d{2}$`,
);
const POSTER_LOCATION_RE = /^(?:来自|发布于\s*[:：]?|IP属地\s*[:：]?)\s*[\u4e00-\u9fff]{2,8}$/;

/** Longer lines are prose, whatever words they contain. */
const MAX_BOILERPLATE_LINE_CHARS = 200;

/**
 * A line made only of tool-bar words, run together or bracketed: MediaWiki's "[编辑]", an
 * encyclopaedia's "编辑播报" (two buttons side by side), "收藏 | 分享".
 */
const MAX_UI_RUN_CHARS = 24;
const UI_RUN_RE = new RegExp(
  `^(?:[\\s\\[\\]【】|｜·•]*(?:${[...UI_WORDS].sort((a, b) => b.length - a.length).join('|')}))+[\\s\\[\\]【】|｜·•]*$`,
);

export function isBoilerplateLine(line: string): boolean {
  if (line.length > MAX_BOILERPLATE_LINE_CHARS) return false;
  if (UI_WORDS.has(line) || TIMESTAMP_LINE_RE.test(line) || EN_TIMESTAMP_LINE_RE.test(line) || POSTER_LOCATION_RE.test(line)) return true;
  if (line.length <= MAX_UI_RUN_CHARS && UI_RUN_RE.test(line)) return true;
  for (const pattern of BOILERPLATE_LINE_RES) if (pattern.test(line)) return true;
  return isPageNavigation(line);
}

export function isPageNavigation(line: string): boolean {
  return line.length <= 120 && PAGE_NAV_WORD_RE.test(line) && PAGE_NAV_RE.test(line);
}

/** English list headings: "Related Stories", "Most Read from Bloomberg", "More Reading from Bloomberg Businessweek". */
const EN_TRAILING_LIST_HEADING_RE =
  /^(?:Related(?:\s+(?:Stories|Articles|Coverage|Content|News|Links|Reading))?|Read\s+(?:More|Next|Also)|Most\s+(?:Read|Popular|Viewed)|More\s+(?:Reading|Stories|News|on\s+(?:this|the)\s+(?:story|topic))|You\s+(?:may|might)\s+also\s+like|Recommended(?:\s+(?:Stories|Reading|for\s+you))?|Top\s+Stories|Latest\s+Stories)(?:\s+from\s+[A-Z][\w.&' ]{0,40})?\s*:?$/i;

export function isTrailingListHeading(line: string): boolean {
  if (line.length <= 24 && TRAILING_LIST_HEADING_RE.test(line)) return true;
  return line.length <= 64 && EN_TRAILING_LIST_HEADING_RE.test(line);
}
