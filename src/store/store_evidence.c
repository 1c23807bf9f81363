/* SPDX-License-Identifier: ISC */
/*
 * Evidence rows to statement parameters and back (see store_evidence.h).
 * The SQL is in sql_<backend>.c like every other statement.
 */
#include "store/store_evidence.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/parse.h"
#include "core/xalloc.h"
#include "store/store.h"
#include "store/store_int.h"

static struct store_param
ptext(const char *v)
{
	struct store_param p = { v != NULL ? SP_TEXT : SP_NULL, v, 0 };

	return p;
}

static struct store_param
pnum(int64_t n)
{
	struct store_param p = { n < 0 ? SP_NULL : SP_INT, NULL, n };

	return p;
}

static struct store_param
pint(int64_t n)
{
	struct store_param p = { SP_INT, NULL, n };

	return p;
}

/* A stored integer, or -1 for NULL. */
static int64_t
col_num(const char *v)
{
	int64_t n = -1;

	if (v != NULL &&
	    parse_i64(v, strlen(v), INT64_MIN, INT64_MAX, &n) != AT_OK)
		n = -1;
	return n;
}

static enum at_err exists(struct store *s, enum stmt st, const char *v,
    bool *found);

static void
copy(char *dst, size_t n, const char *v)
{
	if (snprintf(dst, n, "%s", v != NULL ? v : "") < 0)
		dst[0] = '\0';
}

enum at_err
store_ev_detainers_insert(struct store *s,
    const struct store_ev_detainer *rows, size_t n, size_t *done,
    struct at_diag *d)
{
	struct store_param p[STORE_EV_BATCH * 7];
	enum at_err er;

	*done = 0;
	if (s->tx_depth == 0)
		return AT_CONFLICT;
	/* store_pg.c binds at most 64 parameters: one row at a time. */
	if (n == STORE_EV_BATCH && strcmp(store_backend(s), "sqlite") == 0) {
		for (size_t r = 0; r < n; r++)
			for (size_t c = 0; c < 7; c++)
				p[r * 7 + c] = ptext(rows[r].v[c]);
		er = s->ops->exec(s, STMT_EV_DETAINER_INSERT_BATCH, p, n * 7,
		    NULL, NULL, d);
		if (er == AT_OK)
			*done = n;
		return er;
	}
	for (size_t r = 0; r < n; r++) {
		for (size_t c = 0; c < 7; c++)
			p[c] = ptext(rows[r].v[c]);
		er = s->ops->exec(s, STMT_EV_DETAINER_INSERT, p, 7, NULL, NULL,
		    d);
		if (er != AT_OK)
			return er;
		(*done)++;
	}
	return AT_OK;
}

bool
store_ev_has_copy(const struct store *s)
{
	return strcmp(store_backend(s), "postgresql") == 0;
}

enum at_err
store_ev_detainers_copy_begin(struct store *s, struct at_diag *d)
{
	if (!store_ev_has_copy(s))
		return AT_EINVAL;
	return store_pg_copy_begin(s, STMT_EV_DETAINER_COPY, d);
}

/* COPY data of one call at most (the rows of one batch are far less). */
#define COPY_DATA_MAX ((size_t)256 << 20)

/* Bytes a value can take in COPY's text format: every byte escaped, at
 * worst, and \N for NULL. */
static size_t
copy_bound(const char *v)
{
	return v == NULL ? 2 : 2 * strlen(v);
}

/* The letter after the backslash that stands for a byte in COPY's text
 * format, 0 for a byte that goes as it is. */
static const char copy_esc[256] = {
	['\\'] = '\\', ['\t'] = 't', ['\n'] = 'n', ['\r'] = 'r',
};

/* One value in COPY's text format at o (copy_bound bytes free):
 * backslash escapes, \N for NULL.  Returns the end.  One pass, a table
 * lookup per byte and no reallocation: this runs for every field of
 * millions of rows. */
static char *
copy_put(char *o, const char *v)
{
	if (v == NULL) {
		*o++ = '\\';
		*o++ = 'N';
		return o;
	}
	for (; *v != '\0'; v++) {
		char e = copy_esc[(unsigned char)*v];

		if (e != 0) {
			*o++ = '\\';
			*o++ = e;
		} else
			*o++ = *v;
	}
	return o;
}

/* Send the n bytes at data to the open COPY and free them. */
static enum at_err
copy_send_free(struct store *s, char *data, size_t n, struct at_diag *d)
{
	enum at_err er = store_pg_copy_send(s, data, n, d);

	free(data);
	return er;
}

