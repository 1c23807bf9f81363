/* SPDX-License-Identifier: ISC */
/*
 * The importer harness behind fuzz_csv, fuzz_census and fuzz_topojson
 * (see fuzz_ingest.h).  The store and the temporary file live for the
 * whole process and are released at exit, so leak checkers stay quiet.
 */
#include "fuzz_ingest.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "ingest/ingest.h"
#include "store/store.h"

/* Fixture load order: each file refers only to kinds before it. */
static const enum model_kind fixture_order[] = {
	KIND_JURISDICTION, KIND_AGENCY, KIND_PROGRAM, KIND_REQUIREMENT,
	KIND_CONDITION, KIND_AWARD, KIND_POLICY, KIND_PROVISION,
	KIND_DIRECTIVE, KIND_DESIGNATION, KIND_RULING, KIND_NOTICE,
	KIND_CERTIFICATION, KIND_EVENT, KIND_ACTION,
};

static struct store *store;
static char tmp_path[4096];
static int64_t counts[KIND__MAX];
static int64_t audit_count;

static void
cleanup(void)
{
	store_close(store);
	store = NULL;
	if (tmp_path[0] != '\0')
		(void)unlink(tmp_path);
}

static void
setup(void)
{
	const char *tmpdir = getenv("TMPDIR");
	struct at_diag d;
	int fd, rc;

	if (tmpdir == NULL || tmpdir[0] == '\0')
		tmpdir = "/tmp";
	rc = snprintf(tmp_path, sizeof(tmp_path), "%s/fuzz-ingest.XXXXXX",
	    tmpdir);
	FUZZ_CHECK(rc > 0 && (size_t)rc < sizeof(tmp_path));
	fd = mkstemp(tmp_path);
	FUZZ_CHECK(fd >= 0);
	(void)close(fd);
	at_diag_clear(&d);
	FUZZ_CHECK(store_open(":memory:", &store, &d) == AT_OK);
	store_set_actor(store, "fuzz");
	atexit(cleanup);
	for (size_t i = 0; i < sizeof(fixture_order) /
	    sizeof(fixture_order[0]); i++) {
		const struct model_kind_desc *k =
		    model_kind_desc(fixture_order[i]);
		struct ingest_stats st;
		char path[4096];

		rc = snprintf(path, sizeof(path), "%s/fuzz/fixture/%s.csv",
		    AT_SOURCE_DIR, k->name);
		FUZZ_CHECK(rc > 0 && (size_t)rc < sizeof(path));
		at_diag_clear(&d);
		if (ingest_file(store, fixture_order[i], path, false, &st,
			&d) != AT_OK) {
			char msg[1024];

			at_diag_format(&d, msg, sizeof(msg));
			fprintf(stderr, "fixture: %s\n", msg);
			abort();
		}
	}
	for (int k = 0; k < KIND__MAX; k++)
		FUZZ_CHECK(store_record_count(store, (enum model_kind)k,
			       &counts[k]) == AT_OK);
	FUZZ_CHECK(store_audit_count(store, &audit_count) == AT_OK);
}

static void
write_input(const uint8_t *data, size_t size)
{
	int fd;

	fd = open(tmp_path, O_WRONLY | O_TRUNC);
	FUZZ_CHECK(fd >= 0);
	while (size > 0) {
		ssize_t n = write(fd, data, size);

		if (n < 0 && errno == EINTR)
			continue;
		FUZZ_CHECK(n > 0);
		data += n;
		size -= (size_t)n;
	}
	FUZZ_CHECK(close(fd) == 0);
}

void
fuzz_ingest_run(enum model_kind kind, const uint8_t *data, size_t size)
{
	struct ingest_stats st;
	struct at_diag d;
	int64_t n;
	enum at_err er;

	if (store == NULL)
		setup();
	write_input(data, size);
	at_diag_clear(&d);
	er = ingest_file(store, kind, tmp_path, true, &st, &d);
	FUZZ_CHECK(er < AT_ERR__MAX);
	FUZZ_CHECK(memchr(d.msg, '\0', sizeof(d.msg)) != NULL);
	FUZZ_CHECK(memchr(d.field, '\0', sizeof(d.field)) != NULL);
	FUZZ_CHECK(memchr(d.file, '\0', sizeof(d.file)) != NULL);
	if (er == AT_OK)
		FUZZ_CHECK(st.inserted >= 0 && st.rows >= 0);
	/* A dry run, good or bad, leaves the store as it was. */
	FUZZ_CHECK(store_record_count(store, kind, &n) == AT_OK);
	FUZZ_CHECK(n == counts[kind]);
	FUZZ_CHECK(store_audit_count(store, &n) == AT_OK);
	FUZZ_CHECK(n == audit_count);
}
