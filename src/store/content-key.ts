/**
 * The same story under two URLs: a portal that links one article as show-12.html and as
 * show.php?itemid=12, or serves it again on its m. site. The crawl compares this key (headline
 * and body, spacing ignored) before storing an article under a new URL.
 */
import { createHash } from 'node:crypto';

/**
 * Bodies shorter than this never count as the same story: short notices share boilerplate-like
 * wording ("详见附件") often enough to collide.
 */
export const MIN_DUPLICATE_BODY = 200;

const SPACE = /[\s\u00a0\u3000]+/g;

/** Hex SHA-1 of the headline and body with spacing removed; null when the body is too short to tell. */
export function articleContentKey(title: string | null, body: string | null): string | null {
  if (body === null) return null;
  const text = body.replace(SPACE, '');
  if (text.length < MIN_DUPLICATE_BODY) return null;
  return createHash('sha1')
    .update((title ?? '').replace(SPACE, ''))
    .update('\n')
    .update(text)
    .digest('hex');
}
