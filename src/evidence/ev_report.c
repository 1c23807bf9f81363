/* SPDX-License-Identifier: ISC */
/*
 * The evidence for one jurisdiction, read from the summary tables (never
 * from the raw rows, so it costs a few indexed lookups whatever was
 * loaded), with the known gaps of each source stated beside its figures,
 * as text, JSON, CSV or SVG charts.
 */
#include "evidence/evidence.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/date.h"
#include "core/xalloc.h"
#include "evidence/ev_chart.h"
#include "model/model.h"
#include "store/store.h"
#include "store/store_evidence.h"

/* A source's figures: by year and by month, totals and per facility. */
struct rep_row {
	char facility[300]; /* "" for the total over facilities */
	char period[8];
	int64_t issued, declined, other; /* -1: the source does not say */
};

enum rep_src { R_DETAINERS, R_ICE, R__MAX };
_Static_assert(R__MAX == EV_SOURCES, "ev_source_info covers every source");

/* Rows, with an open-addressing index by (facility, period): a large
 * county's facility months each add to four rows (their month and year,
 * and the county's), so lookups must not scan. */
struct rep_set {
	struct rep_row *rows;
	size_t n, cap;
	uint32_t *slot; /* 2 * cap entries: row index + 1, 0 empty */
};

struct ev_report {
	char fips[8];
	char name[200];
	char kind[20];
	char from[8], to[8]; /* YYYY-MM bounds */
	struct rep_set src[R__MAX];
	struct store_ev_facility *fac;
	size_t nfac, capfac;
	struct {
		char fain[72], listing[16], recipient[200], first[11],
		    last[11];
		int64_t transactions, cents;
	} *awards;
	size_t naward, capaward;
};

static const char *const src_names[R__MAX] = { "detainer records",
	"ICE facility tables" };
static const char *const src_keys[R__MAX] = { "detainers",
	"ice_facility_tables" };

/* The data's known gaps, as its source says them (SOURCES.md and the
 * importers' rules). */
static const char *const gaps_detainers[] = {
	"Counts are what the loaded detainer files hold; a jurisdiction is "
	"matched by the facility's county FIPS code (or county and state "
	"name), so a facility outside its county's government is still "
	"counted under the county.",
	"Declined means the outcome text says declined; a detainer with no "
	"outcome is counted as issued only (pending or not recorded).",
	NULL,
};
static const char *const gaps_ice[] = {
	"Covers detainers issued from 2007-10-01 to 2015-07-19 only, by "
	"calendar year: 2007 is October to December, 2015 is January 1 to "
	"July 19.",
	"Declined counts are detainers lifted with the reason \"Detainer "
	"Declined by LEA\" only: a subset of declines; others may be "
	"recorded under other lift reasons or none.",
	"The tables do not give the number of detainers issued per facility, "
	"so no declined share can be computed from them.",
	"Other-outcome counts seem to cover only facilities that declined at "
	"least one detainer and add up to far less than the national totals: "
	"they are not a denominator.",
	"Facilities are matched to counties by a county name in the facility "
	"name, or by a city that is itself a county (an independent or "
	"consolidated city-county, where a state or federal facility in the "
	"city, such as an ICE hold room, is counted too); each facility "
	"shows how it was matched.  Facilities that could not be placed (a "
	"name shared by several states, a city or federal jail elsewhere) "
	"are not counted here.",
	NULL,
};

