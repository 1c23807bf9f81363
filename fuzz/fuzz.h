/* SPDX-License-Identifier: ISC */
/*
 * The one entry point every fuzz target defines, as libFuzzer calls it.
 * Built with clang's -fsanitize=fuzzer the engine supplies main(); built
 * with any compiler against replay.c, main() feeds it the files of a
 * corpus, so the corpora run as ordinary tests under ASan and UBSan.
 *
 * A target must not keep state that changes its answer for later
 * inputs, must free what it allocates, and must treat every byte as
 * hostile.  It returns 0; a bug is a crash, a sanitizer report or an
 * abort() from a violated property.
 */
#ifndef AT_FUZZ_FUZZ_H
#define AT_FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Report and abort() when a property fails, in release builds too
 * (assert() may be compiled out).  abort() is spelled out here so that
 * static analysers see the path end. */
#define FUZZ_CHECK(cond)                                                    \
	do {                                                                \
		if (!(cond)) {                                              \
			fuzz_report(__FILE__, __LINE__, #cond);             \
			abort();                                            \
		}                                                           \
	} while (0)

void fuzz_report(const char *file, int line, const char *what);

#endif
