-- SPDX-License-Identifier: ISC
-- 0009: the place index ends with the detainer's id.
--
-- A page of one jurisdiction's records is in (issued_date, detainer_id)
-- order, read forward (the page after a cursor) or backward (the page
-- before one).  With the id in the index both walks are the index's
-- own order: no sort of a day's records, and the walk stops at the
-- page's limit.  A bulk import drops and builds it as before.
DROP INDEX IF EXISTS evidence_detainers_place;
CREATE INDEX evidence_detainers_place
	ON evidence_detainers(facility_county_fips, issued_date, detainer_id);