static size_t
row_hash(const char *facility, const char *period)
{
	uint64_t h = 1469598103934665603ULL;

	for (const char *p = facility; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	h = (h ^ 0xff) * 1099511628211ULL; /* a separator */
	for (const char *p = period; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	return (size_t)(h ^ (h >> 29));
}

/* The slot of (facility, period): its row's, or the empty one where it
 * would go.  Never full: the index has twice the rows' capacity. */
static uint32_t *
row_slot(const struct rep_set *s, const char *facility, const char *period)
{
	size_t mask = 2 * s->cap - 1;

	for (size_t i = row_hash(facility, period) & mask;; i = (i + 1) & mask) {
		const struct rep_row *r;

		if (s->slot[i] == 0)
			return &s->slot[i];
		r = &s->rows[s->slot[i] - 1];
		if (strcmp(r->period, period) == 0 &&
		    strcmp(r->facility, facility) == 0)
			return &s->slot[i];
	}
}

static void
add_row(struct rep_set *s, const char *facility, const char *period,
    int64_t i, int64_t d, int64_t o)
{
	struct rep_row *r;

	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->rows = xreallocarray(s->rows, s->cap, sizeof(*s->rows));
		free(s->slot);
		s->slot = xcalloc(2 * s->cap, sizeof(*s->slot));
		for (size_t k = 0; k < s->n; k++)
			*row_slot(s, s->rows[k].facility, s->rows[k].period) =
			    (uint32_t)k + 1;
	}
	r = &s->rows[s->n++];
	(void)snprintf(r->facility, sizeof(r->facility), "%s", facility);
	(void)snprintf(r->period, sizeof(r->period), "%s", period);
	r->issued = i;
	r->declined = d;
	r->other = o;
	*row_slot(s, r->facility, r->period) = (uint32_t)s->n;
}

static struct rep_row *
find_row(struct rep_set *s, const char *facility, const char *period)
{
	uint32_t *k;

	if (s->rows == NULL) /* nothing added yet: no index either */
		return NULL;
	k = row_slot(s, facility, period);
	return *k != 0 ? &s->rows[*k - 1] : NULL;
}

static int64_t
plus(int64_t a, int64_t b)
{
	if (a < 0)
		return b;
	if (b < 0)
		return a;
	return a + b;
}

/* Add counts to the row of (facility, period), creating it. */
static void
merge(struct rep_set *s, const char *facility, const char *period,
    int64_t i, int64_t d, int64_t o)
{
	struct rep_row *r = find_row(s, facility, period);

	if (r == NULL) {
		add_row(s, facility, period, i, d, o);
		return;
	}
	r->issued = plus(r->issued, i);
	r->declined = plus(r->declined, d);
	r->other = plus(r->other, o);
}

static bool
in_range(const struct ev_report *r, const char *period)
{
	char lo[8], hi[8];

	if (strlen(period) == 4) {
		(void)snprintf(lo, sizeof(lo), "%s-01", period);
		(void)snprintf(hi, sizeof(hi), "%s-12", period);
	} else {
		(void)snprintf(lo, sizeof(lo), "%s", period);
		(void)snprintf(hi, sizeof(hi), "%s", period);
	}
	return strcmp(hi, r->from) >= 0 && strcmp(lo, r->to) <= 0;
}

static int
sum_row(void *ctx, const struct store_ev_count *c)
{
	struct ev_report *r = ctx;
	enum rep_src s;

	if (strcmp(c->source, "detainers") == 0)
		s = R_DETAINERS;
	else if (strcmp(c->source, "ice-declined") == 0 ||
	    strcmp(c->source, "ice-other") == 0)
		s = R_ICE;
	else
		return 0;
	if (!in_range(r, c->period))
		return 0;
	merge(&r->src[s], c->facility, c->period, c->issued, c->declined,
	    c->other);
	/* Detainer records are stored per facility and month: the year and
	 * the totals over facilities (facility "") are added up here, over
	 * the months in range. */
	if (s == R_DETAINERS && c->facility[0] != '\0' &&
	    strlen(c->period) == 7) {
		char year[8];

		(void)snprintf(year, sizeof(year), "%.4s", c->period);
		merge(&r->src[s], c->facility, year, c->issued, c->declined,
		    c->other);
		merge(&r->src[s], "", c->period, c->issued, c->declined,
		    c->other);
		merge(&r->src[s], "", year, c->issued, c->declined, c->other);
	}
	/* The ICE tables are summed over facilities here. */
	if (s == R_ICE)
		merge(&r->src[s], "", c->period, c->issued, c->declined,
		    c->other);
	return 0;
}

static int
fac_row(void *ctx, const struct store_ev_facility *f)
{
	struct ev_report *r = ctx;

	if (r->nfac == r->capfac) {
		r->capfac = r->capfac ? r->capfac * 2 : 16;
		r->fac = xreallocarray(r->fac, r->capfac, sizeof(*r->fac));
	}
	r->fac[r->nfac++] = *f;
	return 0;
}

static int
award_row(void *ctx, const struct store_ev_award *a)
{
	struct ev_report *r = ctx;

	if (r->naward == r->capaward) {
		r->capaward = r->capaward ? r->capaward * 2 : 16;
		r->awards = xreallocarray(r->awards, r->capaward,
		    sizeof(*r->awards));
	}
	(void)snprintf(r->awards[r->naward].fain, 72, "%s", a->fain);
	(void)snprintf(r->awards[r->naward].listing, 16, "%s",
	    a->listing ? a->listing : "");
	(void)snprintf(r->awards[r->naward].recipient, 200, "%s",
	    a->recipient_name ? a->recipient_name : "");
	(void)snprintf(r->awards[r->naward].first, 11, "%s", a->first_action);
	(void)snprintf(r->awards[r->naward].last, 11, "%s", a->last_action);
	r->awards[r->naward].transactions = a->transactions;
	r->awards[r->naward].cents = a->obligated_cents;
	r->naward++;
	return 0;
}

/* YYYY or YYYY-MM into a YYYY-MM bound. */
static enum at_err
bound(const char *v, bool upper, char out[8], struct at_diag *d)
{
	struct at_date day;
	char tmp[16];

	if (v == NULL) {
		(void)snprintf(out, 8, "%s", upper ? "9999-12" : "0000-01");
		return AT_OK;
	}
	if (strlen(v) == 4)
		(void)snprintf(tmp, sizeof(tmp), "%s-%s-01", v,
		    upper ? "12" : "01");
	else
		(void)snprintf(tmp, sizeof(tmp), "%.7s-01", v);
	if ((strlen(v) != 4 && strlen(v) != 7) ||
	    at_date_parse_str(tmp, &day) != AT_OK)
		return at_diag_set(d, AT_EINVAL, upper ? "to" : "from",
		    "\"%s\" is not a year or month (YYYY or YYYY-MM)", v);
	(void)snprintf(out, 8, "%.7s", tmp);
	return AT_OK;
}

enum at_err
ev_report_load(struct store *s, const char *jurisdiction, const char *from,
    const char *to, struct ev_report **out, struct at_diag *d)
{
	struct ev_report *r = xcalloc(1, sizeof(*r));
	struct model_record *j = NULL;
	enum at_err er;

	er = bound(from, false, r->from, d);
	if (er == AT_OK)
		er = bound(to, true, r->to, d);
	if (er != AT_OK)
		goto fail;
	er = store_record_get(s, KIND_JURISDICTION, jurisdiction, &j);
	if (er == AT_NOTFOUND) {
		er = at_diag_set(d, AT_NOTFOUND, "jurisdiction",
		    "no jurisdiction \"%s\" (give its FIPS code)",
		    jurisdiction);
		goto fail;
	}
	if (er != AT_OK)
		goto fail;
	(void)snprintf(r->fips, sizeof(r->fips), "%s", jurisdiction);
	(void)snprintf(r->name, sizeof(r->name), "%s",
	    j->v[1].text != NULL ? j->v[1].text : "");
	(void)snprintf(r->kind, sizeof(r->kind), "%s",
	    j->v[2].text != NULL ? j->v[2].text : "");
	model_record_free(j);
	er = store_ev_summary_each(s, jurisdiction, sum_row, r);
	if (er == AT_OK)
		er = store_ev_facility_each(s, jurisdiction, fac_row, r);
	if (er == AT_OK)
		er = store_ev_awards_each(s, jurisdiction, award_row, r);
	if (er != AT_OK)
		goto fail;
	*out = r;
	return AT_OK;
fail:
	ev_report_free(r);
	return er;
}

void
ev_report_free(struct ev_report *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < R__MAX; i++) {
		free(r->src[i].rows);
		free(r->src[i].slot);
	}
	free(r->fac);
	free(r->awards);
	free(r);
}

