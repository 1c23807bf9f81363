-- SPDX-License-Identifier: ISC
-- 0005: evidence, bulk public data kept as it came plus the summary
-- tables the evidence views read (src/evidence, src/store/store_evidence.c).

-- Detainer records, one row per detainer, columns as the file gives
-- them; the columns beyond the required six go to extra as a JSON object.
-- facility_county_fips is the file's code, or the code a name match
-- found when the file gave none.
CREATE TABLE evidence_detainers (
	detainer_id TEXT NOT NULL,
	issued_date TEXT NOT NULL,
	facility TEXT NOT NULL,
	facility_county_fips TEXT,
	outcome TEXT,
	outcome_date TEXT,
	extra TEXT
);
CREATE UNIQUE INDEX evidence_detainers_id ON evidence_detainers(detainer_id);

-- Counts per source, jurisdiction, facility and period, kept current
-- by every import.  period is YYYY or YYYY-MM.  jurisdiction '' holds
-- rows that matched no jurisdiction (reported at import).  A NULL count
-- means the source does not say (the ICE facility tables give declined
-- and other outcomes only, never the number issued).  The key leads
-- with the jurisdiction: the evidence views read one jurisdiction.
CREATE TABLE evidence_summary (
	source TEXT NOT NULL,
	jurisdiction TEXT NOT NULL,
	facility TEXT NOT NULL,
	period TEXT NOT NULL,
	issued INTEGER,
	declined INTEGER,
	other INTEGER,
	PRIMARY KEY (jurisdiction, source, facility, period)
) WITHOUT ROWID;

-- Facilities named by the aggregate tables and the county each was
-- matched to ('' when none), with how.
CREATE TABLE evidence_facilities (
	facility TEXT NOT NULL,
	city TEXT NOT NULL,
	state TEXT NOT NULL,
	jurisdiction TEXT NOT NULL,
	matched_by TEXT NOT NULL,
	PRIMARY KEY (facility, state, city)
);

-- The national aggregate tables as published: measure (issued, lifted,
-- lift_reason, type), category (the reason or type, '' for totals),
-- period YYYY or YYYY-MM.
CREATE TABLE evidence_national (
	measure TEXT NOT NULL,
	category TEXT NOT NULL,
	period TEXT NOT NULL,
	count INTEGER NOT NULL,
	source TEXT NOT NULL,
	PRIMARY KEY (measure, category, period)
) WITHOUT ROWID;

-- USAspending assistance transactions as they came, and the awards
-- they add up to (by FAIN), kept current on import.
CREATE TABLE evidence_usas_transactions (
	transaction_key TEXT PRIMARY KEY NOT NULL,
	fain TEXT NOT NULL,
	listing TEXT,
	recipient_name TEXT,
	recipient_uei TEXT,
	amount_cents INTEGER NOT NULL,
	action_date TEXT NOT NULL,
	jurisdiction TEXT NOT NULL,
	extra TEXT
);
CREATE INDEX evidence_usas_transactions_fain
	ON evidence_usas_transactions(fain);
CREATE TABLE evidence_usas_awards (
	fain TEXT PRIMARY KEY NOT NULL,
	listing TEXT,
	recipient_name TEXT,
	recipient_uei TEXT,
	jurisdiction TEXT NOT NULL,
	transactions INTEGER NOT NULL,
	obligated_cents INTEGER NOT NULL,
	first_action TEXT NOT NULL,
	last_action TEXT NOT NULL
);
CREATE INDEX evidence_usas_awards_jurisdiction
	ON evidence_usas_awards(jurisdiction);