enum at_err
store_ev_detainers_copy(struct store *s, const struct store_ev_detainer *rows,
    size_t n, struct at_diag *d)
{
	size_t cap = 0;
	char *data, *o;

	/* The size first, so the text is written in one allocation. */
	for (size_t r = 0; r < n; r++)
		for (size_t c = 0; c < 7; c++) {
			cap += copy_bound(rows[r].v[c]) + 1;
			if (cap > COPY_DATA_MAX)
				return at_diag_set(d, AT_LIMIT, "",
				    "rows too long for one COPY");
		}
	data = xmalloc(cap > 0 ? cap : 1);
	o = data;
	for (size_t r = 0; r < n; r++)
		for (size_t c = 0; c < 7; c++) {
			o = copy_put(o, rows[r].v[c]);
			*o++ = c == 6 ? '\n' : '\t';
		}
	return copy_send_free(s, data, (size_t)(o - data), d);
}

enum at_err
store_ev_detainers_copy_end(struct store *s, bool abandon, char *dup_id,
    size_t n, int64_t *row, struct at_diag *d)
{
	struct at_diag d2;
	enum at_err er;
	const char *k, *e;

	at_diag_clear(&d2);
	er = store_pg_copy_end(s, abandon, row, &d2);
	if (d != NULL && er != AT_OK)
		*d = d2;
	dup_id[0] = '\0';
	/* The server's detail: Key (detainer_id)=(X) already exists. */
	k = er == AT_CONFLICT ? strstr(d2.msg, "(detainer_id)=(") : NULL;
	e = k != NULL ? strstr(k, ") already exists") : NULL;
	if (e != NULL) {
		k += strlen("(detainer_id)=(");
		(void)snprintf(dup_id, n, "%.*s", (int)(e - k), k);
	}
	return er;
}

enum at_err
store_ev_summary_bulk_begin(struct store *s, const char *source,
    struct at_diag *d)
{
	bool found = true;
	enum at_err er;

	s->ev_direct = false;
	if (!store_ev_has_copy(s))
		return AT_OK;
	/* No row of the source: nothing to add to, so no staging table
	 * and no MERGE (the rows of one flush have distinct keys). */
	er = exists(s, STMT_EV_SUMMARY_HAS_SOURCE, source, &found);
	s->ev_direct = er == AT_OK && !found;
	if (s->ev_direct)
		return store_pg_copy_begin(s, STMT_EV_SUMMARY_COPY_DIRECT, d);
	if (er == AT_OK)
		er = s->ops->exec(s, STMT_EV_SUMMARY_STAGE, NULL, 0, NULL,
		    NULL, d);
	if (er == AT_OK)
		er = store_pg_copy_begin(s, STMT_EV_SUMMARY_COPY, d);
	return er;
}

/* A count in COPY's text format at o (COUNT_LEN bytes free), then end;
 * \N for NULL (below 0). */
#define COUNT_LEN 24
static char *
copy_count(char *o, int64_t v, char end)
{
	int k = v < 0 ? snprintf(o, COUNT_LEN, "\\N") :
	    snprintf(o, COUNT_LEN, "%lld", (long long)v);

	if (k < 0 || k >= COUNT_LEN)
		abort();
	o[k] = end;
	return o + k + 1;
}

enum at_err
store_ev_summary_bulk_add(struct store *s, const struct store_ev_count *c,
    size_t n, struct at_diag *d)
{
	size_t cap = 0;
	char *data, *o;

	if (!store_ev_has_copy(s))
		return store_ev_summary_add_many(s, c, n);
	for (size_t i = 0; i < n; i++) {
		cap += copy_bound(c[i].source) + copy_bound(c[i].jurisdiction) +
		    copy_bound(c[i].facility) + copy_bound(c[i].period) + 4 +
		    3 * (COUNT_LEN + 1);
		if (cap > COPY_DATA_MAX)
			return at_diag_set(d, AT_LIMIT, "",
			    "summary rows too long for one COPY");
	}
	data = xmalloc(cap > 0 ? cap : 1);
	o = data;
	for (size_t i = 0; i < n; i++) {
		o = copy_put(o, c[i].source);
		*o++ = '\t';
		o = copy_put(o, c[i].jurisdiction);
		*o++ = '\t';
		o = copy_put(o, c[i].facility);
		*o++ = '\t';
		o = copy_put(o, c[i].period);
		*o++ = '\t';
		o = copy_count(o, c[i].issued, '\t');
		o = copy_count(o, c[i].declined, '\t');
		o = copy_count(o, c[i].other, '\n');
	}
	return copy_send_free(s, data, (size_t)(o - data), d);
}