static void
num(struct buf *b, int64_t v, int width)
{
	if (v < 0)
		buf_printf(b, "%*s", width, "-");
	else
		buf_printf(b, "%*lld", width, (long long)v);
}

static void
share(struct buf *b, int64_t declined, int64_t issued, int width)
{
	if (declined < 0 || issued <= 0)
		buf_printf(b, "%*s", width, "-");
	else
		buf_printf(b, "%*.1f%%", width - 1,
		    100.0 * (double)declined / (double)issued);
}

static const char *const *
gaps_of(enum rep_src s)
{
	return s == R_DETAINERS ? gaps_detainers : gaps_ice;
}

static void
text_table(struct buf *b, const struct rep_set *set, bool years,
    const char *facility)
{
	buf_printf(b, "  %-8s %9s %9s %9s %9s\n", years ? "year" : "month",
	    "issued", "declined", "other", "declined%");
	for (size_t i = 0; i < set->n; i++) {
		const struct rep_row *r = &set->rows[i];

		if (strcmp(r->facility, facility) != 0 ||
		    (strlen(r->period) == 4) != years)
			continue;
		buf_printf(b, "  %-8s ", r->period);
		num(b, r->issued, 9);
		buf_putc(b, ' ');
		num(b, r->declined, 9);
		buf_putc(b, ' ');
		num(b, r->other, 9);
		buf_putc(b, ' ');
		share(b, r->declined, r->issued, 9);
		buf_putc(b, '\n');
	}
}

