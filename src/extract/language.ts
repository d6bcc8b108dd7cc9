/**
 * A language guess from the script of the text: enough to tell Chinese pages from English ones,
 * which is what the exporters and the search index need. Not a language identifier.
 */

/** Han characters must make at least this share of the letters for "zh". */
const MIN_HAN_SHARE = 0.3;
/** Fewer letters than this say nothing. */
const MIN_LETTERS = 10;

export function guessLanguage(text: string | null): string | null {
  if (text === null) return null;
  let han = 0;
  let kana = 0;
  let hangul = 0;
  let latin = 0;
  let cyrillic = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff)) han++;
    else if (code >= 0x3040 && code <= 0x30ff) kana++;
    else if (code >= 0xac00 && code <= 0xd7af) hangul++;
    else if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || (code >= 0xc0 && code <= 0x24f)) latin++;
    else if (code >= 0x400 && code <= 0x4ff) cyrillic++;
  }
  // A Latin word is about five letters where one Han character is a word: weigh accordingly.
  const latinWords = latin / 5;
  const letters = han + kana + hangul + latinWords + cyrillic / 5;
  if (han + kana + hangul + latin + cyrillic < MIN_LETTERS) return null;
  if (kana > 0 && kana >= han * 0.1 && kana + han >= letters * MIN_HAN_SHARE) return 'ja';
  if (hangul >= letters * MIN_HAN_SHARE) return 'ko';
  if (han >= letters * MIN_HAN_SHARE) return 'zh';
  if (cyrillic / 5 > latinWords) return 'ru';
  if (latinWords > 0) return 'en';
  return null;
}
