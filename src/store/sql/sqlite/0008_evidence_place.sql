-- SPDX-License-Identifier: ISC
-- 0008: detainer records by place and day, and a summary without
-- derived rows.
--
-- evidence_detainers_place serves the records of one jurisdiction over
-- a span of days (attest evidence --records, the API's detainer list)
-- and the per-facility months computed from them.  A bulk import drops
-- it with the unique index and builds both after the load.
--
-- The detainer summary now holds one row per jurisdiction, facility and
-- month only; the year totals and the totals over a jurisdiction's
-- facilities are added up when read (src/evidence/ev_report.c), a few
-- hundred rows for the largest county.  Rows of those two kinds written
-- by earlier imports would be counted twice, so they go.
CREATE INDEX evidence_detainers_place
	ON evidence_detainers(facility_county_fips, issued_date);
DELETE FROM evidence_summary
	WHERE source = 'detainers' AND (facility = '' OR length(period) = 4);