static int
cmp_rows(const void *a, const void *b)
{
	const struct rep_row *x = a, *y = b;
	int c = strcmp(x->facility, y->facility);

	return c != 0 ? c : strcmp(x->period, y->period);
}

static void
sort_sets(const struct ev_report *r)
{
	for (size_t s = 0; s < R__MAX; s++) {
		const struct rep_set *set = &r->src[s];

		if (set->n < 2)
			continue;
		qsort(set->rows, set->n, sizeof(*set->rows), cmp_rows);
		/* The rows moved: index them again. */
		memset(set->slot, 0, 2 * set->cap * sizeof(*set->slot));
		for (size_t k = 0; k < set->n; k++)
			*row_slot(set, set->rows[k].facility,
			    set->rows[k].period) = (uint32_t)k + 1;
	}
}

static const struct store_ev_facility *
facility_of(const struct ev_report *r, const char *key)
{
	for (size_t i = 0; i < r->nfac; i++) {
		char k[512];

		(void)snprintf(k, sizeof(k), "%s (%s, %s)", r->fac[i].facility,
		    r->fac[i].city, r->fac[i].state);
		if (strcmp(k, key) == 0)
			return &r->fac[i];
	}
	return NULL;
}

static void
write_text(const struct ev_report *r, struct buf *b)
{
	buf_printf(b, "%s (%s, %s)\n", r->name, r->fips, r->kind);
	for (size_t s = 0; s < R__MAX; s++) {
		const struct rep_set *set = &r->src[s];
		const char *last = NULL;

		buf_printf(b, "\n%s\n", src_names[s]);
		if (set->n == 0) {
			buf_puts(b, "  none loaded for this jurisdiction\n");
			continue;
		}
		buf_puts(b, " all facilities, by year\n");
		text_table(b, set, true, "");
		if (s == R_DETAINERS) {
			buf_puts(b, " all facilities, by month\n");
			text_table(b, set, false, "");
		}
		for (size_t i = 0; i < set->n; i++) {
			const struct rep_row *row = &set->rows[i];
			const struct store_ev_facility *f;

			if (row->facility[0] == '\0' ||
			    (last != NULL && strcmp(last, row->facility) == 0))
				continue;
			last = row->facility;
			buf_printf(b, " facility %s", row->facility);
			f = facility_of(r, row->facility);
			if (f != NULL && f->matched_by[0] != '\0')
				buf_printf(b, " [matched by %s]",
				    f->matched_by);
			buf_putc(b, '\n');
			text_table(b, set, true, row->facility);
		}
		buf_puts(b, " known gaps:\n");
		for (const char *const *g = gaps_of((enum rep_src)s); *g; g++)
			buf_printf(b, "  - %s\n", *g);
	}
	buf_puts(b, "\nawards (USAspending, summed by FAIN)\n");
	if (r->naward == 0)
		buf_puts(b, "  none loaded for this jurisdiction\n");
	for (size_t i = 0; i < r->naward; i++)
		buf_printf(b, "  %-20s %-7s %14.2f  %lld transactions  %s..%s  "
			      "%s\n",
		    r->awards[i].fain, r->awards[i].listing,
		    (double)r->awards[i].cents / 100.0,
		    (long long)r->awards[i].transactions, r->awards[i].first,
		    r->awards[i].last, r->awards[i].recipient);
}

