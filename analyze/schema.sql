-- analyze/schema.sql - tally's database (PRAGMA user_version = 7).
CREATE TABLE IF NOT EXISTS article (
	id INTEGER PRIMARY KEY,
	sha256 TEXT NOT NULL, -- unique: index article_sha256
	source TEXT NOT NULL,
	title TEXT NOT NULL,
	series TEXT NOT NULL DEFAULT '',
	part INTEGER,
	published TEXT NOT NULL,
	published_time TEXT NOT NULL DEFAULT '',
	views INTEGER
);
-- Bodies apart from the rest of an article: index builds and scans of
-- articles read a few MB, not every body (version 5; before, body was the
-- article table's last column).
CREATE TABLE IF NOT EXISTS article_body (
	id INTEGER PRIMARY KEY REFERENCES article(id) ON DELETE CASCADE,
	body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS department (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	category TEXT NOT NULL DEFAULT '',
	in_roster INTEGER NOT NULL DEFAULT 0,
	external INTEGER NOT NULL DEFAULT 0,
	origin TEXT NOT NULL DEFAULT 'lexicon' -- 'lexicon' or 'suffix'
);
CREATE TABLE IF NOT EXISTS alias (
	alias TEXT PRIMARY KEY,
	department_id INTEGER NOT NULL REFERENCES department(id)
);
CREATE TABLE IF NOT EXISTS keyword (
	id INTEGER PRIMARY KEY,
	term TEXT NOT NULL UNIQUE,
	grp TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS activity (
	id INTEGER PRIMARY KEY,
	article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
	para INTEGER NOT NULL,
	date TEXT NOT NULL,
	date_end TEXT NOT NULL,
	-- The check as comparisons, not IN (...): SQLite builds a look-up
	-- table for an IN list of more than two values at every row
	-- inserted, half the cost of an activity row (0.57 of 1.30 us).
	date_precision TEXT NOT NULL
		CHECK (date_precision = 'day' OR date_precision = 'span' OR
		       date_precision = 'month' OR date_precision = 'approx'),
	department_id INTEGER NOT NULL REFERENCES department(id),
	external INTEGER NOT NULL DEFAULT 0,
	unit TEXT,
	kind TEXT,
	participants INTEGER,
	participants_approx INTEGER NOT NULL DEFAULT 0,
	hits INTEGER NOT NULL DEFAULT 0, -- keyword mentions in its paragraph
	para_start INTEGER NOT NULL, -- the paragraph: bytes of article_body.body
	para_len INTEGER NOT NULL,
	sentence_start INTEGER NOT NULL DEFAULT 0, -- byte offsets in the paragraph
	sentence_end INTEGER NOT NULL DEFAULT 0,
	date_pos INTEGER NOT NULL DEFAULT 0,
	date_len INTEGER NOT NULL DEFAULT 0,
	dept_pos INTEGER NOT NULL DEFAULT 0,
	dept_len INTEGER NOT NULL DEFAULT 0,
	keywords TEXT
);
-- Keyword hits: one row per activity and keyword its paragraph
-- mentions, from activity.keywords, a JSON object of keyword id to
-- mentions ({"3":2,"7":1}, ids ascending; NULL: none). Until version 7
-- hit was a table: its rows cost a fifth of a bulk load's writing (1.4M
-- at 100k articles, each a B-tree entry); as a column they ride in the
-- row that is written anyway.
CREATE VIEW IF NOT EXISTS hit(activity_id, keyword_id, n) AS
	SELECT a.id, CAST(j.key AS INTEGER), j.value
	FROM activity a, json_each(a.keywords) j
	WHERE a.keywords IS NOT NULL;
CREATE TABLE IF NOT EXISTS problem (
	id INTEGER PRIMARY KEY,
	source TEXT NOT NULL,
	line INTEGER NOT NULL DEFAULT 0,
	severity TEXT NOT NULL,
	message TEXT NOT NULL,
	UNIQUE (source, line, message)
);
-- Kept counts: what tally stats, charts and reports read (kept by the
-- ingest, in its transaction). Counts per day and kind are not kept
-- (schema 7 dropped agg): a count of kinds by day reads the activities.
-- Counts per month (date is the month's first day), department and kind:
-- what department, kind and month counts over whole months read.
CREATE TABLE IF NOT EXISTS agg_month (
	date TEXT NOT NULL,
	department_id INTEGER NOT NULL,
	kind TEXT NOT NULL,
	external INTEGER NOT NULL,
	activities INTEGER NOT NULL,
	participants INTEGER NOT NULL,
	approx INTEGER NOT NULL,
	hits INTEGER NOT NULL,
	PRIMARY KEY (date, department_id, kind, external)
) WITHOUT ROWID;
-- The same per ISO week (date is the week's Monday): what week counts
-- over whole weeks read (the heatmap's department x week).
CREATE TABLE IF NOT EXISTS agg_week (
	date TEXT NOT NULL,
	department_id INTEGER NOT NULL,
	kind TEXT NOT NULL,
	external INTEGER NOT NULL,
	activities INTEGER NOT NULL,
	participants INTEGER NOT NULL,
	approx INTEGER NOT NULL,
	hits INTEGER NOT NULL,
	PRIMARY KEY (date, department_id, kind, external)
) WITHOUT ROWID;
-- The day counts of all kinds together (version 6): what counts by day,
-- and counts over days that are not whole weeks or months, read when no
-- kind is asked for.
CREATE TABLE IF NOT EXISTS agg_day (
	date TEXT NOT NULL,
	department_id INTEGER NOT NULL,
	external INTEGER NOT NULL,
	activities INTEGER NOT NULL,
	participants INTEGER NOT NULL,
	approx INTEGER NOT NULL,
	hits INTEGER NOT NULL,
	PRIMARY KEY (date, department_id, external)
) WITHOUT ROWID;
-- Counts per day, department and keyword: activities mentioning it, and
-- its mentions.
CREATE TABLE IF NOT EXISTS agg_kw (
	date TEXT NOT NULL,
	department_id INTEGER NOT NULL,
	keyword_id INTEGER NOT NULL,
	external INTEGER NOT NULL,
	activities INTEGER NOT NULL,
	participants INTEGER NOT NULL,
	approx INTEGER NOT NULL,
	hits INTEGER NOT NULL,
	PRIMARY KEY (date, department_id, keyword_id, external)
) WITHOUT ROWID;
-- The keyword counts per month (first day) and per ISO week (Monday),
-- as agg_month and agg_week are to agg (version 6).
CREATE TABLE IF NOT EXISTS agg_kw_month (
	date TEXT NOT NULL,
	department_id INTEGER NOT NULL,
	keyword_id INTEGER NOT NULL,
	external INTEGER NOT NULL,
	activities INTEGER NOT NULL,
	participants INTEGER NOT NULL,
	approx INTEGER NOT NULL,
	hits INTEGER NOT NULL,
	PRIMARY KEY (date, department_id, keyword_id, external)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS agg_kw_week (
	date TEXT NOT NULL,
	department_id INTEGER NOT NULL,
	keyword_id INTEGER NOT NULL,
	external INTEGER NOT NULL,
	activities INTEGER NOT NULL,
	participants INTEGER NOT NULL,
	approx INTEGER NOT NULL,
	hits INTEGER NOT NULL,
	PRIMARY KEY (date, department_id, keyword_id, external)
) WITHOUT ROWID;
-- The paragraph of each activity, read out of its article's body.
CREATE VIEW IF NOT EXISTS activity_text AS
	SELECT a.id AS id,
	       CAST(substr(CAST(ab.body AS BLOB), a.para_start + 1, a.para_len)
		    AS TEXT) AS text
	FROM activity a JOIN article_body ab ON ab.id = a.article_id;
-- indexes (a bulk load into a new database builds them at the end; it
-- keeps articles unique by their hash in memory meanwhile). Activities
-- are looked up by date; counts by department, kind or keyword come from
-- the kept tables, and no statement looks activities up by department
-- or by article (indexes for those cost a third of a bulk load's commit
-- and were dropped in version 5). Hits are read with their activity: an
-- index by keyword, hit_keyword until version 5, is made no more (at
-- three hits an activity it was the longest sort of a commit).
CREATE UNIQUE INDEX IF NOT EXISTS article_sha256 ON article(sha256);
CREATE INDEX IF NOT EXISTS activity_date ON activity(date);
-- Articles by publish date, covering what reports ask of them.
CREATE INDEX IF NOT EXISTS article_published
	ON article(published, series, part, views);
