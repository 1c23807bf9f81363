/* SPDX-License-Identifier: ISC */
/*
 * attest import detainers FILE: one row per detainer.
 *
 * Two threads share the work.  The reader (a thread of its own) hashes,
 * inflates and parses the file, checks each row and matches its county;
 * full batches of rows go through a ring of four to the calling thread,
 * the only one that touches the store, which inserts them STORE_EV_BATCH
 * at a time with one prepared statement and counts each row it stored.
 * So parsing overlaps the inserts, and memory is the ring, one record
 * and the fixed-size summary table, whatever the size of the file.
 *
 * The summary counts (issued, declined, other outcomes) per
 * jurisdiction, facility and month are kept in an open-addressing table
 * of fixed capacity and written, sorted, when the table fills and at
 * the end; the write adds to what the summary table holds.  Year totals
 * and the totals over a jurisdiction's facilities are sums of those
 * rows, made when read.  A row the
 * database refuses (a detainer_id already stored) is never counted.
 *
 * When the file is the bigger part of the table, the table's indexes
 * (the unique one on detainer_id, the one by place and day) are dropped
 * for the load and built after it (the load is one transaction, so a
 * failure or a kill restores them).
 */
#include "evidence/evidence_int.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/date.h"
#include "core/parse.h"
#include "core/xalloc.h"
#include "store/store.h"
#include "store/store_evidence.h"

#define BATCH_ROWS  2048
#define BATCH_BYTES ((size_t)1 << 20)
#define RING	    4
#define AGG_CAP	    ((size_t)1 << 20) /* summary keys held at once */
#define AGG_FILL    (AGG_CAP / 4 * 3)
#define FAC_CAP	    ((size_t)1 << 16) /* distinct facilities held */
#define FAC_FILL    (FAC_CAP / 4 * 3)
#define FAC_BYTES   ((size_t)4 << 20)
#define NO_PLACE    UINT32_MAX
#define SOURCE	    "detainers"

enum col {
	C_ID,
	C_ISSUED,
	C_FACILITY,
	C_FIPS,
	C_OUTCOME,
	C_OUTCOME_DATE,
	C__REQUIRED,
	C_COUNTY = C__REQUIRED, /* optional: for a match by name */
	C_STATE,
	C__MAX
};

static const char *const col_names[C__MAX] = { "detainer_id", "issued_date",
	"facility", "facility_county_fips", "outcome", "outcome_date",
	"facility_county", "facility_state" };

enum outcome { O_PENDING, O_DECLINED, O_OTHER };

struct batch {
	size_t n;
	bool last;		  /* the reader is done (see q.er) */
	bool flush;		  /* write the summary after these rows */
	long line[BATCH_ROWS];
	int32_t off[BATCH_ROWS][7]; /* into bytes; -1 for NULL */
	uint32_t place[BATCH_ROWS];
	uint64_t fh[BATCH_ROWS];    /* hash of the facility name */
	int32_t ym[BATCH_ROWS];	  /* year * 12 + month - 1 */
	uint8_t oc[BATCH_ROWS];
	struct ev_bytes bytes;
};

struct agg_ent {
	uint32_t fac;	/* facility id + 1; 0 = empty slot */
	uint32_t place;
	int32_t ym;
	uint32_t issued, declined, other;
};

struct fac_ent {
	uint32_t off, len; /* into fac_bytes; len 0 = empty */
};

struct det {
	struct ev_ctx *c;
	/* Header map: column of each known field, -1 if absent. */
	int col[C__MAX];
	bool extra[EV_FIELDS_MAX];
	char *extra_key[EV_FIELDS_MAX]; /* JSON-quoted names, owned */
	size_t ncols;
	/* Ring. */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct batch *ring;	/* RING batches, owned */
	size_t head, tail, count; /* produce at head, consume at tail */
	bool stop;		/* the store side failed: stop reading */
	enum at_err rd_er;	/* the reader's result */
	struct at_diag rd_d;
	struct batch *cur;	/* being filled by the reader */
	/* Summary counts (store side). */
	struct agg_ent *agg;
	size_t nagg;
	struct fac_ent *fac;
	char *fac_bytes;
	size_t nfac, fac_used;
	uint32_t *order, *rank; /* FAC_CAP each: facilities by name */
	struct buf json;	/* scratch for extra (reader) */
	int64_t db_rejected;	/* rows the store refused (store side) */
	bool copy;		/* rows go by COPY (PostgreSQL) */
	int64_t copied;		/* data rows before the COPY open now */
};

