import { describe, expect, it } from 'vitest';
import { parseCounterScript } from '../../src/crawl/views.js';

describe('parseCounterScript', () => {
  it.each([
    ["document.write('5595');", 5595],
    ['document.write("<span>123</span>")', 123],
    ['  42\n', 42],
    ["document.write('1,234')", 1234],
    ['document.write(77);', 77],
    ["$('#todaydow').html('3');$('#weekdown').html('12');$('#monthdown').html('40');$('#hits').html('1650');", 1650],
    ["document.getElementById('hits').innerHTML = '88';", 88],
    ['[356,2,0,1]', 356],
  ])('%s → %d', (script, views) => {
    expect(parseCounterScript(script)).toBe(views);
  });

  it.each(['', "document.write('');", 'alert("x")', '<html><body>404</body></html>', '["a",1]'])('no number in %s', (script) => {
    const n = parseCounterScript(script);
    // "404" in an error page is not a view count of a script call; only calls and bare numbers count.
    expect(n).toBeNull();
  });
});
