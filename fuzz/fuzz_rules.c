/* SPDX-License-Identifier: ISC */
/*
 * The rules language (src/rules): the input is one rule file.  It is
 * parsed into a fresh set; if it parses, the set is finished (cross
 * references) and, if that passes, the tests the file declares are run,
 * each on the facts it states, which drives the evaluator and its
 * explanations.  The seeds are the shipped rule files, alone and
 * joined into one, so mutations start from real statutes, conditions
 * and tests.
 *
 * Properties: no crash, leak or undefined behaviour; every answer is
 * one of the documented errors; a diagnostic is a terminated string;
 * the pass and fail counts add up to the number of tests.
 */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rules_set *rs;
	struct at_diag d;
	size_t npassed = 0, nfailed = 0;
	enum at_err er;

	rs = rules_set_new();
	FUZZ_CHECK(rs != NULL);
	at_diag_clear(&d);
	er = rules_set_add(rs, "fuzz.rules", (const char *)data, size, &d);
	FUZZ_CHECK(er == AT_OK || er == AT_EINVAL || er == AT_CONFLICT ||
	    er == AT_LIMIT);
	FUZZ_CHECK(memchr(d.msg, '\0', sizeof(d.msg)) != NULL);
	if (er != AT_OK)
		goto out;
	at_diag_clear(&d);
	er = rules_set_finish(rs, &d);
	FUZZ_CHECK(er == AT_OK || er == AT_EINVAL);
	if (er != AT_OK)
		goto out;
	for (size_t i = 0; i < rules_set_ninterpretations(rs); i++)
		FUZZ_CHECK(rules_set_interpretation(rs, i) != NULL);
	at_diag_clear(&d);
	er = rules_test_run(rs, NULL, NULL, &npassed, &nfailed, &d);
	FUZZ_CHECK(er == AT_OK || er == AT_EINVAL || er == AT_NOTFOUND);
	if (er == AT_OK)
		FUZZ_CHECK(npassed + nfailed == rules_set_ntests(rs));
out:
	/* FUZZ_DEBUG=1 says how far an input got (for seeding). */
	if (getenv("FUZZ_DEBUG") != NULL)
		fprintf(stderr, "rules: %s, %zu passed, %zu failed: %s\n",
		    at_strerror(er), npassed, nfailed, d.msg);
	rules_set_free(rs);
	return 0;
}
