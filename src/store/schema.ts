/**
 * The database schema, as an ordered list of forward migrations. A database records the number of
 * migrations applied in `PRAGMA user_version`; opening it applies the missing ones, each in its own
 * transaction, so a crash mid-upgrade leaves the database at the last complete version.
 *
 * Never edit a migration that has shipped: add a new one. `application_id` marks the file as ours,
 * so that a SQLite database of another program is refused rather than "migrated".
 *
 * All timestamps are ISO 8601 UTC strings from `Date.toISOString()` ("2026-11-27T05:00:00.000Z"):
 * fixed width, so they sort and compare correctly as text.
 *
 * Tables (README "Database"):
 *
 * runs — one row per `crawl` invocation.
 *   id                 run number, increasing
 *   started_at         when the run began
 *   finished_at        when it ended; null while running or when the process was killed
 *   seeds              JSON array of the seed URLs given on the command line
 *   pages_fetched, articles_new, articles_updated, failures   the run's counters, set at the end
 *   status             running | finished | interrupted | failed
 *   pid, host          the process that ran it (diagnostics)
 *
 * frontier — the crawl's to-do list; survives crashes, so a killed crawl resumes where it stopped.
 *   id                 insertion order (claim order among equal priorities)
 *   url                normalised URL, unique: the key
 *   site               host name of url, lower case
 *   state              queued | in-flight | done | failed | skipped
 *   depth              link distance from a seed
 *   found_on           URL of the page the link was found on; null for seeds, sitemaps, feeds
 *   kind_hint          article | list | other: what the link is believed to be before fetching
 *   priority           higher is claimed first
 *   attempts           fetch attempts so far (counted when claimed)
 *   next_attempt_at    earliest time of the next attempt (retry back-off); null = now
 *   last_error         reason of the last failure or skip ("http-404", "timeout", ...)
 *   updated_at         last state change
 *
 * pages — one row per stored HTTP response, so extraction can be re-run and WARC written without
 *   refetching. A URL fetched on several runs has several rows.
 *   id                 row id, increasing in fetch order
 *   url                the URL requested (normalised frontier URL)
 *   final_url          the URL after redirects
 *   site               host name of url, lower case
 *   status             HTTP status
 *   headers            JSON object of the response headers (lower-case names)
 *   request_headers    JSON object of the request headers sent, or null
 *   body               the raw body bytes (after transfer decoding, before charset decoding),
 *                      compressed as body_encoding says
 *   body_encoding      br (brotli, quality 0) | identity
 *   body_size          size of the uncompressed body in bytes
 *   body_sha1          SHA-1 of the uncompressed body (hex); null on rows written before v4
 *   body_of            when the body is byte for byte the one of this URL's previous response,
 *                      the pages.id holding it, and body is empty: a list page revisited by
 *                      every nightly run is stored once until it changes
 *   fetched_at         when the response arrived
 *   run_id             the run that fetched it (runs.id), null outside a crawl
 *   kind               article | list | other: what the page turned out to be
 *   etag, last_modified   validators for conditional GET (copied from headers)
 *
 * articles — one row per article URL, the latest extraction.
 *   id                 row id; also the rowid of the article in articles_fts
 *   url                the article URL, unique: the key
 *   site               host name, lower case
 *   title, source, author, editor, summary, body, language   as in the Article contract
 *   published_at       as extracted: ISO 8601 with offset, or a bare date "2022-02-27"
 *   published_utc      published_at as a UTC instant, for date filters and ordering; a bare date
 *                      counts as 00:00 UTC of that day (the page gives no time zone for it)
 *   views              the view count printed in the page, as extracted (null when absent);
 *                      every observation, including counter-script ones, is in views_history
 *   fetched_at         when the bytes of the latest extraction were fetched
 *   extraction         JSON of the Article's `extraction` object (profile, viewsUrl, warnings)
 *   first_seen_run     run that stored the article first
 *   last_updated_run   run that last changed any field
 *   page_id            pages.id of the response the article was extracted from
 *   content_sha1       articleContentKey() of headline and body (src/store/content-key.ts): the
 *                      same story met again under another URL is not stored twice
 *
 * images — the article's photos, in order.
 *   url                the article (articles.url)
 *   position           0-based order in the article
 *   src, caption, alt  as in the Article contract
 *
 * views_history — view counts seen at each visit (printed or from the counter script).
 *   url, at, views     article URL, when observed, the count
 *
 * articles_fts — full-text index (FTS5, contentless) over title, summary and body, rowid =
 *   articles.id. The text is pre-segmented (src/store/segment.ts): Han runs become overlapping
 *   character bigrams so that two-character words ("项目") are found.
 *
 * locks — advisory locks between processes; one row "crawl" while a crawl runs.
 *   name, owner, pid, host, started_at
 */

export interface Migration {
  /** The user_version the database has after this migration. */
  version: number;
  description: string;
  sql: string;
}

/**
 * Application id stored in the SQLite header ("NHVS"), telling our files from other programs'.
 */