enum at_err
store_ev_summary_bulk_end(struct store *s, bool abandon, struct at_diag *d)
{
	int64_t row;
	enum at_err er;

	if (!store_ev_has_copy(s))
		return AT_OK;
	er = store_pg_copy_end(s, abandon, &row, d);
	if (s->ev_direct) {
		s->ev_direct = false;
		return er;
	}
	if (er == AT_OK)
		er = s->ops->exec(s, STMT_EV_SUMMARY_MERGE_MEM, NULL, 0, NULL,
		    NULL, d);
	if (er == AT_OK)
		er = s->ops->exec(s, STMT_EV_SUMMARY_MERGE, NULL, 0, NULL, NULL,
		    d);
	if (er == AT_OK)
		er = s->ops->exec(s, STMT_EV_SUMMARY_UNSTAGE, NULL, 0, NULL,
		    NULL, d);
	return er;
}

struct dup_ctx {
	char *id;
	size_t n;
	int64_t num; /* SQLite: the later rowid; PostgreSQL: the rows */
	bool found;
};

static int
dup_row(void *ctx, const struct store_row *row)
{
	struct dup_ctx *c = ctx;

	if (row->ncols < 2)
		return 1;
	copy(c->id, c->n, row->vals[0]);
	c->num = col_num(row->vals[1]);
	c->found = true;
	return 1;
}

static int
last_row(void *ctx, const struct store_row *row)
{
	if (row->ncols > 0)
		*(int64_t *)ctx = col_num(row->vals[0]);
	return 1;
}

/* Rebuilding costs a sort of the whole table: worth it only when the
 * load is at least as big as what is there. */
static bool
worth_dropping(int64_t expected_rows, int64_t stored)
{
	return expected_rows >= stored && expected_rows >= 10000;
}

enum at_err
store_ev_detainers_load_begin(struct store *s, int64_t expected_rows,
    bool *dropped, int64_t *last)
{
	struct store_param p = pint(expected_rows + 1);
	bool sqlite = strcmp(store_backend(s), "sqlite") == 0;
	int64_t n = 0;
	enum at_err er;

	*dropped = false;
	*last = 0;
	if (s->tx_depth == 0)
		return AT_CONFLICT;
	if (expected_rows < 0 || expected_rows == INT64_MAX)
		return AT_OK;
	/* SQLite: the highest rowid, which also places the load's rows
	 * (they follow it in order).  PostgreSQL: the rows, counted no
	 * further than the load's size. */
	if (sqlite)
		er = s->ops->exec(s, STMT_EV_DETAINER_LAST, NULL, 0, last_row,
		    &n, NULL);
	else
		er = s->ops->exec(s, STMT_EV_DETAINER_COUNT_UPTO, &p, 1,
		    last_row, &n, NULL);
	if (er != AT_OK)
		return er;
	if (sqlite)
		*last = n;
	if (!worth_dropping(expected_rows, n))
		return AT_OK;
	/* On PostgreSQL DROP INDEX locks the table (ACCESS EXCLUSIVE)
	 * until the commit: readers of the records wait for the import. */
	er = s->ops->exec(s, STMT_EV_DETAINER_INDEX_DROP, NULL, 0, NULL, NULL,
	    NULL);
	if (er == AT_OK)
		er = s->ops->exec(s, STMT_EV_PLACE_INDEX_DROP, NULL, 0, NULL,
		    NULL, NULL);
	if (er == AT_OK)
		*dropped = true;
	return er;
}

