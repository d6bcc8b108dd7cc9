/** Field values read with a site profile's selectors (profiles/schema.ts). */
import type { ExtractContext } from '../context.js';
import { attr, type Document, type Element, selectFirst, textOf } from '../dom.js';
import type { ProfileField } from '../profiles/schema.js';
import { type LabelledField, labelledFields } from './byline.js';
import { stripSiteTail } from './title.js';

export type ProfileValues = Partial<Record<ProfileField, string>>;

/** Values read with the profile's selectors: the first selector matching a non-empty node wins. */
export function profileValues(doc: Document, ctx: ExtractContext): ProfileValues {
  const values: ProfileValues = {};
  const fields = ctx.profile?.fields;
  if (fields === undefined) return values;
  for (const key of ['title', 'publishedAt', 'source', 'author', 'editor', 'views', 'summary'] as const) {
    for (const selector of fields[key] ?? []) {
      const [css, attribute] = typeof selector === 'string' ? [selector, null] : selector;
      let el: Element | null;
      try {
        el = selectFirst(css, doc);
      } catch {
        ctx.warnings.push(`profile ${ctx.profile?.name ?? ''}: bad selector for ${key}: ${css}`);
        continue;
      }
      if (el === null) continue;
      const value = (attribute === null ? textOf(el) : (attr(el, attribute) ?? '')).trim();
      if (value !== '') {
        // A headline element shows the title as printed ("会员风采｜铜陵铜箔企业的技术突围"); only
        // `<title>` or a meta tag carries the "_栏目_站点" tail.
        const fromTitleTag = el.name === 'title' || el.name === 'meta' || attribute !== null;
        values[key] = key === 'title' ? (fromTitleTag ? stripSiteTail(value) : value) : labelValue(value, key);
        break;
      }
    }
  }
  return values;
}

/** The element a profile's `meta` selector picks (the info line), with its labelled fields. */
export function profileMetaLine(doc: Document, ctx: ExtractContext): { el: Element; fields: LabelledField[] } | null {
  for (const selector of ctx.profile?.fields?.meta ?? []) {
    const css = typeof selector === 'string' ? selector : selector[0];
    let el: Element | null;
    try {
      el = selectFirst(css, doc);
    } catch {
      ctx.warnings.push(`profile ${ctx.profile?.name ?? ''}: bad selector for meta: ${css}`);
      continue;
    }
    if (el === null) continue;
    const fields = labelledFields(textOf(el));
    if (fields.length > 0) return { el, fields };
  }
  return null;
}

/** A profile selector may pick the whole meta line: keep only the part after this field's label. */
export function labelValue(text: string, key: ProfileField): string {
  const kind = { source: 'source', author: 'author', editor: 'editor', views: 'views', publishedAt: 'date' }[
    key as string
  ] as LabelledField['kind'] | undefined;
  if (kind === undefined) return text;
  const field = labelledFields(text).find((f) => f.kind === kind);
  return field === undefined ? text : field.raw;
}
