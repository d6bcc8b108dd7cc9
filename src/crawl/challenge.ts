/**
 * Anti-bot challenge pages (WAFs in front of many government portals: 瑞数, 创宇盾, 安全狗 and the
 * like): instead of the page, a few hundred bytes of script that sets a cookie and reloads, for a
 * browser to run. A crawler without a JavaScript engine gets no further; such a page must be
 * reported as blocked, never stored as the page it stands in for.
 */

/** Challenges are tiny; a real page that happens to set a cookie is not. */
const MAX_CHALLENGE_BYTES = 16 * 1024;
const SETS_COOKIE_RE = /document\.cookie\s*=/;
const RELOADS_RE = /location\.(?:reload|replace|assign)\s*\(|location(?:\.href)?\s*=/;
const SCRIPT_OR_STYLE_RE = /<(script|style|noscript)\b[\s\S]*?<\/\1\s*>/gi;
const TAG_RE = /<[^>]*>/g;
/** Visible text a challenge may show ("请稍候…", "Checking your browser"), in bytes of the raw page. */
const MAX_VISIBLE_BYTES = 160;

export function isChallengePage(body: Uint8Array): boolean {
  if (body.length === 0 || body.length > MAX_CHALLENGE_BYTES) return false;
  // The markers are ASCII: Latin-1 reads them whatever the page's charset.
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1');
  if (!SETS_COOKIE_RE.test(text) || !RELOADS_RE.test(text)) return false;
  const visible = text.replace(SCRIPT_OR_STYLE_RE, '').replace(TAG_RE, '').replace(/&nbsp;|\s+/g, '');
  return visible.length <= MAX_VISIBLE_BYTES;
}