enum at_err
store_ev_detainers_load_end(struct store *s, char *dup_id, size_t n,
    int64_t *dup_rowid, int64_t *dup_rows)
{
	struct dup_ctx c = { dup_id, n, 0, false };
	bool sqlite = strcmp(store_backend(s), "sqlite") == 0;
	enum at_err er, undo = AT_OK;

	er = s->ops->exec(s, STMT_EV_CACHE_SORT, NULL, 0, NULL, NULL, NULL);
	if (er == AT_OK)
		er = s->ops->exec(s, STMT_EV_SORT_THREADS, NULL, 0, NULL, NULL,
		    NULL);
	/* A failed build ends a PostgreSQL transaction: keep the load
	 * behind a savepoint to look for the repeated id in it. */
	if (er == AT_OK)
		er = s->ops->exec(s, STMT_EV_INDEX_SAVEPOINT, NULL, 0, NULL,
		    NULL, NULL);
	if (er != AT_OK)
		return er;
	/* The unique index first: a repeated id is found before the other
	 * index is built for nothing. */
	er = s->ops->exec(s, STMT_EV_DETAINER_INDEX_CREATE, NULL, 0, NULL,
	    NULL, NULL);
	if (er == AT_OK)
		er = s->ops->exec(s, STMT_EV_PLACE_INDEX_CREATE, NULL, 0, NULL,
		    NULL, NULL);
	if (er == AT_CONFLICT)
		undo = s->ops->exec(s, STMT_EV_INDEX_UNDO, NULL, 0, NULL, NULL,
		    NULL);
	(void)store_ev_bulk_begin(s); /* back to the load's cache */
	if (er != AT_CONFLICT)
		return er;
	if (undo == AT_OK)
		undo = s->ops->exec(s, STMT_EV_DETAINER_DUP, NULL, 0, dup_row,
		    &c, NULL);
	if (undo != AT_OK)
		return undo;
	if (!c.found)
		return AT_DB;
	*dup_rowid = sqlite ? c.num : 0;
	*dup_rows = sqlite ? 0 : c.num;
	return AT_CONFLICT;
}

bool
store_ev_refusal_ends_tx(const struct store *s)
{
	return strcmp(store_backend(s), "sqlite") != 0;
}

static int
found_one(void *ctx, const struct store_row *row)
{
	(void)row;
	*(bool *)ctx = true;
	return 1;
}

static enum at_err
exists(struct store *s, enum stmt st, const char *v, bool *found)
{
	struct store_param p = ptext(v);
	bool f = false;
	enum at_err er;

	er = s->ops->exec(s, st, &p, 1, found_one, &f, NULL);
	if (er == AT_OK)
		*found = f;
	return er;
}

enum at_err
store_ev_detainer_exists(struct store *s, const char *id, bool *found)
{
	return exists(s, STMT_EV_DETAINER_EXISTS, id, found);
}

enum at_err
store_ev_usas_exists(struct store *s, const char *key, bool *found)
{
	return exists(s, STMT_EV_USAS_TXN_EXISTS, key, found);
}

static enum at_err
summary_write(struct store *s, enum stmt st, const struct store_ev_count *c)
{
	struct store_param p[7];

	if (s->tx_depth == 0)
		return AT_CONFLICT;
	p[0] = ptext(c->source);
	p[1] = ptext(c->jurisdiction);
	p[2] = ptext(c->facility);
	p[3] = ptext(c->period);
	p[4] = pnum(c->issued);
	p[5] = pnum(c->declined);
	p[6] = pnum(c->other);
	return s->ops->exec(s, st, p, 7, NULL, NULL, NULL);
}

enum at_err
store_ev_summary_add(struct store *s, const struct store_ev_count *c)
{
	return summary_write(s, STMT_EV_SUMMARY_ADD, c);
}

enum at_err
store_ev_summary_add_many(struct store *s, const struct store_ev_count *c,
    size_t n)
{
	struct store_param p[STORE_EV_BATCH * 7];
	enum at_err er;

	if (s->tx_depth == 0)
		return AT_CONFLICT;
	if (n == STORE_EV_BATCH) {
		for (size_t i = 0; i < n; i++) {
			struct store_param *q = &p[i * 7];

			q[0] = ptext(c[i].jurisdiction);
			q[1] = ptext(c[i].source);
			q[2] = ptext(c[i].facility);
			q[3] = ptext(c[i].period);
			q[4] = pnum(c[i].issued);
			q[5] = pnum(c[i].declined);
			q[6] = pnum(c[i].other);
		}
		return s->ops->exec(s, STMT_EV_SUMMARY_ADD_BATCH, p, n * 7,
		    NULL, NULL, NULL);
	}
	for (size_t i = 0; i < n; i++) {
		er = summary_write(s, STMT_EV_SUMMARY_ADD, &c[i]);
		if (er != AT_OK)
			return er;
	}
	return AT_OK;
}

enum at_err
store_ev_summary_set(struct store *s, const struct store_ev_count *c)
{
	return summary_write(s, STMT_EV_SUMMARY_SET, c);
}

