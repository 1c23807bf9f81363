/* SPDX-License-Identifier: ISC */
/*
 * attest's own CSV import, every kind: the first byte picks the kind
 * (modulo the number of kinds), the rest is the file.  Jurisdiction
 * files also reach the Census readers by their header row.
 */
#include "fuzz.h"
#include "fuzz_ingest.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	fuzz_ingest_run((enum model_kind)(data[0] % KIND__MAX), data + 1,
	    size - 1);
	return 0;
}
