/* SPDX-License-Identifier: ISC */
/*
 * Detainer records themselves, a page at a time (see evidence.h): the
 * checks of a request's days, limit and cursor, the cursor's encoding,
 * the page before a cursor put back in order, and a page written as
 * JSON, CSV or a text table for the command line and the API alike.  The query is store_ev_detainers_page; pages of the
 * web site lay rows out themselves through ev_records_page.
 *
 * A cursor is the base64url text (no padding) of a version byte, a
 * record's issued_date and its detainer_id: opaque to a reader, yet the
 * whole position, so no state is kept between pages.  The same cursor
 * serves both ways: a page's last record for the page after it, its
 * first for the page before.
 */
#include "evidence/evidence.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "core/buf.h"
#include "core/date.h"
#include "core/xalloc.h"
#include "evidence/evidence_int.h"
#include "model/model.h"
#include "store/store.h"
#include "store/store_detainers.h"

#define CURSOR_VERSION '1'
/* Version byte, day, the longest id. */
#define CURSOR_RAW (1 + 10 + EV_RECORDS_ID_MAX)

/* A day as given, checked and written back as YYYY-MM-DD. */
static enum at_err
day_arg(const char *field, const char *v, char out[11], struct at_diag *d)
{
	struct at_date dt;

	out[0] = '\0';
	if (v == NULL || v[0] == '\0')
		return AT_OK;
	if (strlen(v) != 10 || at_date_parse_str(v, &dt) != AT_OK)
		return at_diag_set(d, AT_EINVAL, field,
		    "\"%.40s\" is not a day (YYYY-MM-DD)", v);
	at_date_format(dt, out);
	return AT_OK;
}