enum at_err
store_ev_summary_clear(struct store *s, const char *source)
{
	struct store_param p = ptext(source);

	if (s->tx_depth == 0)
		return AT_CONFLICT;
	return s->ops->exec(s, STMT_EV_SUMMARY_CLEAR, &p, 1, NULL, NULL, NULL);
}

struct count_ctx {
	store_ev_count_fn fn;
	void *ctx;
};

static int
count_row(void *ctx, const struct store_row *row)
{
	struct count_ctx *cc = ctx;
	struct store_ev_count c;

	if (row->ncols < 7)
		return 1;
	c.source = row->vals[0] != NULL ? row->vals[0] : "";
	c.jurisdiction = row->vals[1] != NULL ? row->vals[1] : "";
	c.facility = row->vals[2] != NULL ? row->vals[2] : "";
	c.period = row->vals[3] != NULL ? row->vals[3] : "";
	c.issued = col_num(row->vals[4]);
	c.declined = col_num(row->vals[5]);
	c.other = col_num(row->vals[6]);
	return cc->fn(cc->ctx, &c);
}

enum at_err
store_ev_summary_each(struct store *s, const char *jurisdiction,
    store_ev_count_fn fn, void *ctx)
{
	struct count_ctx cc = { fn, ctx };
	struct store_param p = ptext(jurisdiction);

	return s->ops->exec(s, STMT_EV_SUMMARY_JURISDICTION, &p, 1, count_row,
	    &cc, NULL);
}

enum at_err
store_ev_facility_put(struct store *s, const struct store_ev_facility *f)
{
	struct store_param p[5];

	if (s->tx_depth == 0)
		return AT_CONFLICT;
	p[0] = ptext(f->facility);
	p[1] = ptext(f->city);
	p[2] = ptext(f->state);
	p[3] = ptext(f->jurisdiction);
	p[4] = ptext(f->matched_by);
	return s->ops->exec(s, STMT_EV_FACILITY_PUT, p, 5, NULL, NULL, NULL);
}

static void
facility_from(const struct store_row *row, struct store_ev_facility *f)
{
	copy(f->facility, sizeof(f->facility), row->vals[0]);
	copy(f->city, sizeof(f->city), row->vals[1]);
	copy(f->state, sizeof(f->state), row->vals[2]);
	copy(f->jurisdiction, sizeof(f->jurisdiction), row->vals[3]);
	copy(f->matched_by, sizeof(f->matched_by), row->vals[4]);
}

struct fac_each {
	store_ev_facility_fn fn;
	void *ctx;
};

static int
fac_each_row(void *ctx, const struct store_row *row)
{
	struct fac_each *e = ctx;
	struct store_ev_facility f;

	if (row->ncols < 5)
		return 1;
	facility_from(row, &f);
	return e->fn(e->ctx, &f);
}

enum at_err
store_ev_facility_named(struct store *s, const char *facility,
    store_ev_facility_fn fn, void *ctx)
{
	struct store_param p = ptext(facility);
	struct fac_each e = { fn, ctx };

	return s->ops->exec(s, STMT_EV_FACILITY_GET, &p, 1, fac_each_row, &e,
	    NULL);
}

enum at_err
store_ev_facility_each(struct store *s, const char *jurisdiction,
    store_ev_facility_fn fn, void *ctx)
{
	struct store_param p = ptext(jurisdiction);
	struct fac_each e = { fn, ctx };

	return s->ops->exec(s, STMT_EV_FACILITY_LIST, &p, 1, fac_each_row, &e,
	    NULL);
}

enum at_err
store_ev_national_put(struct store *s, const struct store_ev_national *n)
{
	struct store_param p[5];

	if (s->tx_depth == 0)
		return AT_CONFLICT;
	p[0] = ptext(n->measure);
	p[1] = ptext(n->category);
	p[2] = ptext(n->period);
	p[3] = pint(n->count);
	p[4] = ptext(n->source);
	return s->ops->exec(s, STMT_EV_NATIONAL_PUT, p, 5, NULL, NULL, NULL);
}

struct nat_each {
	store_ev_national_fn fn;
	void *ctx;
};

static int
nat_row(void *ctx, const struct store_row *row)
{
	struct nat_each *e = ctx;
	struct store_ev_national n;

	if (row->ncols < 5)
		return 1;
	n.measure = row->vals[0] != NULL ? row->vals[0] : "";
	n.category = row->vals[1] != NULL ? row->vals[1] : "";
	n.period = row->vals[2] != NULL ? row->vals[2] : "";
	n.count = col_num(row->vals[3]);
	n.source = row->vals[4] != NULL ? row->vals[4] : "";
	return e->fn(e->ctx, &n);
}

