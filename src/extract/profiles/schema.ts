/**
 * A site profile is data (JSON), not code. See README "Site profiles".
 * Selectors are CSS (css-select). For each field the first selector matching a non-empty node wins;
 * when none matches, the generic extractor fills the field.
 */
export interface SiteProfile {
  /** Short identifier reported in `extraction.profile`. */
  name: string;
  /** How to recognise pages of this site/CMS. Any one match is enough. */
  match?: {
    /** Host names (exact, or suffix with a leading dot: ".example.com"). */
    hosts?: string[];
    /** Substrings of `<meta name="generator">`. */
    generator?: string[];
    /** Substrings of the raw HTML that only this CMS emits (script paths, ids). */
    markup?: string[];
  };
  /** URL regular expressions (as strings) of article pages and list pages. */
  urls?: { article?: string[]; list?: string[] };
  /** Field selectors. Value `"sel"` takes the node's text; `["sel", "attr"]` takes an attribute. */
  fields?: Partial<Record<ProfileField, ProfileSelector[]>>;
  /** Selectors removed from the body container before its text is read. */
  remove?: string[];
  /**
   * Selectors of photo blocks outside the body container whose photos and captions are the
   * article's (a picture set's strip beside the text): their photos join `images`, their text
   * stays out of the body.
   */
  photos?: string[];
  /** IANA zone for dates without an offset. */
  timeZone?: string;
}

export type ProfileField =
  | 'title'
  | 'publishedAt'
  | 'source'
  | 'author'
  | 'editor'
  | 'views'
  | 'summary'
  | 'body'
  | 'meta';

export type ProfileSelector = string | [selector: string, attribute: string];
