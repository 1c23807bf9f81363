/* SPDX-License-Identifier: ISC */
/*
 * bench_rules: a synthetic national dataset (every state, 60 counties a
 * state, 28 places a county: about 89,000 jurisdictions with their
 * parents; one agency, one policy with 10 provisions and JAG awards for
 * FY2016-FY2018 each; a few rulings) in SQLite, fully evaluated against
 * every condition of the shipped rules, and compared with the time
 * SQLite needs only to read the same provisions.
 *
 *     bench_rules [DB] [RULES_DIR]
 *
 * DB (default /tmp/attest-bench-rules.db) is built on the first run and
 * reused afterwards.  Measured side by side in one run, RUNS times in
 * turn, and reported as the best and the median:
 *   peer             raw sqlite3 stepping over every provision, reading
 *                    the provision columns evaluation reads (id, policy,
 *                    type, scope, valid_from, valid_to) in table order:
 *                    the cheapest way to read the same provisions
 *   load facts       assess_facts_load_lean: every kind the engine reads
 *                    (jurisdictions, agencies, policies, provisions,
 *                    awards, conditions, requirements, rulings), without
 *                    the text only explanations print
 *   evaluate         rules_eval_all over jurisdictions x conditions
 *   full             load facts + evaluate: the figure the goal is about
 * and the ratio full / peer (goal < 2, ../shared/PERF.md) and
 * evaluations per second; then once each, the explained paths: full
 * facts and rules_eval_all with explanations, and the same written as
 * `attest eval --json` writes it (BENCH_RULES_LEAN=1 in the environment
 * leaves those out).  Times are process CPU seconds
 * (CLOCK_PROCESS_CPUTIME_ID), so other work on a shared machine counts
 * against neither side; the load average is printed with them.
 *
 * Run by hand (`make bench`); never part of the test suites.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "api/eval_json.h"
#include "assess/assess.h"
#include "core/buf.h"
#include "model/model.h"
#include "rules/rules.h"
#include "store/store.h"

#define COUNTIES_PER_STATE 60
#define PLACES_PER_COUNTY  28
#define PROVISIONS_PER_POLICY 10
#define RUNS 3

/* Process CPU seconds: the machine is shared, so wall time swings with
 * the load of others; CPU time measures our own work. */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
die(const char *what, enum at_err er, const struct at_diag *d)
{
	char msg[1024] = "";

	if (d != NULL)
		at_diag_format(d, msg, sizeof(msg));
	fprintf(stderr, "bench_rules: %s: %s %s\n", what, at_strerror(er), msg);
	exit(1);
}