static json_t *
jnum(int64_t v)
{
	return v < 0 ? json_null() : json_integer((json_int_t)v);
}

static json_t *
json_rows(const struct rep_set *set, const char *facility, bool years)
{
	json_t *a = json_array();

	for (size_t i = 0; i < set->n; i++) {
		const struct rep_row *r = &set->rows[i];
		json_t *o;

		if (strcmp(r->facility, facility) != 0 ||
		    (strlen(r->period) == 4) != years)
			continue;
		o = json_pack("{s:s, s:o, s:o, s:o, s:o}", "period", r->period,
		    "issued", jnum(r->issued), "declined", jnum(r->declined),
		    "other", jnum(r->other), "declined_share",
		    r->declined >= 0 && r->issued > 0 ?
			json_real((double)r->declined / (double)r->issued) :
			json_null());
		if (o == NULL || json_array_append_new(a, o) != 0)
			at_oom();
	}
	return a;
}

static void
write_json(const struct ev_report *r, struct buf *b)
{
	json_t *root, *sources;
	char *s;

	root = json_pack("{s:s, s:s, s:s, s:s, s:s}", "jurisdiction", r->fips,
	    "name", r->name, "kind", r->kind, "from", r->from, "to", r->to);
	sources = json_object();
	if (root == NULL || sources == NULL)
		at_oom();
	for (size_t k = 0; k < R__MAX; k++) {
		const struct rep_set *set = &r->src[k];
		json_t *src, *facs, *gaps;
		const char *last = NULL;

		facs = json_array();
		gaps = json_array();
		for (const char *const *g = gaps_of((enum rep_src)k); *g; g++)
			json_array_append_new(gaps, json_string(*g));
		for (size_t i = 0; i < set->n; i++) {
			const struct rep_row *row = &set->rows[i];
			const struct store_ev_facility *f;
			json_t *fo;

			if (row->facility[0] == '\0' ||
			    (last != NULL && strcmp(last, row->facility) == 0))
				continue;
			last = row->facility;
			f = facility_of(r, row->facility);
			fo = json_pack("{s:s, s:o}", "facility", row->facility,
			    "years", json_rows(set, row->facility, true));
			if (fo == NULL)
				at_oom();
			if (f != NULL) {
				json_object_set_new(fo, "name",
				    json_string(f->facility));
				json_object_set_new(fo, "city",
				    json_string(f->city));
				json_object_set_new(fo, "state",
				    json_string(f->state));
				json_object_set_new(fo, "matched_by",
				    json_string(f->matched_by));
			}
			json_array_append_new(facs, fo);
		}
		src = json_pack("{s:s, s:o, s:o, s:o, s:o}", "name",
		    src_names[k], "years", json_rows(set, "", true), "months",
		    json_rows(set, "", false), "facilities", facs, "gaps",
		    gaps);
		if (src == NULL)
			at_oom();
		json_object_set_new(sources, src_keys[k], src);
	}
	json_object_set_new(root, "sources", sources);
	{
		json_t *aw = json_array();

		for (size_t i = 0; i < r->naward; i++)
			json_array_append_new(aw,
			    json_pack("{s:s, s:s, s:s, s:I, s:I, s:s, s:s}",
				"fain", r->awards[i].fain, "listing",
				r->awards[i].listing, "recipient",
				r->awards[i].recipient, "transactions",
				(json_int_t)r->awards[i].transactions,
				"obligated_cents",
				(json_int_t)r->awards[i].cents, "first_action",
				r->awards[i].first, "last_action",
				r->awards[i].last));
		json_object_set_new(root, "awards", aw);
	}
	s = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (s == NULL)
		at_oom();
	buf_puts(b, s);
	buf_putc(b, '\n');
	free(s);
}

