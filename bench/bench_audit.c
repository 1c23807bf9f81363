/* SPDX-License-Identifier: ISC */
/*
 * bench_audit: append N audit entries (default 1,000,000) to a fresh
 * SQLite store, sign a checkpoint, verify the whole log, and compare
 * verification with hashing the same bytes once (libsodium SHA-256 in
 * process, and the sha256sum program over a file holding them).
 *
 *     bench_audit [N] [DIR]
 *
 * Run by hand (`make bench`); never part of the test suites.  The
 * database and the byte dump go to DIR (default /tmp) and are removed.
 */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "audit/audit.h"
#include "core/buf.h"
#include "core/parse.h"
#include "store/store.h"

extern char **environ;

#define BATCH 100000 /* entries per transaction */

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
die(const char *what, enum at_err er)
{
	fprintf(stderr, "bench_audit: %s: %s\n", what, at_strerror(er));
	exit(1);
}

/* A record's canonical JSON, about the size of a real county's. */
static void
record_json(int64_t i, char *id, size_t idn, char *json, size_t n)
{
	int rc;

	rc = snprintf(id, idn, "%05lld", (long long)(i % 100000));
	if (rc < 0 || (size_t)rc >= idn)
		abort();
	rc = snprintf(json, n,
	    "{\"also_in\":null,\"confidence\":\"verified\",\"id\":\"%s\","
	    "\"kind\":\"county\",\"name\":\"Bench County %lld\",\"parent\":"
	    "\"%.2s\",\"source\":\"US Census Bureau cartographic boundaries "
	    "via us-atlas (counties-albers-10m.json)\",\"valid_from\":null,"
	    "\"valid_to\":null}",
	    id, (long long)i, id);
	if (rc < 0 || (size_t)rc >= n)
		abort();
}

struct dump {
	FILE *f;
	struct buf b;
	uint64_t bytes;
	crypto_hash_sha256_state st;
};

/* Write each entry's canonical bytes (what verify hashes) to a file. */
static int
dump_row(void *ctx, const struct store_audit_row *row)
{
	struct dump *d = ctx;
	struct audit_entry e;
	uint8_t h[AUDIT_HASH_LEN];
	const char *why;

	if (store_audit_row_entry(row, &e, h, &why) != AT_OK)
		return 1;
	buf_reset(&d->b);
	if (audit_entry_encode(&e, &d->b) != AT_OK)
		return 1;
	if (fwrite(buf_str(&d->b), 1, buf_len(&d->b), d->f) != buf_len(&d->b))
		return 1;
	d->bytes += buf_len(&d->b);
	return 0;
}

static int
noop_row(void *ctx, const struct store_audit_row *row)
{
	(void)row;
	(*(uint64_t *)ctx)++;
	return 0;
}

/* Seconds `sha256sum path` takes, or -1. */
static double
time_sha256sum(const char *path)
{
	posix_spawn_file_actions_t fa;
	char *argv[] = { (char *)(uintptr_t) "sha256sum",
		(char *)(uintptr_t)path, NULL };
	pid_t pid;
	int status;
	double t0, t1;

	if (posix_spawn_file_actions_init(&fa) != 0 ||
	    posix_spawn_file_actions_addopen(
	        &fa, 1, "/dev/null", O_WRONLY, 0) != 0)
		return -1;
	t0 = now();
	if (posix_spawnp(&pid, "sha256sum", &fa, NULL, argv, environ) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		return -1;
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		return -1;
	}
	t1 = now();
	posix_spawn_file_actions_destroy(&fa);
	return t1 - t0;
}

/* Seconds libsodium takes to hash the file once (read included). */
static double
time_sha256_inproc(const char *path)
{
	static unsigned char chunk[1 << 20];
	crypto_hash_sha256_state st;
	uint8_t h[AUDIT_HASH_LEN];
	FILE *f;
	size_t n;
	double t0;

	f = fopen(path, "rb");
	if (f == NULL)
		return -1;
	t0 = now();
	crypto_hash_sha256_init(&st);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		crypto_hash_sha256_update(&st, chunk, n);
	crypto_hash_sha256_final(&st, h);
	fclose(f);
	return now() - t0;
}

