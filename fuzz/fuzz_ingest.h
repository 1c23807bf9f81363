/* SPDX-License-Identifier: ISC */
/*
 * Shared by the importer targets (fuzz_csv, fuzz_census, fuzz_topojson):
 * one in-memory SQLite store loaded once with the small record set in
 * fuzz/fixture/, so references in fuzzed rows can resolve, and a run
 * that imports the input as a file with --dry-run semantics, so every
 * input sees the same store.
 */
#ifndef AT_FUZZ_FUZZ_INGEST_H
#define AT_FUZZ_FUZZ_INGEST_H

#include <stddef.h>
#include <stdint.h>

#include "model/model.h"

/*
 * Write data to a temporary file and run ingest_file(dry_run) on it as
 * records of kind.  Checks that the store is unchanged afterwards and
 * that any diagnostic is a terminated string.
 */
void fuzz_ingest_run(enum model_kind kind, const uint8_t *data, size_t size);

#endif