static enum at_err
cursor_decode(const char *field, const char *c, char date[11],
    char id[EV_RECORDS_ID_MAX + 1], struct at_diag *d)
{
	unsigned char raw[CURSOR_RAW + 1];
	size_t n = 0;
	struct at_date dt;

	if (strlen(c) >= EV_CURSOR_LEN ||
	    sodium_base642bin(raw, sizeof(raw), c, strlen(c), NULL, &n, NULL,
		sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    n < 12 || n > CURSOR_RAW || raw[0] != CURSOR_VERSION ||
	    at_date_parse((const char *)raw + 1, 10, &dt) != AT_OK ||
	    !ev_clean((const char *)raw + 11, n - 11, false))
		return at_diag_set(d, AT_EINVAL, field,
		    "\"%.40s\" is not a cursor of these records (give the "
		    "\"%s\" of a page)", c,
		    strcmp(field, "after") == 0 ? "next" : "prev");
	memcpy(date, raw + 1, 10);
	date[10] = '\0';
	memcpy(id, raw + 11, n - 11);
	id[n - 11] = '\0';
	return AT_OK;
}

enum at_err
ev_records_query_init(struct ev_records_query *q, const char *jurisdiction,
    const char *from, const char *to, int64_t limit, const char *after,
    const char *before, struct at_diag *d)
{
	struct ev_records_query t;
	enum at_err er;

	memset(&t, 0, sizeof(t));
	/* No jurisdiction has a longer id: unknown, as any other. */
	if (jurisdiction == NULL || jurisdiction[0] == '\0' ||
	    strlen(jurisdiction) >= sizeof(t.jurisdiction))
		return at_diag_set(d, AT_NOTFOUND, "jurisdiction",
		    "no jurisdiction \"%.40s\" (give its FIPS code)",
		    jurisdiction != NULL ? jurisdiction : "");
	memcpy(t.jurisdiction, jurisdiction, strlen(jurisdiction) + 1);
	er = day_arg("from", from, t.from, d);
	if (er == AT_OK)
		er = day_arg("to", to, t.to, d);
	if (er != AT_OK)
		return er;
	if (t.from[0] != '\0' && t.to[0] != '\0' &&
	    strcmp(t.to, t.from) < 0)
		return at_diag_set(d, AT_EINVAL, "to",
		    "%s is before from (%s)", t.to, t.from);
	if (limit < 0 || limit > EV_RECORDS_LIMIT_MAX)
		return at_diag_set(d, AT_EINVAL, "limit",
		    "%lld is not between 1 and %d", (long long)limit,
		    EV_RECORDS_LIMIT_MAX);
	t.limit = limit == 0 ? EV_RECORDS_LIMIT : limit;
	if (after != NULL && after[0] != '\0' && before != NULL &&
	    before[0] != '\0')
		return at_diag_set(d, AT_EINVAL, "before",
		    "give after or before, not both (one cursor a page)");
	if (after != NULL && after[0] != '\0')
		er = cursor_decode("after", after, t.after_date, t.after_id,
		    d);
	else if (before != NULL && before[0] != '\0')
		er = cursor_decode("before", before, t.before_date,
		    t.before_id, d);
	if (er != AT_OK)
		return er;
	*q = t;
	return AT_OK;
}

/* The cursor of the record (date, id) into out; "" for none. */
static void
cursor_encode(const char *date, const char *id, char out[EV_CURSOR_LEN])
{
	unsigned char raw[CURSOR_RAW];
	size_t n = strnlen(id, EV_RECORDS_ID_MAX + 1);

	out[0] = '\0';
	if (strlen(date) != 10 || n == 0 || n > EV_RECORDS_ID_MAX)
		return;
	raw[0] = CURSOR_VERSION;
	memcpy(raw + 1, date, 10);
	memcpy(raw + 11, id, n);
	sodium_bin2base64(out, EV_CURSOR_LEN, raw, 11 + n,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

const char *
ev_records_cursor(const struct ev_records_query *q, char out[EV_CURSOR_LEN])
{
	if (q->before_date[0] != '\0') {
		cursor_encode(q->before_date, q->before_id, out);
		return "before";
	}
	cursor_encode(q->after_date, q->after_id, out);
	return out[0] != '\0' ? "after" : NULL;
}

struct page_ctx {
	struct ev_records_query *q;
	ev_record_fn fn;
	void *ctx;
	int64_t n;
	bool more; /* a row follows the page */
	bool bad;  /* a row no cursor can name ended it */
	char first_date[11];			/* the page's first */
	char first_id[EV_RECORDS_ID_MAX + 1]; /* record */
};

static int
page_row(void *ctx, const struct store_ev_detainer *row)
{
	struct page_ctx *p = ctx;
	struct ev_record r = { row->v[0], row->v[1], row->v[2], row->v[3],
		row->v[4], row->v[5], row->v[6] };
	size_t n;

	/* The row after the page's last says there are more. */
	if (p->n == p->q->limit) {
		p->more = true;
		return 1;
	}
	if (r.detainer_id == NULL || r.issued_date == NULL ||
	    strlen(r.issued_date) != 10 ||
	    (n = strlen(r.detainer_id)) == 0 || n > EV_RECORDS_ID_MAX) {
		/* Not a row the import stores: a cursor could not name
		 * it, so the listing ends before it rather than loop. */
		p->bad = true;
		return 1;
	}
	if (p->n == 0) {
		memcpy(p->first_date, r.issued_date, 11);
		memcpy(p->first_id, r.detainer_id, n + 1);
	}
	p->n++;
	memcpy(p->q->after_date, r.issued_date, 11);
	memcpy(p->q->after_id, r.detainer_id, n + 1);
	/* A caller that stops early can go on from this row. */
	if (p->fn(p->ctx, &r) != 0) {
		p->more = true;
		return 1;
	}
	return 0;
}

/*
 * The page before a cursor, as read (nearest first): at most cap rows,
 * their fields copied into one buffer (a row is borrowed only for its
 * call) so that they can be given back in order.
 */
struct held {
	struct buf text;   /* every field, NUL-terminated; owned */
	/* each row's fields in text, SIZE_MAX for NULL; owned, cap rows */
	size_t (*off)[STORE_EV_DETAINER_FIELDS];
	int64_t n, cap;
	bool more; /* a row precedes the held ones */
};

static int
hold_row(void *ctx, const struct store_ev_detainer *row)
{
	struct held *h = ctx;

	if (h->n == h->cap) {
		h->more = true;
		return 1;
	}
	for (size_t i = 0; i < STORE_EV_DETAINER_FIELDS; i++) {
		h->off[h->n][i] = row->v[i] != NULL ? buf_len(&h->text) :
						      SIZE_MAX;
		if (row->v[i] != NULL)
			buf_append(&h->text, row->v[i], strlen(row->v[i]) + 1);
	}
	h->n++;
	return 0;
}

static int
found_row(void *ctx, const struct store_ev_detainer *row)
{
	(void)row;
	*(bool *)ctx = true;
	return 1;
}

/* Whether r holds a record before (date, id) (back) or after it. */
static enum at_err
any_beside(struct store *s, const struct store_detainer_range *r,
    const char *date, const char *id, bool back, bool *found)
{
	struct store_detainer_range t = *r;

	t.after_date = back ? NULL : date;
	t.after_id = back ? NULL : id;
	t.before_date = back ? date : NULL;
	t.before_id = back ? id : NULL;
	t.limit = 1;
	*found = false;
	return store_ev_detainers_page(s, &t, found_row, found);
}

/* The page before q's cursor: read backward into h, then given in
 * order through page_row. */
static enum at_err
page_back(struct store *s, struct store_detainer_range *r,
    struct page_ctx *p, bool *has_prev)
{
	struct held h;
	enum at_err er;

	/* At most EV_RECORDS_LIMIT_MAX records of a few hundred bytes. */
	buf_init(&h.text, (size_t)64 << 20);
	h.cap = p->q->limit;
	h.off = xreallocarray(NULL, (size_t)h.cap, sizeof(*h.off));
	h.n = 0;
	h.more = false;
	/* Rows are given from this cursor on. */
	p->q->after_date[0] = p->q->after_id[0] = '\0';
	r->before_date = p->q->before_date;
	r->before_id = p->q->before_id;
	r->limit = h.cap + 1; /* the one more says a page precedes */
	er = store_ev_detainers_page(s, r, hold_row, &h);
	if (er == AT_OK && buf_err(&h.text) != AT_OK)
		er = AT_LIMIT;
	for (int64_t i = h.n - 1; er == AT_OK && i >= 0; i--) {
		struct store_ev_detainer row;

		for (size_t k = 0; k < STORE_EV_DETAINER_FIELDS; k++)
			row.v[k] = h.off[i][k] == SIZE_MAX ? NULL :
			    buf_str(&h.text) + h.off[i][k];
		if (page_row(p, &row) != 0)
			break;
	}
	/* The held rows' first, if given, is the page's first. */
	*has_prev = er == AT_OK && h.more && p->n > 0;
	free(h.off);
	buf_fini(&h.text);
	return er;
}

enum at_err
ev_records_page(struct store *s, struct ev_records_query *q,
    ev_record_fn fn, void *ctx, struct ev_records_links *l,
    struct at_diag *d)
{
	struct page_ctx p;
	struct store_detainer_range r;
	bool found = false, back = q->before_date[0] != '\0';
	bool asked = back || q->after_date[0] != '\0';
	bool has_prev = false, has_next = false;
	enum at_err er;

	l->prev[0] = l->next[0] = '\0';
	er = store_record_exists(s, KIND_JURISDICTION, q->jurisdiction,
	    &found);
	if (er != AT_OK)
		return at_diag_set(d, er, "", "the database could not be read");
	if (!found)
		return at_diag_set(d, AT_NOTFOUND, "jurisdiction",
		    "no jurisdiction \"%s\" (give its FIPS code)",
		    q->jurisdiction);
	memset(&p, 0, sizeof(p));
	p.q = q;
	p.fn = fn;
	p.ctx = ctx;
	memset(&r, 0, sizeof(r));
	r.county = q->jurisdiction;
	r.from = q->from[0] != '\0' ? q->from : NULL;
	r.to = q->to[0] != '\0' ? q->to : NULL;
	if (back) {
		/* page_row moves q's after cursor along the rows given. */
		er = page_back(s, &r, &p, &has_prev);
	} else {
		if (asked) {
			r.after_date = q->after_date;
			r.after_id = q->after_id;
		}
		/* One more than the page: whether another page follows,
		 * without a last request that comes back empty. */
		r.limit = q->limit + 1;
		er = store_ev_detainers_page(s, &r, page_row, &p);
	}
	/* A caller that stopped early, or the row after a forward page,
	 * says more follow; after a page read backward, look. */
	has_next = p.more;
	r.before_date = r.before_id = r.after_date = r.after_id = NULL;
	if (er == AT_OK && back && !p.more && p.n > 0 && !p.bad)
		er = any_beside(s, &r, q->after_date, q->after_id, false,
		    &has_next);
	/* Whether a record precedes a page asked after a cursor. */
	if (er == AT_OK && !back && asked && p.n > 0)
		er = any_beside(s, &r, p.first_date, p.first_id, true,
		    &has_prev);
	if (er == AT_LIMIT)
		return at_diag_set(d, er, "", "the page is too large");
	if (er != AT_OK)
		return at_diag_set(d, er, "", "the database could not be read");
	/* From here on q asks for the page after this one. */
	if (back && p.n > 0)
		q->before_date[0] = q->before_id[0] = '\0';
	if (has_prev)
		cursor_encode(p.first_date, p.first_id, l->prev);
	if (has_next && !p.bad)
		cursor_encode(q->after_date, q->after_id, l->next);
	return AT_OK;
}

/* ---- one page written out ---- */

static const char *const cols[] = { "detainer_id", "issued_date",
	"facility", "facility_county_fips", "outcome", "outcome_date",
	"extra" };

static void
jstr(struct buf *b, const char *s)
{
	if (s == NULL)
		buf_puts(b, "null");
	else
		ev_json_str(b, s, strlen(s));
}

/* The stored JSON object of the file's other columns as itself; text
 * that is not one (no import writes such) as a string. */
static void
jextra(struct buf *b, const char *s)
{
	json_t *v;
	char *out;

	if (s == NULL) {
		buf_puts(b, "null");
		return;
	}
	v = json_loads(s, JSON_REJECT_DUPLICATES, NULL);
	out = json_is_object(v) ? json_dumps(v, JSON_COMPACT |
	    JSON_PRESERVE_ORDER) : NULL;
	if (out != NULL)
		buf_puts(b, out);
	else
		jstr(b, s);
	free(out);
	json_decref(v);
}

/* RFC 4180 quoting; text a spreadsheet would run as a formula is quoted
 * and shown as text. */
static void
csv_cell(struct buf *b, const char *s)
{
	bool formula, quote;

	if (s == NULL)
		return;
	formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@';
	quote = formula || strpbrk(s, ",\"\r\n") != NULL;
	if (!quote) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	if (formula)
		buf_putc(b, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

/* s padded or cut to w characters (UTF-8), then two spaces. */
static void
text_cell(struct buf *b, const char *s, int w, bool last)
{
	int n = 0;
	size_t i = 0;

	if (s == NULL)
		s = "";
	while (s[i] != '\0' && (last || n < w)) {
		size_t k = 1;

		while (((unsigned char)s[i + k] & 0xC0) == 0x80)
			k++;
		buf_append(b, s + i, k);
		i += k;
		n++;
	}
	if (last) {
		buf_putc(b, '\n');
		return;
	}
	for (; n < w + 2; n++)
		buf_putc(b, ' ');
}

struct write_ctx {
	struct buf *b;
	enum ev_format f;
	int64_t n;
};

static int
write_row(void *ctx, const struct ev_record *r)
{
	struct write_ctx *w = ctx;
	const char *v[7] = { r->detainer_id, r->issued_date, r->facility,
		r->county_fips, r->outcome, r->outcome_date, r->extra };

	switch (w->f) {
	case EV_JSON:
		buf_puts(w->b, w->n > 0 ? ",\n  {" : "\n  {");
		for (size_t i = 0; i < 7; i++) {
			if (i > 0)
				buf_putc(w->b, ',');
			jstr(w->b, cols[i]);
			buf_putc(w->b, ':');
			if (i == 6)
				jextra(w->b, v[i]);
			else
				jstr(w->b, v[i]);
		}
		buf_putc(w->b, '}');
		break;
	case EV_CSV:
		for (size_t i = 0; i < 7; i++) {
			if (i > 0)
				buf_putc(w->b, ',');
			csv_cell(w->b, v[i]);
		}
		buf_puts(w->b, "\r\n");
		break;
	case EV_TEXT:
		text_cell(w->b, r->issued_date, 10, false);
		text_cell(w->b, r->detainer_id, 16, false);
		text_cell(w->b, r->facility, 36, false);
		text_cell(w->b, r->outcome, 28, false);
		text_cell(w->b, r->outcome_date, 10, true);
		break;
	default:
		abort();
	}
	w->n++;
	return 0;
}

static void
write_head(struct buf *b, const struct ev_records_query *q, enum ev_format f)
{
	switch (f) {
	case EV_JSON:
		buf_puts(b, "{\"jurisdiction\":");
		jstr(b, q->jurisdiction);
		buf_puts(b, ",\"from\":");
		jstr(b, q->from[0] != '\0' ? q->from : NULL);
		buf_puts(b, ",\"to\":");
		jstr(b, q->to[0] != '\0' ? q->to : NULL);
		buf_printf(b, ",\"limit\":%lld,\"rows\":[", (long long)q->limit);
		break;
	case EV_CSV:
		for (size_t i = 0; i < 7; i++) {
			if (i > 0)
				buf_putc(b, ',');
			buf_puts(b, cols[i]);
		}
		buf_puts(b, "\r\n");
		break;
	case EV_TEXT:
		text_cell(b, "issued", 10, false);
		text_cell(b, "detainer_id", 16, false);
		text_cell(b, "facility", 36, false);
		text_cell(b, "outcome", 28, false);
		text_cell(b, "outcome_date", 10, true);
		break;
	default:
		abort();
	}
}

enum at_err
ev_records_write(struct store *s, struct ev_records_query *q,
    enum ev_format f, bool header, struct buf *out,
    struct ev_records_links *l, struct at_diag *d)
{
	struct buf b;
	struct write_ctx w;
	enum at_err er;

	/* A page of at most EV_RECORDS_LIMIT_MAX rows of a few hundred
	 * bytes each: well under this. */
	buf_init(&b, (size_t)64 << 20);
	w.b = &b;
	w.f = f;
	w.n = 0;
	if (header || f == EV_JSON)
		write_head(&b, q, f);
	er = ev_records_page(s, q, write_row, &w, l, d);
	if (er == AT_OK && buf_err(&b) != AT_OK)
		er = at_diag_set(d, AT_LIMIT, "", "the page is too large");
	if (er != AT_OK) {
		buf_fini(&b);
		return er;
	}
	if (f == EV_JSON) {
		buf_puts(&b, w.n > 0 ? "\n ],\"prev\":" : "],\"prev\":");
		jstr(&b, l->prev[0] != '\0' ? l->prev : NULL);
		buf_puts(&b, ",\"next\":");
		jstr(&b, l->next[0] != '\0' ? l->next : NULL);
		buf_puts(&b, "}\n");
	}
	buf_append(out, buf_str(&b), buf_len(&b));
	buf_fini(&b);
	return AT_OK;
}
