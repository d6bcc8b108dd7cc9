import type { SiteProfile } from './profiles/schema.js';

/** What every extraction stage may read. Built once per page by `extract()`. */
export interface ExtractContext {
  /** The page URL (after redirects). */
  url: URL;
  /** The decoded HTML text: some fields hide in comments or scripts the tree does not show. */
  html: string;
  now: Date;
  timeZone: string;
  profile: SiteProfile | null;
  /** Stages push human-readable warnings here; they end up in `extraction.warnings`. */
  warnings: string[];
}
