/* SPDX-License-Identifier: ISC */
/*
 * main() for a fuzz target without libFuzzer: run the target once on
 * every file named on the command line, descending into directories
 * (one level of files, sorted, as corpora are laid out).  Used by the
 * fuzz-replay test suite, so every committed corpus and crash
 * reproducer runs under gcc with ASan and UBSan in make check (after
 * SQLite's test/fuzzcheck.c).
 *
 * Exit 0 when every input ran, 1 when an input could not be read, 2 on
 * usage.  A failing input crashes or aborts; its name was printed just
 * before, so the log shows which one.
 */
#include "fuzz.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define REPLAY_MAX (1024 * 1024) /* libFuzzer's default -max_len is far
				    below this; larger seeds are refused */

static int
run_file(const char *path, int verbose)
{
	FILE *f;
	uint8_t *data = NULL;
	size_t n;
	int rc = 1;

	f = fopen(path, "rb");
	if (f == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return 1;
	}
	data = malloc(REPLAY_MAX + 1);
	if (data == NULL) {
		fprintf(stderr, "replay: out of memory\n");
		goto out;
	}
	n = fread(data, 1, REPLAY_MAX + 1, f);
	if (ferror(f) || n > REPLAY_MAX) {
		fprintf(stderr, "replay: %s: unreadable or over %d bytes\n",
		    path, REPLAY_MAX);
		goto out;
	}
	if (verbose)
		fprintf(stderr, "replay: %s (%zu bytes)\n", path, n);
	/* A copy of exactly n bytes, so ASan sees reads past the end. */
	{
		uint8_t *exact = malloc(n > 0 ? n : 1);

		if (exact == NULL) {
			fprintf(stderr, "replay: out of memory\n");
			goto out;
		}
		memcpy(exact, data, n);
		(void)LLVMFuzzerTestOneInput(exact, n);
		free(exact);
	}
	rc = 0;
out:
	free(data);
	fclose(f);
	return rc;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
run_dir(const char *dir, int verbose, size_t *count)
{
	DIR *dp;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;

	dp = opendir(dir);
	if (dp == NULL) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **nn;

			cap = cap > 0 ? cap * 2 : 64;
			nn = realloc(names, cap * sizeof(*names));
			if (nn == NULL) {
				rc = 1;
				goto out;
			}
			names = nn;
		}
		names[n] = malloc(strlen(dir) + strlen(de->d_name) + 2);
		if (names[n] == NULL) {
			rc = 1;
			goto out;
		}
		memcpy(names[n], dir, strlen(dir));
		names[n][strlen(dir)] = '/';
		memcpy(names[n] + strlen(dir) + 1, de->d_name,
		    strlen(de->d_name) + 1);
		n++;
	}
	if (n > 0)
		qsort(names, n, sizeof(*names), cmp_names);
	for (size_t i = 0; i < n; i++) {
		struct stat sb;

		if (stat(names[i], &sb) != 0 || !S_ISREG(sb.st_mode))
			continue;
		if (run_file(names[i], verbose) != 0)
			rc = 1;
		(*count)++;
	}
out:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(dp);
	return rc;
}

int
main(int argc, char *argv[])
{
	int verbose = getenv("FUZZ_REPLAY_VERBOSE") != NULL;
	size_t count = 0;
	int rc = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		struct stat sb;

		if (stat(argv[i], &sb) != 0) {
			/* A target may have no crash reproducers yet. */
			if (errno == ENOENT)
				continue;
			fprintf(stderr, "replay: %s: %s\n", argv[i],
			    strerror(errno));
			rc = 1;
		} else if (S_ISDIR(sb.st_mode)) {
			if (run_dir(argv[i], verbose, &count) != 0)
				rc = 1;
		} else {
			if (run_file(argv[i], verbose) != 0)
				rc = 1;
			count++;
		}
	}
	printf("%s: %zu inputs replayed\n", argv[0], count);
	return rc;
}