static uint64_t
hash_bytes(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static uint64_t
mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

/* Id of a facility name (+1), or 0 when the table is full. */
static uint32_t
fac_intern(struct det *t, uint64_t h, const char *s, size_t len)
{
	size_t i = (size_t)h & (FAC_CAP - 1);

	for (;; i = (i + 1) & (FAC_CAP - 1)) {
		struct fac_ent *e = &t->fac[i];

		if (e->len == 0)
			break;
		if (e->len == len && memcmp(t->fac_bytes + e->off, s, len) == 0)
			return (uint32_t)i + 1;
	}
	if (t->nfac >= FAC_FILL || t->fac_used + len > FAC_BYTES)
		return 0;
	memcpy(t->fac_bytes + t->fac_used, s, len);
	t->fac[i].off = (uint32_t)t->fac_used;
	t->fac[i].len = (uint32_t)len;
	t->fac_used += len;
	t->nfac++;
	return (uint32_t)i + 1;
}

/* Count one row; false when the table is full (flush, then retry). */
static bool
agg_add(struct det *t, uint32_t fac, uint32_t place, int32_t ym,
    enum outcome oc)
{
	uint64_t h = mix(((uint64_t)fac << 32) ^ ((uint64_t)place << 12) ^
	    (uint64_t)(uint32_t)ym);
	size_t i = (size_t)h & (AGG_CAP - 1);

	for (;; i = (i + 1) & (AGG_CAP - 1)) {
		struct agg_ent *e = &t->agg[i];

		if (e->fac == 0) {
			if (t->nagg >= AGG_FILL)
				return false;
			e->fac = fac;
			e->place = place;
			e->ym = ym;
			t->nagg++;
			break;
		}
		if (e->fac == fac && e->place == place && e->ym == ym)
			break;
	}
	t->agg[i].issued++;
	if (oc == O_DECLINED)
		t->agg[i].declined++;
	else if (oc == O_OTHER)
		t->agg[i].other++;
	return true;
}

/* ---- the store side ---- */

static const struct det *sort_det; /* qsort has no context argument */

static int
fac_name_cmp(const void *a, const void *b)
{
	const struct det *t = sort_det;
	const struct fac_ent *fx = &t->fac[*(const uint32_t *)a];
	const struct fac_ent *fy = &t->fac[*(const uint32_t *)b];
	size_t n = fx->len < fy->len ? fx->len : fy->len;
	int c = memcmp(t->fac_bytes + fx->off, t->fac_bytes + fy->off, n);

	if (c != 0)
		return c;
	return fx->len < fy->len ? -1 : fx->len > fy->len;
}

/* Order of summary keys: place, facility name (by rank), month. */
static bool
agg_less(const struct det *t, const struct agg_ent *x, const struct agg_ent *y)
{
	if (x->place != y->place)
		return x->place < y->place;
	if (x->fac != y->fac)
		return t->rank[x->fac - 1] < t->rank[y->fac - 1];
	return x->ym < y->ym;
}

/* In place (no scratch memory that grows with the keys, as glibc's
 * merge sort would take): quicksort, median of three, insertion sort
 * for short runs, recursion on the shorter side only. */
static void
agg_sort(const struct det *t, struct agg_ent *a, size_t n)
{
	while (n > 16) {
		size_t mid = n / 2, i = 0, j = n - 1;
		struct agg_ent pivot, tmp;

		if (agg_less(t, &a[mid], &a[0])) {
			tmp = a[mid]; a[mid] = a[0]; a[0] = tmp;
		}
		if (agg_less(t, &a[n - 1], &a[0])) {
			tmp = a[n - 1]; a[n - 1] = a[0]; a[0] = tmp;
		}
		if (agg_less(t, &a[n - 1], &a[mid])) {
			tmp = a[n - 1]; a[n - 1] = a[mid]; a[mid] = tmp;
		}
		pivot = a[mid];
		for (;;) {
			while (agg_less(t, &a[i], &pivot))
				i++;
			while (agg_less(t, &pivot, &a[j]))
				j--;
			if (i >= j)
				break;
			tmp = a[i]; a[i] = a[j]; a[j] = tmp;
			i++;
			j--;
		}
		/* [0, j] <= pivot <= [j + 1, n) */
		if (j + 1 < n - j - 1) {
			agg_sort(t, a, j + 1);
			a += j + 1;
			n -= j + 1;
		} else {
			agg_sort(t, a + j + 1, n - j - 1);
			n = j + 1;
		}
	}
	for (size_t i = 1; i < n; i++) {
		struct agg_ent v = a[i];
		size_t k = i;

		for (; k > 0 && agg_less(t, &v, &a[k - 1]); k--)
			a[k] = a[k - 1];
		a[k] = v;
	}
}

/* The FIPS code of a place index, "" for none. */
static const char *
place_code(const struct det *t, uint32_t place)
{
	return place == NO_PLACE ? "" : ev_places_code(t->c->places, place);
}

/* Summary rows waiting to be written STORE_EV_BATCH at a time. */
struct pend {
	struct store_ev_count c[STORE_EV_BATCH];
	char facility[STORE_EV_BATCH][300];
	char period[STORE_EV_BATCH][16];
	size_t n;
};

static enum at_err
pend_flush(struct store *s, struct pend *p)
{
	enum at_err er;

	er = store_ev_summary_bulk_add(s, p->c, p->n, NULL);
	p->n = 0;
	return er;
}

static enum at_err
pend_add(struct store *s, struct pend *p, const char *jurisdiction,
    const char *facility, size_t flen, int year, int month, int64_t issued,
    int64_t declined, int64_t other)
{
	struct store_ev_count *c = &p->c[p->n];

	if (flen >= sizeof(p->facility[0]))
		flen = sizeof(p->facility[0]) - 1;
	memcpy(p->facility[p->n], facility, flen);
	p->facility[p->n][flen] = '\0';
	(void)snprintf(p->period[p->n], sizeof(p->period[0]), "%04d-%02d",
	    year, month);
	c->source = SOURCE;
	c->jurisdiction = jurisdiction;
	c->facility = p->facility[p->n];
	c->period = p->period[p->n];
	c->issued = issued;
	c->declined = declined;
	c->other = other;
	if (++p->n == STORE_EV_BATCH)
		return pend_flush(s, p);
	return AT_OK;
}

/* Write the counts held, one row per place, facility and month, and
 * empty the table.  The year totals and the totals over a place's
 * facilities are not stored: they are sums of these rows, added up when
 * read (ev_report.c).  Rows go out in key order, which keeps the B-tree
 * writes local. */
static enum at_err
agg_flush(struct det *t)
{
	struct store *s = t->c->s;
	struct pend *p = xcalloc(1, sizeof(*p));
	size_t n = 0, i = 0;
	enum at_err er = AT_OK;

	/* Rank the facility names, compact the occupied slots to the
	 * front, then sort them. */
	for (size_t k = 0; k < FAC_CAP; k++)
		if (t->fac[k].len != 0)
			t->order[n++] = (uint32_t)k;
	sort_det = t;
	qsort(t->order, n, sizeof(*t->order), fac_name_cmp);
	for (size_t k = 0; k < n; k++)
		t->rank[t->order[k]] = (uint32_t)k;
	n = 0;
	for (size_t k = 0; k < AGG_CAP; k++)
		if (t->agg[k].fac != 0)
			t->agg[n++] = t->agg[k];
	agg_sort(t, t->agg, n);
	er = store_ev_summary_bulk_begin(s, SOURCE, NULL);
	if (er != AT_OK) {
		free(p);
		return er;
	}
	for (i = 0; i < n && er == AT_OK; i++) {
		const struct agg_ent *e = &t->agg[i];
		const struct fac_ent *f = &t->fac[e->fac - 1];

		er = pend_add(s, p, place_code(t, e->place),
		    t->fac_bytes + f->off, f->len, e->ym / 12, e->ym % 12 + 1,
		    e->issued, e->declined, e->other);
	}
	if (er == AT_OK && p->n > 0)
		er = pend_flush(s, p);
	{
		enum at_err er2 = store_ev_summary_bulk_end(s, er != AT_OK,
		    NULL);

		if (er == AT_OK)
			er = er2;
	}
	free(p);
	memset(t->agg, 0, AGG_CAP * sizeof(*t->agg));
	t->nagg = 0;
	memset(t->fac, 0, FAC_CAP * sizeof(*t->fac));
	t->nfac = t->fac_used = 0;
	return er;
}

static long line_of_row(const char *path, int64_t k);

/* End the COPY of rows (abandon: after an error); a repeated
 * detainer_id comes back with the row that repeated it, named here by
 * its line in the file. */
static enum at_err
copy_finish(struct det *t, bool abandon, struct at_diag *d)
{
	char id[80];
	int64_t row = 0;
	enum at_err er;

	t->copy = false;
	er = store_ev_detainers_copy_end(t->c->s, abandon, id, sizeof(id),
	    &row, d);
	if (!abandon && er == AT_CONFLICT && id[0] != '\0') {
		if (d != NULL) {
			at_diag_clear(d);
			d->line = row > 0 ? line_of_row(t->c->rd->path,
			    t->copied + row - 1) : 0;
		}
		er = at_diag_set(d, AT_CONFLICT, "detainer_id",
		    "\"%s\" is already in the database or earlier in the file",
		    id);
	}
	return er;
}

/* Count the rows of b the store took (ok[r]); flush when full. */
static enum at_err
count_rows(struct det *t, const struct batch *b, const bool *ok,
    struct at_diag *d)
{
	enum at_err er;
	bool copy;

	for (size_t r = 0; r < b->n; r++) {
		const char *fs;
		size_t fl;
		uint32_t fac;

		if (!ok[r])
			continue;
		fs = b->bytes.p + b->off[r][C_FACILITY];
		fl = strlen(fs);
		for (;;) {
			fac = fac_intern(t, b->fh[r], fs, fl);
			if (fac != 0 &&
			    agg_add(t, fac, b->place[r], b->ym[r],
				(enum outcome)b->oc[r]))
				break;
			/* The summary goes to the store while no COPY of
			 * rows is open: end it, flush, begin another. */
			copy = t->copy;
			er = copy ? copy_finish(t, false, d) : AT_OK;
			if (er == AT_OK)
				er = agg_flush(t);
			if (er == AT_OK && copy) {
				t->copied = t->c->st->loaded + (int64_t)b->n;
				er = store_ev_detainers_copy_begin(t->c->s, d);
				t->copy = er == AT_OK;
			}
			if (er != AT_OK)
				return er;
		}
	}
	return AT_OK;
}

/* A refused row: fail (all or nothing) or write it to the reject file. */
static enum at_err
refused(struct det *t, const struct batch *b, size_t r,
    const struct store_ev_detainer *row, struct at_diag *d)
{
	struct ev_row rr;

	if (d != NULL) {
		at_diag_clear(d);
		d->line = b->line[r];
	}
	if (t->c->rj == NULL)
		return at_diag_set(d, AT_CONFLICT, "detainer_id",
		    "\"%s\" is already in the database or earlier in the file",
		    row->v[C_ID]);
	if (d != NULL)
		at_diag_clear(d);
	rr.n = 7;
	rr.line = b->line[r];
	for (size_t c = 0; c < 7; c++) {
		rr.f[c] = row->v[c] != NULL ? row->v[c] : "";
		rr.len[c] = strlen(rr.f[c]);
	}
	ev_reject_write(t->c->rj, rr.line, "detainer_id",
	    "already in the database or earlier in the file", &rr);
	t->db_rejected++;
	return AT_OK;
}

/* Insert one batch; refused rows go to the reject file or fail it. */
static enum at_err
store_batch(struct det *t, const struct batch *b, struct at_diag *d)
{
	struct store_ev_detainer rows[STORE_EV_BATCH];
	bool ok[BATCH_ROWS];
	bool fatal = store_ev_refusal_ends_tx(t->c->s);
	enum at_err er;
	size_t r = 0, done;

	/* By COPY every row goes, or the import fails at its end. */
	for (r = 0; t->copy && r < b->n; r += done) {
		done = b->n - r < STORE_EV_BATCH ? b->n - r : STORE_EV_BATCH;
		for (size_t i = 0; i < done; i++) {
			for (size_t c = 0; c < 7; c++) {
				int32_t o = b->off[r + i][c];

				rows[i].v[c] = o < 0 ? NULL : b->bytes.p + o;
			}
			ok[r + i] = true;
		}
		er = store_ev_detainers_copy(t->c->s, rows, done, d);
		if (er != AT_OK)
			return er;
	}
	r = t->copy ? b->n : 0;
	while (r < b->n) {
		size_t k = b->n - r < STORE_EV_BATCH ? b->n - r :
		    STORE_EV_BATCH;

		for (size_t i = 0; i < k; i++) {
			for (size_t c = 0; c < 7; c++) {
				int32_t o = b->off[r + i][c];

				rows[i].v[c] = o < 0 ? NULL : b->bytes.p + o;
			}
			ok[r + i] = true;
		}
		if (fatal && t->c->rj != NULL) {
			/* A refusal would end the transaction: ask first,
			 * one row at a time. */
			for (size_t i = 0; i < k; i++) {
				bool found = false;

				er = store_ev_detainer_exists(t->c->s,
				    rows[i].v[C_ID], &found);
				if (er == AT_OK && found) {
					ok[r + i] = false;
					er = refused(t, b, r + i, &rows[i], d);
				} else if (er == AT_OK)
					er = store_ev_detainers_insert(t->c->s,
					    &rows[i], 1, &done, d);
				if (er != AT_OK) {
					if (d != NULL && d->line == 0)
						d->line = b->line[r + i];
					return er;
				}
			}
			r += k;
			continue;
		}
		er = store_ev_detainers_insert(t->c->s, rows, k, &done, d);
		if (er == AT_OK) {
			r += k;
			continue;
		}
		if (er != AT_CONFLICT || fatal) {
			if (er == AT_CONFLICT)
				return refused(t, b, r + done, &rows[done], d);
			if (d != NULL && d->line == 0)
				d->line = b->line[r + done];
			return er;
		}
		/* SQLite undid the statement: which row?  One at a time. */
		for (size_t i = 0; i < k; i++) {
			er = store_ev_detainers_insert(t->c->s, &rows[i], 1,
			    &done, d);
			if (er == AT_CONFLICT) {
				ok[r + i] = false;
				er = refused(t, b, r + i, &rows[i], d);
			}
			if (er != AT_OK) {
				if (d != NULL && d->line == 0)
					d->line = b->line[r + i];
				return er;
			}
		}
		r += k;
	}
	er = count_rows(t, b, ok, d);
	if (er == AT_OK)
		for (size_t i = 0; i < b->n; i++)
			if (ok[i])
				t->c->st->loaded++;
	return er;
}

/* ---- the reader side ---- */

static enum at_err
det_header(void *ctx, const struct ev_row *r, struct at_diag *d)
{
	struct det *t = ctx;

	for (size_t i = 0; i < C__MAX; i++)
		t->col[i] = -1;
	t->ncols = r->n;
	for (size_t i = 0; i < r->n; i++) {
		size_t k;

		for (k = 0; k < C__MAX; k++)
			if (strcmp(r->f[i], col_names[k]) == 0)
				break;
		if (k < C__MAX) {
			if (t->col[k] >= 0)
				return at_diag_set(d, AT_EINVAL, r->f[i],
				    "column appears twice");
			t->col[k] = (int)i;
			if (k < C__REQUIRED)
				continue;
		}
		if (r->len[i] == 0 || !ev_clean(r->f[i], r->len[i], false))
			return at_diag_set(d, AT_EINVAL, "",
			    "column %zu has an empty or unreadable name", i + 1);
		/* Optional columns and unknown ones are kept in extra. */
		{
			struct buf k2;

			buf_init(&k2, (size_t)1 << 20);
			ev_json_str(&k2, r->f[i], r->len[i]);
			t->extra_key[i] = buf_detach(&k2, NULL);
			t->extra[i] = true;
		}
	}
	for (size_t k = 0; k < C__REQUIRED; k++)
		if (t->col[k] < 0)
			return at_diag_set(d, AT_EINVAL, col_names[k],
			    "required column is missing (the header needs "
			    "detainer_id, issued_date, facility, "
			    "facility_county_fips, outcome, outcome_date)");
	return AT_OK;
}

static bool
contains_declined(const char *s, size_t n)
{
	for (size_t i = 0; i + 6 <= n; i++)
		if ((s[i] == 'd' || s[i] == 'D') &&
		    strncmp(s + i + 1, "ecline", 6) == 0)
			return true;
		else if ((s[i] == 'd' || s[i] == 'D') &&
		    strncmp(s + i + 1, "ECLINE", 6) == 0)
			return true;
	return false;
}

/* Hand the batch being filled to the store side; take a free one. */
static enum at_err
hand_over(struct det *t, bool last)
{
	bool stop;

	pthread_mutex_lock(&t->mu);
	t->cur->last = last;
	t->head = (t->head + 1) % RING;
	t->count++;
	pthread_cond_broadcast(&t->cv);
	/* The store side drains every batch, even after a failure. */
	while (t->count == RING)
		pthread_cond_wait(&t->cv, &t->mu);
	stop = t->stop;
	pthread_mutex_unlock(&t->mu);
	t->cur = &t->ring[t->head];
	t->cur->n = 0;
	t->cur->bytes.len = 0;
	return stop ? AT_CONFLICT : AT_OK;
}

static int32_t
put(struct batch *b, const char *s, size_t len)
{
	return (int32_t)ev_bytes_put(&b->bytes, s, len);
}

/* Refuse row r: fail, or write it to the reject file and go on. */
static enum at_err
refuse(struct det *t, const struct ev_row *r, enum at_err er,
    struct at_diag *d)
{
	if (t->c->rj == NULL)
		return er;
	ev_reject_write(t->c->rj, r->line, d != NULL ? d->field : "",
	    d != NULL ? d->msg : at_strerror(er), r);
	t->c->st->rejected++;
	if (d != NULL)
		at_diag_clear(d);
	return AT_OK;
}

static enum at_err
det_row(void *ctx, const struct ev_row *r, struct at_diag *d)
{
	struct det *t = ctx;
	struct batch *b = t->cur;
	const char *v[C__MAX];
	size_t len[C__MAX];
	struct at_date issued, od;
	size_t i = b->n;
	long place = -1;
	char matched[8];
	enum at_err er;
	bool has_extra = false;

	if (r->n != t->ncols)
		return refuse(t, r, at_diag_set(d, AT_EINVAL, "",
		    "row has %zu fields; the header has %zu", r->n, t->ncols),
		    d);
	for (size_t k = 0; k < C__MAX; k++) {
		v[k] = t->col[k] >= 0 ? r->f[t->col[k]] : "";
		len[k] = t->col[k] >= 0 ? r->len[t->col[k]] : 0;
	}
	if (len[C_ID] == 0 || len[C_ID] > 64 ||
	    !ev_clean(v[C_ID], len[C_ID], false))
		return refuse(t, r, at_diag_set(d, AT_EINVAL, "detainer_id",
		    len[C_ID] == 0 ? "is empty" :
		    "must be at most 64 characters of clean text"), d);
	if (at_date_parse(v[C_ISSUED], len[C_ISSUED], &issued) != AT_OK)
		return refuse(t, r, at_diag_set(d, AT_EINVAL, "issued_date",
		    "\"%.40s\" is not a date (YYYY-MM-DD)", v[C_ISSUED]), d);
	if (len[C_FACILITY] == 0 || len[C_FACILITY] > 256 ||
	    !ev_clean(v[C_FACILITY], len[C_FACILITY], false))
		return refuse(t, r, at_diag_set(d, AT_EINVAL, "facility",
		    len[C_FACILITY] == 0 ? "is empty" :
		    "must be at most 256 characters of clean text"), d);
	if (len[C_FIPS] != 0) {
		bool digits = len[C_FIPS] == 5;

		for (size_t k = 0; digits && k < 5; k++)
			digits = v[C_FIPS][k] >= '0' && v[C_FIPS][k] <= '9';
		if (!digits)
			return refuse(t, r, at_diag_set(d, AT_EINVAL,
			    "facility_county_fips",
			    "\"%.40s\" is not a 5-digit county FIPS code",
			    v[C_FIPS]), d);
	}
	if (len[C_OUTCOME] > 256 ||
	    !ev_clean(v[C_OUTCOME], len[C_OUTCOME], false))
		return refuse(t, r, at_diag_set(d, AT_EINVAL, "outcome",
		    "must be at most 256 characters of clean text"), d);
	if (len[C_OUTCOME_DATE] != 0 &&
	    at_date_parse(v[C_OUTCOME_DATE], len[C_OUTCOME_DATE], &od) !=
		AT_OK)
		return refuse(t, r, at_diag_set(d, AT_EINVAL, "outcome_date",
		    "\"%.40s\" is not a date (YYYY-MM-DD)",
		    v[C_OUTCOME_DATE]), d);
	/* Extra columns, as a JSON object in header order. */
	buf_reset(&t->json);
	for (size_t k = 0; k < r->n; k++) {
		if (!t->extra[k] || r->len[k] == 0)
			continue;
		if (!ev_clean(r->f[k], r->len[k], true))
			return refuse(t, r, at_diag_set(d, AT_EINVAL, "",
			    "column %zu is not clean UTF-8 text", k + 1), d);
		buf_putc(&t->json, has_extra ? ',' : '{');
		buf_puts(&t->json, t->extra_key[k]);
		buf_putc(&t->json, ':');
		ev_json_str(&t->json, r->f[k], r->len[k]);
		has_extra = true;
	}
	if (has_extra)
		buf_putc(&t->json, '}');
	/* Jurisdiction: the code, else the county's name in its state. */
	if (len[C_FIPS] != 0)
		place = ev_places_find(t->c->places, v[C_FIPS]);
	else if (len[C_COUNTY] != 0 && len[C_STATE] != 0) {
		const char *st = ev_places_state(t->c->places, v[C_STATE]);
		const char *f = st != NULL ? ev_places_county(t->c->places, st,
		    v[C_COUNTY], false) : NULL;

		if (f != NULL) {
			(void)snprintf(matched, sizeof(matched), "%s", f);
			place = ev_places_find(t->c->places, f);
		}
	}
	if (place < 0) {
		char what[160];

		(void)snprintf(what, sizeof(what),
		    "facility \"%.60s\", county FIPS \"%.8s\"%s%.40s",
		    v[C_FACILITY], v[C_FIPS], len[C_COUNTY] ? ", county " : "",
		    v[C_COUNTY]);
		ev_unmatched(t->c->st, r->line, what);
	}
	b->line[i] = r->line;
	b->off[i][C_ID] = put(b, v[C_ID], len[C_ID]);
	b->off[i][C_ISSUED] = put(b, v[C_ISSUED], len[C_ISSUED]);
	b->off[i][C_FACILITY] = put(b, v[C_FACILITY], len[C_FACILITY]);
	if (len[C_FIPS] != 0)
		b->off[i][C_FIPS] = put(b, v[C_FIPS], len[C_FIPS]);
	else if (place >= 0)
		b->off[i][C_FIPS] = put(b, matched, strlen(matched));
	else
		b->off[i][C_FIPS] = -1;
	b->off[i][C_OUTCOME] = len[C_OUTCOME] ?
	    put(b, v[C_OUTCOME], len[C_OUTCOME]) : -1;
	b->off[i][C_OUTCOME_DATE] = len[C_OUTCOME_DATE] ?
	    put(b, v[C_OUTCOME_DATE], len[C_OUTCOME_DATE]) : -1;
	b->off[i][6] = has_extra ?
	    put(b, buf_str(&t->json), buf_len(&t->json)) : -1;
	if (b->bytes.has_err || buf_err(&t->json) != AT_OK)
		return at_diag_set(d, AT_LIMIT, "", "row is too long");
	b->place[i] = place >= 0 ? (uint32_t)place : NO_PLACE;
	b->fh[i] = hash_bytes(v[C_FACILITY], len[C_FACILITY]);
	b->ym[i] = issued.year * 12 + issued.month - 1;
	b->oc[i] = len[C_OUTCOME] == 0 ? O_PENDING :
	    contains_declined(v[C_OUTCOME], len[C_OUTCOME]) ? O_DECLINED :
	    O_OTHER;
	b->n++;
	if (b->n == BATCH_ROWS || b->bytes.len >= BATCH_BYTES) {
		er = hand_over(t, false);
		if (er != AT_OK)
			return er;
	}
	return AT_OK;
}

static void *
reader_main(void *arg)
{
	struct det *t = arg;
	enum at_err er;

	er = ev_read(t->c->rd, det_header, det_row, t, &t->rd_d);
	pthread_mutex_lock(&t->mu);
	t->rd_er = er;
	pthread_mutex_unlock(&t->mu);
	/* The last batch (possibly empty) says the reader is done. */
	(void)hand_over(t, true);
	return NULL;
}

/* Wait for a filled batch; NULL never (the reader always ends with a
 * last one). */
static struct batch *
take(struct det *t)
{
	struct batch *b;

	pthread_mutex_lock(&t->mu);
	while (t->count == 0)
		pthread_cond_wait(&t->cv, &t->mu);
	b = &t->ring[t->tail];
	pthread_mutex_unlock(&t->mu);
	return b;
}

static void
give_back(struct det *t, bool stop)
{
	pthread_mutex_lock(&t->mu);
	t->tail = (t->tail + 1) % RING;
	t->count--;
	if (stop)
		t->stop = true;
	pthread_cond_broadcast(&t->cv);
	pthread_mutex_unlock(&t->mu);
}

struct find_line {
	int64_t want; /* data row, 0-based */
	int64_t seen;
	long line;
};

static enum at_err
skip_header(void *ctx, const struct ev_row *r, struct at_diag *d)
{
	(void)ctx;
	(void)r;
	(void)d;
	return AT_OK;
}

static enum at_err
find_row(void *ctx, const struct ev_row *r, struct at_diag *d)
{
	struct find_line *f = ctx;

	(void)d;
	if (f->seen++ < f->want)
		return AT_OK;
	f->line = r->line;
	return AT_NOTFOUND; /* stop reading */
}

/* The physical line of data row k (0-based), read again from the file;
 * 0 if it cannot be found.  Only on the error path. */
static long
line_of_row(const char *path, int64_t k)
{
	struct ev_reader rd;
	struct find_line f = { k, 0, 0 };

	memset(&rd, 0, sizeof(rd));
	rd.path = path;
	(void)ev_read(&rd, skip_header, find_row, &f, NULL);
	return f.line;
}

/* The lines of an id's first two rows in the file (PostgreSQL's load
 * has no rowid that places a repeat). */
struct find_id {
	const char *id;
	size_t len;
	int col;	/* of detainer_id, -1 before the header */
	int64_t seen;	/* rows holding the id */
	long line[2];
};

static enum at_err
id_header(void *ctx, const struct ev_row *r, struct at_diag *d)
{
	struct find_id *f = ctx;

	(void)d;
	for (size_t i = 0; i < r->n && f->col < 0; i++)
		if (strcmp(r->f[i], col_names[C_ID]) == 0)
			f->col = (int)i;
	return f->col < 0 ? AT_NOTFOUND : AT_OK;
}

static enum at_err
id_row(void *ctx, const struct ev_row *r, struct at_diag *d)
{
	struct find_id *f = ctx;
	size_t c = (size_t)f->col;

	(void)d;
	if (c >= r->n || r->len[c] != f->len ||
	    memcmp(r->f[c], f->id, f->len) != 0)
		return AT_OK;
	if (f->seen < 2)
		f->line[f->seen] = r->line;
	f->seen++;
	return AT_OK;
}

/* The line of the row that repeats id, given how many rows of the table
 * hold it after the load: its first row in the file when the table held
 * it before, else its second; 0 if not found.  Only on the error path. */
static long
line_of_id(const char *path, const char *id, int64_t rows)
{
	struct ev_reader rd;
	struct find_id f = { id, strlen(id), -1, 0, { 0, 0 } };

	memset(&rd, 0, sizeof(rd));
	rd.path = path;
	(void)ev_read(&rd, id_header, id_row, &f, NULL);
	if (f.seen == 0)
		return 0;
	return rows > f.seen ? f.line[0] : f.line[1];
}

/* About how many rows a file holds, from its size (gzip: about 5 to 1). */
static int64_t
rows_estimate(const char *path)
{
	unsigned char m[2] = { 0, 0 };
	struct stat sb;
	FILE *f;
	int64_t bytes;

	if (stat(path, &sb) != 0)
		return 0;
	bytes = (int64_t)sb.st_size;
	f = fopen(path, "rb");
	if (f != NULL) {
		if (fread(m, 1, 2, f) != 2)
			m[0] = 0;
		fclose(f);
	}
	return (m[0] == 0x1f && m[1] == 0x8b ? bytes * 5 : bytes) / 80;
}

enum at_err
ev_import_detainers(struct ev_ctx *c)
{
	struct det t;
	pthread_t th;
	enum at_err er = AT_OK;
	bool done = false, dropped = false;
	int64_t last = 0;

	memset(&t, 0, sizeof(t));
	t.c = c;
	(void)snprintf(c->st->table, sizeof(c->st->table), "detainers");
	if (pthread_mutex_init(&t.mu, NULL) != 0 ||
	    pthread_cond_init(&t.cv, NULL) != 0)
		at_oom();
	t.ring = xcalloc(RING, sizeof(*t.ring));
	for (size_t i = 0; i < RING; i++)
		ev_bytes_init(&t.ring[i].bytes, BATCH_BYTES + ((size_t)32 << 20));
	t.cur = &t.ring[0];
	buf_init(&t.json, (size_t)16 << 20);
	t.agg = xcalloc(AGG_CAP, sizeof(*t.agg));
	t.fac = xcalloc(FAC_CAP, sizeof(*t.fac));
	t.fac_bytes = xmalloc(FAC_BYTES);
	t.order = xcalloc(FAC_CAP, sizeof(*t.order));
	t.rank = xcalloc(FAC_CAP, sizeof(*t.rank));
	at_diag_clear(&t.rd_d);
	/* Load first, index after, when the file is the bigger part (all or
	 * nothing only: with a reject file each duplicate must be caught
	 * as its row is inserted). */
	if (c->rj == NULL)
		er = store_ev_detainers_load_begin(c->s,
		    rows_estimate(c->rd->path), &dropped, &last);
	/* On PostgreSQL, all or nothing: COPY (with a reject file each
	 * row is checked first, store_batch). */
	if (er == AT_OK && c->rj == NULL && store_ev_has_copy(c->s)) {
		er = store_ev_detainers_copy_begin(c->s, c->d);
		t.copy = er == AT_OK;
	}
	if (er != AT_OK)
		goto out;
	if (pthread_create(&th, NULL, reader_main, &t) != 0)
		at_oom();
	while (!done) {
		struct batch *b = take(&t);

		done = b->last;
		if (er == AT_OK)
			er = store_batch(&t, b, c->d);
		give_back(&t, er != AT_OK);
	}
	pthread_join(th, NULL);
	/* The reader's error comes first: it is the earlier line. */
	if (t.rd_er != AT_OK && !(er != AT_OK && t.rd_er == AT_CONFLICT &&
				    t.rd_d.msg[0] == '\0')) {
		if (c->d != NULL)
			*c->d = t.rd_d;
		er = t.rd_er;
	}
	if (t.copy) {
		enum at_err er2 = copy_finish(&t, er != AT_OK,
		    er == AT_OK ? c->d : NULL);

		if (er == AT_OK)
			er = er2;
	}
	if (er == AT_OK)
		er = agg_flush(&t);
	if (er == AT_OK && dropped) {
		char id[80];
		int64_t rowid = 0, rows = 0;

		er = store_ev_detainers_load_end(c->s, id, sizeof(id), &rowid,
		    &rows);
		if (er == AT_CONFLICT) {
			if (c->d != NULL) {
				at_diag_clear(c->d);
				c->d->line = rowid > last ?
				    line_of_row(c->rd->path, rowid - last - 1) :
				    rows > 1 ? line_of_id(c->rd->path, id, rows) :
				    0;
			}
			er = at_diag_set(c->d, AT_CONFLICT, "detainer_id",
			    "\"%s\" is already in the database or earlier in "
			    "the file", id);
		}
	}
out:
	c->st->rejected += t.db_rejected;
	for (size_t i = 0; i < RING; i++)
		ev_bytes_fini(&t.ring[i].bytes);
	for (size_t i = 0; i < EV_FIELDS_MAX; i++)
		free(t.extra_key[i]);
	free(t.ring);
	free(t.agg);
	free(t.fac);
	free(t.fac_bytes);
	free(t.order);
	free(t.rank);
	buf_fini(&t.json);
	pthread_cond_destroy(&t.cv);
	pthread_mutex_destroy(&t.mu);
	return er;
}