/* xorshift64: deterministic data, the same on every libc. */
static uint64_t
next_rand(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void
set(struct model_record *r, const char *field, const char *val)
{
	struct at_diag d;
	int i = model_field_index(r->kind, field);
	enum at_err er;

	if (i < 0)
		abort();
	er = model_record_set(r, (size_t)i, val, strlen(val), &d);
	if (er != AT_OK)
		die(field, er, &d);
}

static void
insert(struct store *s, struct model_record *r)
{
	struct at_diag d;
	enum at_err er;

	set(r, "source", "synthetic benchmark data");
	at_diag_clear(&d);
	er = store_record_insert(s, r, &d);
	if (er != AT_OK)
		die("insert", er, &d);
	model_record_free(r);
}

static void
fmt(char *out, size_t n, const char *f, ...) __attribute__((format(printf, 3, 4)));

static void
fmt(char *out, size_t n, const char *f, ...)
{
	va_list ap;
	int rc;

	va_start(ap, f);
	rc = vsnprintf(out, n, f, ap);
	va_end(ap);
	if (rc < 0 || (size_t)rc >= n)
		abort();
}

/* One jurisdiction with its agency, awards, policy and provisions. */
static void
add_one(struct store *s, const char *id, const char *name, const char *kind,
    const char *parent, uint64_t *seed, size_t *nrec)
{
	struct model_record *r;
	char ag[32], pol[32], buf[64];

	r = model_record_new(KIND_JURISDICTION);
	set(r, "id", id);
	set(r, "name", name);
	set(r, "kind", kind);
	if (parent != NULL)
		set(r, "parent", parent);
	insert(s, r);
	fmt(ag, sizeof(ag), "AG-%s", id);
	r = model_record_new(KIND_AGENCY);
	set(r, "id", ag);
	set(r, "jurisdiction", id);
	set(r, "name", "Police department");
	set(r, "kind", "police");
	insert(s, r);
	for (int fy = 2016; fy <= 2018; fy++) {
		char fys[8];

		r = model_record_new(KIND_AWARD);
		fmt(buf, sizeof(buf), "AW%d-%s", fy, id);
		fmt(fys, sizeof(fys), "%d", fy);
		set(r, "id", buf);
		set(r, "program", "JAG");
		set(r, "agency", ag);
		set(r, "fiscal_year", fys);
		insert(s, r);
	}
	fmt(pol, sizeof(pol), "POL-%s", id);
	r = model_record_new(KIND_POLICY);
	set(r, "id", pol);
	set(r, "jurisdiction", id);
	set(r, "kind", "ordinance");
	set(r, "title", "Welcoming ordinance");
	set(r, "citation", "Municipal Code ch. 2-173");
	set(r, "valid_from", "2012-09-12");
	insert(s, r);
	for (int k = 0; k < PROVISIONS_PER_POLICY; k++) {
		uint64_t x = next_rand(seed);
		char type[8];

		r = model_record_new(KIND_PROVISION);
		fmt(buf, sizeof(buf), "PRV-%s-%d", id, k);
		/* Mostly detainer and inquiry rules, some bars on sharing. */
		fmt(type, sizeof(type), "P%02d", (int)(x % 20) + 1);
		set(r, "id", buf);
		set(r, "policy", pol);
		set(r, "type", type);
		set(r, "section", "2-173-042(b)");
		set(r, "excerpt",
		    "No agent shall expend time responding to ICE inquiries "
		    "or communicating with ICE about a person's custody status "
		    "or release date.");
		set(r, "excerpt_kind", "described");
		if (x % 7 == 0)
			set(r, "valid_to", "2018-01-01");
		insert(s, r);
	}
	*nrec += 2 + 3 + 1 + PROVISIONS_PER_POLICY;
}

static void
add_rulings(struct store *s)
{
	static const struct {
		const char *id, *kind, *scope, *conds, *plaintiffs, *target,
		    *date, *to;
	} rr[] = {
		{ "PI-NATIONWIDE", "preliminary_injunction", "nationwide",
		    "JAG-FY2017-NOTICE;JAG-FY2017-ACCESS", "17", NULL,
		    "2017-09-15", "2018-06-26" },
		{ "STAY", "stay", "named_plaintiffs",
		    "JAG-FY2017-NOTICE;JAG-FY2017-ACCESS", "17", "PI-NATIONWIDE",
		    "2018-06-26", "2018-07-27" },
		{ "STATE-06", "permanent_injunction", "state_and_subdivisions",
		    "JAG-FY2017-1373;JAG-FY2017-NOTICE;JAG-FY2017-ACCESS", "06",
		    NULL, "2018-10-05", NULL },
		{ "NOTICE-36", "agency_notice", "state_and_subdivisions",
		    "JAG-FY2017-1373;JAG-FY2017-NOTICE;JAG-FY2017-ACCESS", "36",
		    NULL, "2020-11-05", NULL },
	};

	for (size_t i = 0; i < sizeof(rr) / sizeof(rr[0]); i++) {
		struct model_record *r = model_record_new(KIND_RULING);

		set(r, "id", rr[i].id);
		set(r, "case_name", "Synthetic v. Benchmark");
		set(r, "court", "N.D. Ill.");
		set(r, "date", rr[i].date);
		set(r, "kind", rr[i].kind);
		set(r, "conditions", rr[i].conds);
		set(r, "scope", rr[i].scope);
		set(r, "plaintiffs", rr[i].plaintiffs);
		if (rr[i].target != NULL)
			set(r, "target", rr[i].target);
		if (rr[i].to != NULL)
			set(r, "valid_to", rr[i].to);
		insert(s, r);
	}
}

static void
add_conditions(struct store *s)
{
	struct model_record *r = model_record_new(KIND_PROGRAM);

	set(r, "id", "JAG");
	set(r, "name", "Edward Byrne Memorial Justice Assistance Grant");
	set(r, "listing", "16.738");
	insert(s, r);
	for (int fy = 2016; fy <= 2017; fy++) {
		static const char *const names[] = { "1373", "NOTICE", "ACCESS" };

		for (int k = 0; k < 3; k++) {
			char id[64], fys[8];

			if (fy == 2016 && k > 0)
				continue;
			r = model_record_new(KIND_CONDITION);
			fmt(id, sizeof(id), "JAG-FY%d-%s", fy, names[k]);
			fmt(fys, sizeof(fys), "%d", fy);
			set(r, "id", id);
			set(r, "program", "JAG");
			set(r, "fiscal_year", fys);
			set(r, "title", id);
			insert(s, r);
		}
	}
}

static void
build(const char *path)
{
	struct store *s = NULL;
	struct at_diag d;
	uint64_t seed = 0x9e3779b97f4a7c15u;
	size_t nrec = 0, njur = 0;
	double t0 = now();
	enum at_err er;

	at_diag_clear(&d);
	er = store_open(path, &s, &d);
	if (er != AT_OK)
		die(path, er, &d);
	if ((er = store_begin(s)) != AT_OK)
		die("begin", er, NULL);
	add_conditions(s);
	for (int st = 1; st <= 78; st++) {
		char sid[8], cid[8], pid[8], name[64];

		fmt(sid, sizeof(sid), "%02d", st);
		if (model_state_abbr(sid) == NULL || st > 56)
			continue;
		fmt(name, sizeof(name), "State %s", model_state_abbr(sid));
		add_one(s, sid, name, "state", NULL, &seed, &nrec);
		njur++;
		for (int c = 0; c < COUNTIES_PER_STATE; c++) {
			fmt(cid, sizeof(cid), "%s%03d", sid, 2 * c + 1);
			fmt(name, sizeof(name), "County %s", cid);
			add_one(s, cid, name, "county", sid, &seed, &nrec);
			njur++;
			for (int p = 0; p < PLACES_PER_COUNTY; p++) {
				fmt(pid, sizeof(pid), "%s%05d", sid,
				    c * 100 + p + 1);
				fmt(name, sizeof(name), "City %s", pid);
				add_one(s, pid, name, "city", cid, &seed,
				    &nrec);
				njur++;
			}
		}
	}
	add_rulings(s);
	if ((er = store_commit(s)) != AT_OK)
		die("commit", er, NULL);
	store_close(s);
	printf("built %s: %zu jurisdictions, %zu records in %.1f s\n", path,
	    njur, nrec, now() - t0);
}

/* ---- measurements ---- */

/* The provision columns assess_facts_load_lean reads (the store's
 * STMT_FACTS_PROVISIONS), in table order. */
static const char peer_sql[] =
    "SELECT id, policy, type, scope, valid_from, valid_to FROM provisions";

static double
read_peer(sqlite3 *db, size_t *nrows)
{
	sqlite3_stmt *st = NULL;
	size_t n = 0, bytes = 0;
	double t0 = now();

	if (sqlite3_prepare_v2(db, peer_sql, -1, &st, NULL) != SQLITE_OK)
		die("prepare", AT_DB, NULL);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int nc = sqlite3_column_count(st);

		for (int i = 0; i < nc; i++)
			if (sqlite3_column_text(st, i) != NULL)
				bytes += (size_t)sqlite3_column_bytes(st, i);
		n++;
	}
	sqlite3_finalize(st);
	*nrows = n;
	if (bytes == 0)
		die("peer read nothing", AT_DB, NULL);
	return now() - t0;
}

