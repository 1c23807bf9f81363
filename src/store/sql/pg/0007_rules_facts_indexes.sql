-- SPDX-License-Identifier: ISC
-- 0007 for PostgreSQL, the twin of sql/sqlite/0007_rules_facts_indexes.sql:
-- covering indexes for the bulk loads of rule evaluation
-- (STMT_FACTS_*, store_record_scan_facts): each holds every column the
-- load reads, so a national evaluation reads these narrow indexes
-- instead of the wide rows (and jurisdictions in id order without a
-- row lookup each).  The agencies, awards and policies indexes begin
-- with the column the single-column indexes of 0001 held, which they
-- replace.
CREATE INDEX jurisdictions_facts ON jurisdictions(id, name, kind, parent,
	valid_from, valid_to);
CREATE INDEX agencies_facts ON agencies(jurisdiction, id);
DROP INDEX agencies_jurisdiction;
-- Not binds: a long list of agencies could pass PostgreSQL's limit on
-- an index entry (about 2,700 bytes); PostgreSQL scans the table for a
-- bulk load anyway.
CREATE INDEX policies_facts ON policies(jurisdiction, id);
DROP INDEX policies_jurisdiction;
CREATE INDEX awards_facts ON awards(agency, program, fiscal_year,
	award_date);
DROP INDEX awards_agency;
