/* SPDX-License-Identifier: ISC */
/*
 * gen_detainers N [COUNTIES]: write N synthetic detainer records as CSV
 * to stdout, the same N rows for the same arguments on every machine
 * (a fixed-seed xorshift generator, no libc rand).
 *
 * Columns: detainer_id,issued_date,facility,facility_county_fips,
 * outcome,outcome_date,citizenship -- the six the importer requires and
 * one kept as it comes.  COUNTIES is a file of county FIPS codes, one a
 * line (e.g. the first column of county_fips_master.csv, padded); by
 * default a synthetic list of 3,000 codes is used.  Dates run from
 * 2007-10-01 to 2015-07-19, as the ICE FOIA release does.  Detainers
 * concentrate in large jails as they do in that release: counties are
 * drawn with Zipf weights (1/rank, over the list in a shuffled order),
 * and within a county its main jail takes 70% of the rows, two others
 * 20% and 10%.  Used only by
 * bench/bench_import.sh and the tests; not part of attest.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state = 0x9E3779B97F4A7C15ULL;

static uint64_t
next(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

static uint32_t
below(uint32_t n)
{
	return (uint32_t)(next() % n);
}

/* Days since 1970-01-01 to y-m-d (Howard Hinnant's algorithm). */
static void
civil(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static const char *const outcomes[] = {
	"Detainer Declined by LEA", "Removed", "Released", "Transferred",
	"Lifted - Lack of Space", "Alien Not Subject to Deportation",
	"United States Citizen Interviewed", "",
};
/* Weights per 100, same order. */
static const int weights[] = { 6, 44, 18, 10, 2, 3, 2, 15 };

static const char *const countries[] = { "MEXICO", "GUATEMALA",
	"HONDURAS", "EL SALVADOR", "DOMINICAN REPUBLIC", "CHINA", "INDIA",
	"CUBA" };

int
main(int argc, char **argv)
{
	char (*fips)[6] = NULL;
	size_t nfips = 0, cap = 0;
	long long n;
	char *end;
	const int64_t first = 13787, last = 16635; /* 2007-10-01, 2015-07-19 */

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: gen_detainers N [COUNTIES]\n");
		return 2;
	}
	n = strtoll(argv[1], &end, 10);
	if (*end != '\0' || n < 0) {
		fprintf(stderr, "gen_detainers: bad N\n");
		return 2;
	}
	if (argc == 3) {
		FILE *f = fopen(argv[2], "r");
		char line[64];

		if (f == NULL) {
			perror(argv[2]);
			return 2;
		}
		while (fgets(line, sizeof(line), f) != NULL) {
			size_t len = strcspn(line, "\r\n,");

			if (len != 5)
				continue;
			if (nfips == cap) {
				cap = cap ? cap * 2 : 4096;
				fips = realloc(fips, cap * sizeof(*fips));
				if (fips == NULL)
					return 1;
			}
			memcpy(fips[nfips], line, 5);
			fips[nfips][5] = '\0';
			nfips++;
		}
		fclose(f);
	}
	if (nfips == 0) {
		cap = nfips = 3000;
		fips = malloc(cap * sizeof(*fips));
		if (fips == NULL)
			return 1;
		for (size_t i = 0; i < nfips; i++)
			(void)snprintf(fips[i], 6, "%02zu%03zu", 1 + i / 60,
			    1 + 2 * (i % 60));
	}
	/* Zipf weights over a shuffled order of the counties. */
	double *cum = malloc(nfips * sizeof(*cum)), total = 0;
	size_t *order = malloc(nfips * sizeof(*order));

	if (cum == NULL || order == NULL)
		return 1;
	for (size_t i = 0; i < nfips; i++)
		order[i] = i;
	for (size_t i = nfips - 1; i > 0; i--) {
		size_t j = below((uint32_t)(i + 1)), tmp = order[i];

		order[i] = order[j];
		order[j] = tmp;
	}
	for (size_t i = 0; i < nfips; i++) {
		total += 1.0 / (double)(i + 1);
		cum[i] = total;
	}
	printf("detainer_id,issued_date,facility,facility_county_fips,"
	       "outcome,outcome_date,citizenship\n");
	for (long long i = 0; i < n; i++) {
		double u = (double)(next() >> 11) / 9007199254740992.0 * total;
		size_t lo = 0, hi = nfips - 1;
		const char *cf;
		uint32_t fw = below(10);

		while (lo < hi) {
			size_t mid = (lo + hi) / 2;

			if (cum[mid] < u)
				lo = mid + 1;
			else
				hi = mid;
		}
		cf = fips[order[lo]];
		int64_t day = first + below((uint32_t)(last - first + 1));
		uint32_t w = below(100), o = 0;
		int y, m, d, y2, m2, d2;
		int acc = 0;

		for (o = 0; o < 8; o++) {
			acc += weights[o];
			if ((int)w < acc)
				break;
		}
		civil(day, &y, &m, &d);
		civil(day + below(90), &y2, &m2, &d2);
		printf("D%010lld,%04d-%02d-%02d,COUNTY JAIL %s-%u,%s,%s,", i + 1,
		    y, m, d, cf, fw < 7 ? 1 : fw < 9 ? 2 : 3, cf, outcomes[o]);
		if (outcomes[o][0] != '\0')
			printf("%04d-%02d-%02d", y2, m2, d2);
		printf(",%s\n", countries[below(8)]);
	}
	free(cum);
	free(order);
	free(fips);
	return fflush(stdout) == 0 ? 0 : 1;
}
