/**
 * Reading a view counter script's output. Portals write the number with JavaScript:
 * DedeCMS `/plus/count.php?view=yes&aid=N` → `document.write('5595');`, PHPCMS
 * `api.php?op=count` → `$('#hits').html('123')`, EmpireCMS `ViewClick` → `document.write('123')`,
 * others a bare number or markup such as `<span>123</span>`.
 */
import { execAll } from '../regex.js';

/** Arguments of document.write(...) / .html(...) / .text(...) / innerHTML = ..., quoted either way. */
const COUNTER_CALL_RE =
  /(?:document\.write(?:ln)?|\$\(\s*['"][^'"]*['"]\s*\)\.html|\.html|\.text|\.innerHTML\s*=)\s*\(?\s*(['"])([\s\S]*?)\1/g;

/** The view count a counter script prints, or null when none can be read. */
export function parseCounterScript(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const bare = /^(\d{1,12})$/.exec(trimmed);
  if (bare) return Number(bare[1]);
  // JEECMS content_view.jspx: [views, comments, downs, ups].
  const list = /^\[\s*(\d{1,12})\s*(?:,[\s\d,]*)?\]$/.exec(trimmed);
  if (list) return Number(list[1]);
  const calls = execAll(COUNTER_CALL_RE, trimmed);
  // PHPCMS writes several counters (today, week, month, total); the total is the one aimed at #hits.
  calls.sort((a, b) => Number(/hits|views|click/i.test(b[0])) - Number(/hits|views|click/i.test(a[0])));
  for (const call of calls) {
    const inner = (call[2] ?? '').replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ');
    const n = /(\d[\d,]{0,14})/.exec(inner);
    if (n) return Number(n[1]!.replace(/,/g, ''));
  }
  // document.write(123) with a bare numeric argument.
  const numericArg = /document\.write(?:ln)?\s*\(\s*(\d{1,12})\s*\)/.exec(trimmed);
  if (numericArg) return Number(numericArg[1]);
  return null;
}