int
main(int argc, char **argv)
{
	int64_t n = 1000000;
	const char *dir = argc > 2 ? argv[2] : "/tmp";
	char dbpath[512], dumppath[512], side[600], id[16], json[512];
	struct store *s = NULL;
	struct audit_key *k;
	struct audit_checkpoint cp;
	struct audit_verify *v;
	struct audit_tree t;
	struct at_diag d;
	struct dump du;
	uint8_t seed[32], pk[AUDIT_PK_LEN], root[AUDIT_HASH_LEN];
	char hex[AUDIT_HEX_LEN];
	uint64_t count = 0;
	double t0, t_append, t_cp, t_verify, t_pure, t_sum, t_sodium, t_read;
	bool made;
	enum at_err er;

	if (sodium_init() < 0)
		return 1;
	if (argc > 1 &&
	    parse_i64(argv[1], strlen(argv[1]), 1, 100000000, &n) != AT_OK) {
		fprintf(stderr, "usage: bench_audit [N] [DIR]\n");
		return 2;
	}
	if (snprintf(dbpath, sizeof(dbpath), "%s/bench_audit-%ld.db", dir,
	        (long)getpid()) >= (int)sizeof(dbpath) ||
	    snprintf(dumppath, sizeof(dumppath), "%s/bench_audit-%ld.bytes",
	        dir, (long)getpid()) >= (int)sizeof(dumppath))
		return 2;
	memset(seed, 9, sizeof(seed));
	k = audit_key_from_seed(seed);
	audit_key_public(k, pk);

	/* 1. The audit module alone: hash and grow the tree. */
	{
		struct audit_entry e;
		uint8_t h[AUDIT_HASH_LEN];

		memset(&e, 0, sizeof(e));
		audit_tree_init(&t);
		audit_now(e.time);
		e.actor = "bench";
		e.verb = "insert";
		e.kind = "jurisdictions";
		t0 = now();
		for (int64_t i = 1; i <= n; i++) {
			record_json(i, id, sizeof(id), json, sizeof(json));
			e.seq = i;
			e.entity_id = id;
			e.new_json = json;
			if (audit_entry_hash(&e, h) != AT_OK)
				die("hash", AT_EINVAL);
			memcpy(e.prev, h, AUDIT_HASH_LEN);
			audit_tree_append(&t, h);
		}
		t_pure = now() - t0;
	}

	/* 2. Appending through the store, BATCH entries a transaction. */
	at_diag_clear(&d);
	er = store_open(dbpath, &s, &d);
	if (er != AT_OK)
		die(d.msg, er);
	store_set_actor(s, "bench");
	t0 = now();
	for (int64_t i = 1; i <= n; i++) {
		if ((i - 1) % BATCH == 0 && (er = store_begin(s)) != AT_OK)
			die("begin", er);
		record_json(i, id, sizeof(id), json, sizeof(json));
		er = store_audit_append(
		    s, "insert", "jurisdictions", id, json, NULL);
		if (er != AT_OK)
			die("append", er);
		if ((i % BATCH == 0 || i == n) &&
		    (er = store_commit(s)) != AT_OK)
			die("commit", er);
	}
	t_append = now() - t0;

	/* 3. One checkpoint over all of it (incremental from nothing). */
	t0 = now();
	er = store_checkpoint_write(s, k, &cp, &made, &d);
	if (er != AT_OK)
		die("checkpoint", er);
	t_cp = now() - t0;

	/* 4. Verify everything: chain, tree, checkpoint signature. */
	v = audit_verify_new(pk);
	t0 = now();
	er = store_audit_verify(s, v, &count, root);
	t_verify = now() - t0;
	if (er != AT_OK) {
		fprintf(stderr, "bench_audit: verify failed: %s\n",
		    audit_verify_reason(v));
		return 1;
	}
	audit_verify_free(v);

	/* 4b. Reading the rows alone, for comparison. */
	t0 = now();
	{
		uint64_t rows = 0;

		if (store_audit_each(s, 1, noop_row, &rows) != AT_OK ||
		    rows != count)
			die("read", AT_DB);
	}
	t_read = now() - t0;

	/* 5. The same bytes hashed once. */
	memset(&du, 0, sizeof(du));
	du.f = fopen(dumppath, "wb");
	if (du.f == NULL) {
		fprintf(
		    stderr, "bench_audit: %s: %s\n", dumppath, strerror(errno));
		return 1;
	}
	buf_init(&du.b, 1 << 20);
	if (store_audit_each(s, 1, dump_row, &du) != AT_OK || fclose(du.f) != 0)
		die("dump", AT_IO);
	buf_fini(&du.b);
	t_sodium = time_sha256_inproc(dumppath);
	(void)time_sha256sum(dumppath); /* warm the page cache */
	t_sum = time_sha256sum(dumppath);

	audit_hex(root, hex);
	printf("bench_audit: %lld entries, %.1f MB of entry bytes "
	       "(%.0f bytes each), root %.16s...\n",
	    (long long)count, (double)du.bytes / 1e6,
	    (double)du.bytes / (double)count, hex);
	printf("  hash + tree only (no database)  %8.2f s  %10.0f entries/s\n",
	    t_pure, (double)n / t_pure);
	printf("  append (SQLite, %d/tx)      %8.2f s  %10.0f entries/s\n",
	    BATCH, t_append, (double)n / t_append);
	printf("  checkpoint over all entries     %8.2f s\n", t_cp);
	printf("  verify (chain, tree, signature) %8.2f s  %10.0f entries/s  "
	       "%6.1f MB/s\n",
	    t_verify, (double)count / t_verify,
	    (double)du.bytes / 1e6 / t_verify);
	printf("  of which reading the rows       %8.2f s\n", t_read);
	printf("  SHA-256 once, libsodium         %8.2f s  %27.1f MB/s\n",
	    t_sodium, (double)du.bytes / 1e6 / t_sodium);
	if (t_sum > 0)
		printf(
		    "  sha256sum once                  %8.2f s  %27.1f MB/s\n",
		    t_sum, (double)du.bytes / 1e6 / t_sum);
	else
		printf("  sha256sum: not run\n");
	if (t_sum > 0)
		printf("  verify / sha256sum = %.2fx (goal <= 3x)\n",
		    t_verify / t_sum);
	printf("  verify / libsodium SHA-256 = %.2fx\n", t_verify / t_sodium);

	store_close(s);
	audit_key_free(k);
	unlink(dumppath);
	unlink(dbpath);
	if (snprintf(side, sizeof(side), "%s-wal", dbpath) > 0)
		unlink(side);
	if (snprintf(side, sizeof(side), "%s-shm", dbpath) > 0)
		unlink(side);
	return 0;
}
