/* SPDX-License-Identifier: ISC */
/*
 * The Census FIPS CSV readers (county_fips_master, state_fips_master,
 * state_and_county_fips_master): the whole input is a file imported as
 * jurisdictions; the seeds carry the real header rows.
 */
#include "fuzz.h"
#include "fuzz_ingest.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_ingest_run(KIND_JURISDICTION, data, size);
	return 0;
}