static void
csv_field(struct buf *b, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

static void
csv_num(struct buf *b, int64_t v)
{
	if (v >= 0)
		buf_printf(b, "%lld", (long long)v);
}

static void
write_csv(const struct ev_report *r, struct buf *b)
{
	buf_puts(b, "jurisdiction,source,facility,period,issued,declined,"
		    "other\n");
	for (size_t k = 0; k < R__MAX; k++)
		for (size_t i = 0; i < r->src[k].n; i++) {
			const struct rep_row *row = &r->src[k].rows[i];

			buf_printf(b, "%s,%s,", r->fips, src_keys[k]);
			csv_field(b, row->facility);
			buf_printf(b, ",%s,", row->period);
			csv_num(b, row->issued);
			buf_putc(b, ',');
			csv_num(b, row->declined);
			buf_putc(b, ',');
			csv_num(b, row->other);
			buf_putc(b, '\n');
		}
}

void
ev_report_write(const struct ev_report *r, enum ev_format f, struct buf *out)
{
	sort_sets(r);
	switch (f) {
	case EV_TEXT:
		write_text(r, out);
		break;
	case EV_JSON:
		write_json(r, out);
		break;
	case EV_CSV:
		write_csv(r, out);
		break;
	default:
		abort();
	}
}

/* The totals of a set for years or months, as chart points. */
static size_t
points(const struct rep_set *set, bool years, const char **labels,
    double *issued, double *declined, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < set->n && n < max; i++) {
		const struct rep_row *r = &set->rows[i];

		if (r->facility[0] != '\0' || (strlen(r->period) == 4) != years)
			continue;
		labels[n] = r->period;
		issued[n] = (double)r->issued;
		declined[n] = (double)r->declined;
		n++;
	}
	return n;
}

/* A chart's place, as text for the sink. */
struct box {
	char w[16], h[16], vb[48];
};

static void
box_of(struct box *b, double w, double h)
{
	(void)snprintf(b->w, sizeof(b->w), "%.0f", w);
	(void)snprintf(b->h, sizeof(b->h), "%.0f", h);
	(void)snprintf(b->vb, sizeof(b->vb), "0 0 %.0f %.0f", w, h);
}

