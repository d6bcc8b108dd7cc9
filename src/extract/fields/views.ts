/**
 * View counters. A number printed after 浏览/点击/阅读 (or inside `span#hits`) is the count; when a
 * CMS script writes it instead, the script's absolute URL goes to `viewsUrl` so the crawler can
 * fetch it (DedeCMS count.php, PHPCMS api.php?op=count, EmpireCMS e/public/ViewClick).
 */
import { absoluteUrl } from '../dom.js';

/** Script URLs that write a view count. The generic entries match counter scripts inside a meta line. */
export const COUNTER_SCRIPT_RE =
  /\/plus\/count\.php\?(?:[^"']*&)?view=yes|[/?]api\.php\?op=count|\/e\/public\/viewclick\/|\/count\.php\?(?:[^"']*&)?(?:aid|id)=|articleclick|\/hits?\.php|[?&]op=hits|getclick|showclick|\/click\.(?:php|asp|aspx|jsp)|viewcount|dynclicks/i;

/** The first counter script among `srcs`, resolved against the page URL. */
export function counterScriptUrl(srcs: readonly string[], base: URL): string | null {
  for (const src of srcs) {
    if (COUNTER_SCRIPT_RE.test(src)) {
      const url = absoluteUrl(src, base);
      if (url !== null) return url;
    }
  }
  return null;
}
