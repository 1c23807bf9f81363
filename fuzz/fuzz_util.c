/* SPDX-License-Identifier: ISC */
/*
 * Helpers shared by the fuzz targets: the property-failure report.
 */
#include "fuzz.h"

#include <stdio.h>

void
fuzz_report(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: property failed: %s\n", file, line, what);
}