export const APPLICATION_ID = 0x4e485653;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'runs, frontier, pages, articles, images, views_history',
    sql: `
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  seeds TEXT NOT NULL,
  pages_fetched INTEGER NOT NULL DEFAULT 0,
  articles_new INTEGER NOT NULL DEFAULT 0,
  articles_updated INTEGER NOT NULL DEFAULT 0,
  failures INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'running'
    CHECK (status IN ('running', 'finished', 'interrupted', 'failed')),
  pid INTEGER,
  host TEXT
);

CREATE TABLE frontier (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL UNIQUE,
  site TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'queued'
    CHECK (state IN ('queued', 'in-flight', 'done', 'failed', 'skipped')),
  depth INTEGER NOT NULL,
  found_on TEXT,
  kind_hint TEXT CHECK (kind_hint IN ('article', 'list', 'other')),
  priority INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  last_error TEXT,
  updated_at TEXT NOT NULL
);
CREATE INDEX frontier_queue ON frontier (priority DESC, id) WHERE state = 'queued';
CREATE INDEX frontier_in_flight ON frontier (state) WHERE state = 'in-flight';
CREATE INDEX frontier_site_state ON frontier (site, state);

CREATE TABLE pages (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL,
  final_url TEXT NOT NULL,
  site TEXT NOT NULL,
  status INTEGER NOT NULL,
  headers TEXT NOT NULL,
  request_headers TEXT,
  body BLOB NOT NULL,
  body_encoding TEXT NOT NULL CHECK (body_encoding IN ('br', 'identity')),
  body_size INTEGER NOT NULL,
  fetched_at TEXT NOT NULL,
  run_id INTEGER REFERENCES runs (id),
  kind TEXT NOT NULL CHECK (kind IN ('article', 'list', 'other')),
  etag TEXT,
  last_modified TEXT
);
CREATE INDEX pages_url ON pages (url, id);
CREATE INDEX pages_site ON pages (site, id);

CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL UNIQUE,
  site TEXT NOT NULL,
  title TEXT,
  published_at TEXT,
  published_utc TEXT,
  source TEXT,
  author TEXT,
  editor TEXT,
  views INTEGER,
  summary TEXT,
  body TEXT,
  language TEXT,
  fetched_at TEXT NOT NULL,
  extraction TEXT NOT NULL,
  first_seen_run INTEGER REFERENCES runs (id),
  last_updated_run INTEGER REFERENCES runs (id),
  page_id INTEGER REFERENCES pages (id)
);
CREATE INDEX articles_published ON articles (published_utc DESC, url);
CREATE INDEX articles_site_published ON articles (site, published_utc DESC, url);

CREATE TABLE images (
  url TEXT NOT NULL REFERENCES articles (url) ON DELETE CASCADE ON UPDATE CASCADE,
  position INTEGER NOT NULL,
  src TEXT NOT NULL,
  caption TEXT,
  alt TEXT,
  PRIMARY KEY (url, position)
) WITHOUT ROWID;

CREATE TABLE views_history (
  url TEXT NOT NULL,
  at TEXT NOT NULL,
  views INTEGER NOT NULL,
  PRIMARY KEY (url, at)
) WITHOUT ROWID;
`,
  },
  {
    version: 2,
    description: 'full-text index over segmented title, summary and body',
    // Contentless (content=''), because the indexed text is the segmented form, which exists
    // nowhere else; contentless_delete=1 lets updates remove an article's old terms by rowid.
    // nh_segment() is registered on every connection by openStore (src/store/segment.ts).
    sql: `
CREATE VIRTUAL TABLE articles_fts USING fts5 (
  title, summary, body,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts (rowid, title, summary, body)
  SELECT id, nh_segment(title), nh_segment(summary), nh_segment(body) FROM articles;
`,
  },
  {
    version: 3,
    description: 'advisory locks between processes (one crawl at a time)',
    sql: `
CREATE TABLE locks (
  name TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  pid INTEGER NOT NULL,
  host TEXT NOT NULL,
  started_at TEXT NOT NULL
) WITHOUT ROWID;
`,
  },
  {
    version: 4,
    description: 'identical bodies of one URL stored once (body_sha1, body_of)',
    sql: `
ALTER TABLE pages ADD COLUMN body_sha1 TEXT;
ALTER TABLE pages ADD COLUMN body_of INTEGER REFERENCES pages (id);
`,
  },
  {
    version: 5,
    description: 'content key of each article, to recognise one story under two URLs',
    // nh_content_key() is registered on every connection by openStore (src/store/content-key.ts).
    sql: `
ALTER TABLE articles ADD COLUMN content_sha1 TEXT;
UPDATE articles SET content_sha1 = nh_content_key(title, body);
CREATE INDEX articles_content ON articles (content_sha1) WHERE content_sha1 IS NOT NULL;
`,
  },
  {
    version: 6,
    description: 'crawl lock heartbeat: a lock left by a dead crawl on another host (a container) expires',
    sql: `
ALTER TABLE locks ADD COLUMN heartbeat_at TEXT;
`,
  },
];

export const LATEST_VERSION = MIGRATIONS.length;
