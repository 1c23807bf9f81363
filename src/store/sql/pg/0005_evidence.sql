-- SPDX-License-Identifier: ISC
-- 0005 for PostgreSQL, the twin of sql/sqlite/0005_evidence.sql:
-- evidence, bulk public data kept as it came plus the summary
-- tables the evidence views read (src/evidence, src/store/store_evidence.c).

-- Detainer records, one row per detainer, columns as the file gives
-- them; the columns beyond the required six go to extra as a JSON object.
-- facility_county_fips is the file's code, or the code a name match
-- found when the file gave none.
CREATE TABLE evidence_detainers (
	detainer_id TEXT COLLATE "C" NOT NULL,
	issued_date TEXT COLLATE "C" NOT NULL,
	facility TEXT COLLATE "C" NOT NULL,
	facility_county_fips TEXT COLLATE "C",
	outcome TEXT COLLATE "C",
	outcome_date TEXT COLLATE "C",
	extra TEXT COLLATE "C"
);
CREATE UNIQUE INDEX evidence_detainers_id ON evidence_detainers(detainer_id);

-- Counts per source, jurisdiction, facility and period, kept current
-- by every import.  period is YYYY or YYYY-MM.  jurisdiction '' holds
-- rows that matched no jurisdiction (reported at import).  A NULL count
-- means the source does not say (the ICE facility tables give declined
-- and other outcomes only, never the number issued).  The key leads
-- with the jurisdiction: the evidence views read one jurisdiction.
CREATE TABLE evidence_summary (
	source TEXT COLLATE "C" NOT NULL,
	jurisdiction TEXT COLLATE "C" NOT NULL,
	facility TEXT COLLATE "C" NOT NULL,
	period TEXT COLLATE "C" NOT NULL,
	issued BIGINT,
	declined BIGINT,
	other BIGINT,
	PRIMARY KEY (jurisdiction, source, facility, period)
);

-- Facilities named by the aggregate tables and the county each was
-- matched to ('' when none), with how.
CREATE TABLE evidence_facilities (
	facility TEXT COLLATE "C" NOT NULL,
	city TEXT COLLATE "C" NOT NULL,
	state TEXT COLLATE "C" NOT NULL,
	jurisdiction TEXT COLLATE "C" NOT NULL,
	matched_by TEXT COLLATE "C" NOT NULL,
	PRIMARY KEY (facility, state, city)
);

-- The national aggregate tables as published: measure (issued, lifted,
-- lift_reason, type), category (the reason or type, '' for totals),
-- period YYYY or YYYY-MM.
CREATE TABLE evidence_national (
	measure TEXT COLLATE "C" NOT NULL,
	category TEXT COLLATE "C" NOT NULL,
	period TEXT COLLATE "C" NOT NULL,
	count BIGINT NOT NULL,
	source TEXT COLLATE "C" NOT NULL,
	PRIMARY KEY (measure, category, period)
);

-- USAspending assistance transactions as they came, and the awards
-- they add up to (by FAIN), kept current on import.
CREATE TABLE evidence_usas_transactions (
	transaction_key TEXT COLLATE "C" PRIMARY KEY NOT NULL,
	fain TEXT COLLATE "C" NOT NULL,
	listing TEXT COLLATE "C",
	recipient_name TEXT COLLATE "C",
	recipient_uei TEXT COLLATE "C",
	amount_cents BIGINT NOT NULL,
	action_date TEXT COLLATE "C" NOT NULL,
	jurisdiction TEXT COLLATE "C" NOT NULL,
	extra TEXT COLLATE "C"
);
CREATE INDEX evidence_usas_transactions_fain
	ON evidence_usas_transactions(fain);
CREATE TABLE evidence_usas_awards (
	fain TEXT COLLATE "C" PRIMARY KEY NOT NULL,
	listing TEXT COLLATE "C",
	recipient_name TEXT COLLATE "C",
	recipient_uei TEXT COLLATE "C",
	jurisdiction TEXT COLLATE "C" NOT NULL,
	transactions BIGINT NOT NULL,
	obligated_cents BIGINT NOT NULL,
	first_action TEXT COLLATE "C" NOT NULL,
	last_action TEXT COLLATE "C" NOT NULL
);
CREATE INDEX evidence_usas_awards_jurisdiction
	ON evidence_usas_awards(jurisdiction);
