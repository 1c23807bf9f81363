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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* abort() with a message when a property fails, in release builds too
 * (assert() may be compiled out). */
#define FUZZ_CHECK(cond)                                                    \
	do {                                                                \
		if (!(cond))                                                \
			fuzz_fail(__FILE__, __LINE__, #cond);               \
	} while (0)

_Noreturn void fuzz_fail(const char *file, int line, const char *what);

#endif