struct tally {
	size_t n;
	size_t by[RULES_OUTCOME__MAX];
};

static int
tally(void *ctx, const char *jur, const char *target,
    const struct rules_result *r)
{
	struct tally *t = ctx;

	(void)jur;
	(void)target;
	t->n++;
	t->by[r->outcome]++;
	return 0;
}

/* Each result as `attest eval --json` writes it, into a buffer that is
 * emptied as it fills (the output itself is not the subject). */
struct json_sink {
	struct at_date day;
	const char *interp;
	struct buf b;
	size_t n, bytes;
};

static int
to_json(void *ctx, const char *jur, const char *target,
    const struct rules_result *r)
{
	struct json_sink *j = ctx;

	if (j->n++ > 0)
		buf_puts(&j->b, ",\n");
	eval_json_result(&j->b, jur, target, j->day, j->interp, r);
	if (buf_len(&j->b) > (1u << 20)) {
		j->bytes += buf_len(&j->b);
		buf_reset(&j->b);
	}
	return 0;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
best(const double *v)
{
	double w[RUNS];

	memcpy(w, v, sizeof(w));
	qsort(w, RUNS, sizeof(*w), cmp_double);
	return w[0];
}

static double
median(const double *v)
{
	double w[RUNS];

	memcpy(w, v, sizeof(w));
	qsort(w, RUNS, sizeof(*w), cmp_double);
	return w[RUNS / 2];
}

/* The machine is shared: say how busy it was (Linux /proc/loadavg). */
static void
load_average(const char *when)
{
	char line[128] = "";
	FILE *fp = fopen("/proc/loadavg", "r");

	if (fp == NULL)
		return;
	if (fgets(line, sizeof(line), fp) != NULL)
		printf("load average %s: %s", when, line);
	fclose(fp);
}

int
main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "/tmp/attest-bench-rules.db";
	const char *rules = argc > 2 ? argv[2] : AT_SOURCE_DIR "/rules";
	struct rules_set *rs = NULL;
	struct rules_facts *fx = NULL;
	struct store *s = NULL;
	sqlite3 *db = NULL;
	struct at_diag d;
	struct at_date day;
	double tpeer[RUNS], tload[RUNS], teval[RUNS], tfull[RUNS];
	double t0, texpl, tjson, tfload;
	size_t nprov = 0;
	struct tally t, te;
	struct json_sink js;
	enum at_err er;

	if (access(path, F_OK) != 0)
		build(path);
	at_diag_clear(&d);
	er = assess_rules_load(rules, &rs, &d);
	if (er != AT_OK)
		die(rules, er, &d);
	er = store_open(path, &s, &d);
	if (er != AT_OK)
		die(path, er, &d);
	/* The store's connection settings (one thread per connection, a
	 * 64 MiB page cache), so the peer reads no slower than it could. */
	if (sqlite3_open_v2(path, &db,
		SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA cache_size=-65536", NULL, NULL, NULL) !=
		SQLITE_OK)
		die("sqlite3_open", AT_DB, NULL);
	(void)at_date_parse_str("2017-10-12", &day);
	load_average("before");
	/* Warm the page cache for both sides. */
	(void)read_peer(db, &nprov);
	for (int i = 0; i < RUNS; i++) {
		struct rules_facts *f = NULL;
		double t1;

		tpeer[i] = read_peer(db, &nprov);
		t0 = now();
		er = assess_facts_load_lean(s, NULL, &f, &d);
		if (er != AT_OK)
			die("assess_facts_load_lean", er, &d);
		t1 = now();
		memset(&t, 0, sizeof(t));
		er = rules_eval_all(rs, f, NULL, NULL, day, "agency-2017",
		    false, tally, &t, &d);
		if (er != AT_OK)
			die("rules_eval_all", er, &d);
		tload[i] = t1 - t0;
		teval[i] = now() - t1;
		tfull[i] = tload[i] + teval[i];
		rules_facts_free(f);
	}
	memset(&te, 0, sizeof(te));
	memset(&js, 0, sizeof(js));
	texpl = tjson = tfload = 0;
	if (getenv("BENCH_RULES_LEAN") != NULL)
		goto report;
	/* The explained paths, once each: they are not the goal's subject. */
	t0 = now();
	er = assess_facts_load(s, NULL, &fx, &d);
	if (er != AT_OK)
		die("assess_facts_load", er, &d);
	tfload = now() - t0;
	memset(&te, 0, sizeof(te));
	t0 = now();
	er = rules_eval_all(rs, fx, NULL, NULL, day, "agency-2017", true,
	    tally, &te, &d);
	if (er != AT_OK)
		die("rules_eval_all", er, &d);
	texpl = now() - t0;
	memset(&js, 0, sizeof(js));
	js.day = day;
	js.interp = "agency-2017";
	buf_init(&js.b, 1u << 22);
	t0 = now();
	er = rules_eval_all(rs, fx, NULL, NULL, day, "agency-2017", true,
	    to_json, &js, &d);
	if (er != AT_OK)
		die("rules_eval_all", er, &d);
	tjson = now() - t0;
	js.bytes += buf_len(&js.b);
	buf_fini(&js.b);
	rules_facts_free(fx);
report:
	load_average("after");

	printf("provisions: %zu; evaluations per run: %zu (jurisdictions x "
	       "conditions)\n", nprov, t.n);
	printf("outcomes on 2017-10-12 under agency-2017:");
	for (int o = 0; o < RULES_OUTCOME__MAX; o++)
		printf(" %s %zu", rules_outcome_name((enum rules_outcome)o),
		    t.by[o]);
	printf("\n");
	printf("%d runs, CPU seconds          best    median\n", RUNS);
	printf("peer: read provisions (sqlite3) %7.3f %8.3f\n", best(tpeer),
	    median(tpeer));
	printf("load facts (lean, all kinds)   %7.3f %8.3f\n", best(tload),
	    median(tload));
	printf("evaluate (rules_eval_all)      %7.3f %8.3f  %.0f "
	       "evaluations/s (best)\n", best(teval), median(teval),
	    (double)t.n / best(teval));
	printf("full (load + evaluate)         %7.3f %8.3f\n", best(tfull),
	    median(tfull));
	printf("ratio full / peer              %7.2f %8.2f  (goal < 2)\n",
	    best(tfull) / best(tpeer), median(tfull) / median(tpeer));
	if (te.n == 0)
		goto out;
	printf("explained: load facts (full text) %.3f s\n", tfload);
	printf("explained: evaluate               %.3f s  %.0f "
	       "evaluations/s\n", texpl, (double)te.n / texpl);
	printf("explained: evaluate + JSON text   %.3f s  %.0f "
	       "evaluations/s, %.0f MB\n", tjson, (double)js.n / tjson,
	    (double)js.bytes / 1e6);
out:
	sqlite3_close(db);
	store_close(s);
	rules_set_free(rs);
	return 0;
}