enum at_err
store_ev_national_each(struct store *s, store_ev_national_fn fn, void *ctx)
{
	struct nat_each e = { fn, ctx };

	return s->ops->exec(s, STMT_EV_NATIONAL_LIST, NULL, 0, nat_row, &e,
	    NULL);
}

enum at_err
store_ev_usas_insert(struct store *s, const struct store_ev_usas *t,
    struct at_diag *d)
{
	struct store_param p[9];
	enum at_err er;

	if (s->tx_depth == 0)
		return AT_CONFLICT;
	p[0] = ptext(t->transaction_key);
	p[1] = ptext(t->fain);
	p[2] = ptext(t->listing);
	p[3] = ptext(t->recipient_name);
	p[4] = ptext(t->recipient_uei);
	p[5] = pint(t->amount_cents);
	p[6] = ptext(t->action_date);
	p[7] = ptext(t->jurisdiction);
	p[8] = ptext(t->extra);
	er = s->ops->exec(s, STMT_EV_USAS_TXN_INSERT, p, 9, NULL, NULL, d);
	if (er != AT_OK)
		return er;
	p[0] = ptext(t->fain);
	p[1] = ptext(t->listing);
	p[2] = ptext(t->recipient_name);
	p[3] = ptext(t->recipient_uei);
	p[4] = ptext(t->jurisdiction);
	p[5] = pint(t->amount_cents);
	p[6] = ptext(t->action_date);
	return s->ops->exec(s, STMT_EV_USAS_AWARD_ADD, p, 7, NULL, NULL, d);
}

struct award_each {
	store_ev_award_fn fn;
	void *ctx;
};

static int
award_row(void *ctx, const struct store_row *row)
{
	struct award_each *e = ctx;
	struct store_ev_award a;

	if (row->ncols < 9)
		return 1;
	a.fain = row->vals[0] != NULL ? row->vals[0] : "";
	a.listing = row->vals[1];
	a.recipient_name = row->vals[2];
	a.recipient_uei = row->vals[3];
	a.jurisdiction = row->vals[4] != NULL ? row->vals[4] : "";
	a.transactions = col_num(row->vals[5]);
	a.obligated_cents = col_num(row->vals[6]);
	a.first_action = row->vals[7] != NULL ? row->vals[7] : "";
	a.last_action = row->vals[8] != NULL ? row->vals[8] : "";
	return e->fn(e->ctx, &a);
}

enum at_err
store_ev_awards_each(struct store *s, const char *jurisdiction,
    store_ev_award_fn fn, void *ctx)
{
	struct store_param p = ptext(jurisdiction);
	struct award_each e = { fn, ctx };

	return s->ops->exec(s, STMT_EV_USAS_AWARD_LIST, &p, 1, award_row, &e,
	    NULL);
}

static int
one_int(void *ctx, const struct store_row *row)
{
	if (row->ncols > 0)
		*(int64_t *)ctx = col_num(row->vals[0]);
	return 1;
}

enum at_err
store_ev_count_rows(struct store *s, enum store_ev_table t, int64_t *out)
{
	static const enum stmt which[STORE_EV__MAX] = {
		[STORE_EV_DETAINERS] = STMT_EV_COUNT_DETAINERS,
		[STORE_EV_SUMMARY] = STMT_EV_COUNT_SUMMARY,
		[STORE_EV_FACILITIES] = STMT_EV_COUNT_FACILITIES,
		[STORE_EV_NATIONAL] = STMT_EV_COUNT_NATIONAL,
		[STORE_EV_USAS_TXN] = STMT_EV_COUNT_USAS_TXN,
		[STORE_EV_USAS_AWARDS] = STMT_EV_COUNT_USAS_AWARDS,
	};
	int64_t n = 0;
	enum at_err er;

	if ((int)t < 0 || t >= STORE_EV__MAX)
		return AT_EINVAL;
	er = s->ops->exec(s, which[t], NULL, 0, one_int, &n, NULL);
	if (er == AT_OK)
		*out = n;
	return er;
}

enum at_err
store_ev_bulk_begin(struct store *s)
{
	return s->ops->exec(s, STMT_EV_CACHE_BULK, NULL, 0, NULL, NULL, NULL);
}

void
store_ev_bulk_end(struct store *s)
{
	(void)s->ops->exec(s, STMT_EV_CACHE_DEFAULT, NULL, 0, NULL, NULL,
	    NULL);
}