void
ev_report_charts(const struct ev_report *r, const struct ev_svg_sink *o)
{
	enum { MAXP = 1200, W = 760, H = 250, GAP = 270 };
	const char **labels = xcalloc(MAXP, sizeof(*labels));
	double *iss = xcalloc(MAXP, sizeof(*iss));
	double *dec = xcalloc(MAXP, sizeof(*dec));
	bool ice = r->src[R_ICE].n > 0, det = r->src[R_DETAINERS].n > 0;
	double y = 40;
	char head[300];
	struct box bx;
	size_t n;

	sort_sets(r);
	box_of(&bx, W, 40 + GAP * ((ice ? 1 : 0) + (det ? 2 : 0)) +
		(ice || det ? 0 : 20));
	{
		static const char *const names[] = { "xmlns", "width",
			"height", "viewBox", "font-family", "role",
			"aria-label" };
		const char *vals[] = { "http://www.w3.org/2000/svg", bx.w,
			bx.h, bx.vb, "sans-serif", "img", head };

		(void)snprintf(head, sizeof(head), "%s (%s): detainers",
		    r->name, r->fips);
		o->open(o->ctx, "svg", names, vals, 7);
	}
	{
		static const char *const names[] = { "x", "y", "font-size" };
		static const char *const vals[] = { "8", "22", "16" };

		o->open(o->ctx, "text", names, vals, 3);
		o->text(o->ctx, head);
		if (!ice && !det)
			o->text(o->ctx, ": no figures loaded");
		o->close(o->ctx);
	}
	if (ice) {
		struct ev_series s[] = { { "declined (ICE facility tables)",
			"#c0392b", dec } };
		struct ev_chart c = { "Declined detainers per year, ICE "
				      "facility tables (2007-10 to 2015-07)",
			labels, 0, s, 1, 0, y, W, H };

		c.n = points(&r->src[R_ICE], true, labels, iss, dec, MAXP);
		ev_chart_bars_to(o, &c);
		y += GAP;
	}
	if (det) {
		struct ev_series s[] = { { "issued", "#2c7fb8", iss },
			{ "declined", "#c0392b", dec } };
		struct ev_chart c = { "Detainer records per year", labels, 0,
			s, 2, 0, y, W, H };

		c.n = points(&r->src[R_DETAINERS], true, labels, iss, dec,
		    MAXP);
		ev_chart_bars_to(o, &c);
		y += GAP;
		n = points(&r->src[R_DETAINERS], false, labels, iss, dec,
		    MAXP);
		c.title = "Detainer records per month";
		c.n = n;
		c.y = y;
		ev_chart_lines_to(o, &c);
	}
	o->close(o->ctx);
	free(labels);
	free(iss);
	free(dec);
}

void
ev_report_svg(const struct ev_report *r, struct buf *b)
{
	struct ev_svg_buf sb;

	ev_svg_buf_init(&sb, b);
	ev_report_charts(r, &sb.sink);
}

bool
ev_report_has_figures(const struct ev_report *r)
{
	for (size_t k = 0; k < R__MAX; k++)
		if (r->src[k].n > 0)
			return true;
	return false;
}

const char *
ev_report_name(const struct ev_report *r)
{
	return r->name;
}

bool
ev_source_info(size_t k, const char **key, const char **name,
    const char *const **gaps)
{
	if (k >= R__MAX)
		return false;
	*key = src_keys[k];
	*name = src_names[k];
	*gaps = gaps_of((enum rep_src)k);
	return true;
}

size_t
ev_report_each(const struct ev_report *r, size_t k, ev_figure_fn fn,
    void *ctx)
{
	struct ev_figure f;

	if (k >= R__MAX)
		return 0;
	sort_sets(r);
	for (size_t i = 0; i < r->src[k].n; i++) {
		const struct rep_row *row = &r->src[k].rows[i];
		const struct store_ev_facility *fa = NULL;

		f.facility = row->facility;
		f.period = row->period;
		f.issued = row->issued;
		f.declined = row->declined;
		f.other = row->other;
		f.matched_by = "";
		if (row->facility[0] != '\0')
			fa = facility_of(r, row->facility);
		if (fa != NULL)
			f.matched_by = fa->matched_by;
		fn(ctx, &f);
	}
	return r->src[k].n;
}
