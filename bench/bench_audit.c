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
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "audit/audit.h"
#include "core/buf.h"
#include "core/parse.h"
#include "store/store.h"

extern char **environ;

#define BATCH  100000 /* entries per transaction */
#define ROUNDS 3      /* timed rounds of verify and of hashing */

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

/* CPU seconds (user + system) used so far by who (RUSAGE_SELF, all
 * threads, or RUSAGE_CHILDREN, children waited for). */
static double
cpu(int who)
{
	struct rusage ru;

	if (getrusage(who, &ru) != 0)
		return 0;
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	    (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

/* Seconds `sha256sum path` takes, or -1; its CPU seconds to *cpu_s. */
static double
time_sha256sum(const char *path, double *cpu_s)
{
	double c0 = cpu(RUSAGE_CHILDREN);

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
	*cpu_s = cpu(RUSAGE_CHILDREN) - c0;
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
	double t0, t_append, t_cp, t_pure;
	double t_verify = 0, t_sum = 0, t_sodium = 0, t_read = 0;
	double c_verify = 0, c_sum = 0;
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

	/* 4. The entry bytes, as verify hashes them, into a file. */
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
	(void)time_sha256sum(dumppath, &c_sum); /* warm the page cache */

	/* 5. ROUNDS rounds of: verify everything (chain, tree, checkpoint
	 * signature); read the rows alone; hash the bytes once with
	 * sha256sum and with libsodium.  Interleaved, and the best of each
	 * kept, so a busy machine skews them alike. */
	for (int round = 0; round < ROUNDS; round++) {
		double w, c;
		uint64_t rows = 0;

		v = audit_verify_new(pk);
		c = cpu(RUSAGE_SELF);
		t0 = now();
		er = store_audit_verify(s, v, &count, root);
		w = now() - t0;
		c = cpu(RUSAGE_SELF) - c;
		if (er != AT_OK) {
			fprintf(stderr, "bench_audit: verify failed: %s\n",
			    audit_verify_reason(v));
			return 1;
		}
		audit_verify_free(v);
		t_verify = round == 0 || w < t_verify ? w : t_verify;
		c_verify = round == 0 || c < c_verify ? c : c_verify;

		t0 = now();
		if (store_audit_each(s, 1, noop_row, &rows) != AT_OK ||
		    rows != count)
			die("read", AT_DB);
		w = now() - t0;
		t_read = round == 0 || w < t_read ? w : t_read;

		w = time_sha256sum(dumppath, &c);
		if (w < 0) {
			t_sum = -1;
		} else if (t_sum >= 0) {
			t_sum = round == 0 || w < t_sum ? w : t_sum;
			c_sum = round == 0 || c < c_sum ? c : c_sum;
		}
		w = time_sha256_inproc(dumppath);
		t_sodium = round == 0 || w < t_sodium ? w : t_sodium;
	}

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
	printf("best of %d:\n", ROUNDS);
	printf("  verify (chain, tree, signature) %8.2f s  %10.0f entries/s  "
	       "%6.1f MB/s  (CPU %.2f s)\n",
	    t_verify, (double)count / t_verify,
	    (double)du.bytes / 1e6 / t_verify, c_verify);
	printf("  reading the rows alone          %8.2f s\n", t_read);
	printf("  SHA-256 once, libsodium         %8.2f s  %27.1f MB/s\n",
	    t_sodium, (double)du.bytes / 1e6 / t_sodium);
	if (t_sum > 0) {
		printf(
		    "  sha256sum once                  %8.2f s  %27.1f MB/s  "
		    "(CPU %.2f s)\n",
		    t_sum, (double)du.bytes / 1e6 / t_sum, c_sum);
		printf("  verify / sha256sum = %.2fx wall, %.2fx CPU "
		       "(goal <= 3x)\n",
		    t_verify / t_sum, c_sum > 0 ? c_verify / c_sum : 0.0);
	} else
		printf("  sha256sum: not run\n");
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
