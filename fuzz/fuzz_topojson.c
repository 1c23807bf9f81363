/* SPDX-License-Identifier: ISC */
/*
 * The us-atlas TopoJSON reader: the input, after optional blanks, is
 * read as JSON when it starts with '{' (a non-JSON input tests the CSV
 * fallback, which is fine too).
 */
#include "fuzz.h"
#include "fuzz_ingest.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_ingest_run(KIND_JURISDICTION, data, size);
	return 0;
}
