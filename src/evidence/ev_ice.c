/* SPDX-License-Identifier: ISC */
/*
 * attest import ice-aggregates FILE: the aggregate detainer tables NPR
 * published from ICE's FOIA release (../shared/data/ice_*.csv, described
 * in its SOURCES.md), recognised by their header rows:
 *
 *   year,count                 all detainers (or lifted ones: the file
 *                              name says "lifted") per calendar year
 *   year,lift_reason,count     per lift reason and year
 *   year,detainer_type,count   per detainer type and year
 *   year_month,count           all detainers per month
 *   year,det_facility,city,state,declined_count
 *                              declined per facility and year
 *   det_facility,year,other_outcome_count
 *                              other outcomes per facility and year
 *
 * A table is replaced as a whole when it is loaded again.  Facilities are
 * matched to counties by ev_places_facility; the second facility table
 * has no city or state, so its rows are matched through the facilities
 * the first one named, and a name shared by facilities in several states
 * cannot be placed.  Rows that cannot be placed are stored under no
 * jurisdiction and reported.
 */
#include "evidence/evidence_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/parse.h"
#include "store/store.h"
#include "store/store_evidence.h"

enum ice_table {
	T_YEAR,
	T_LIFTED_YEAR,
	T_LIFT_REASON,
	T_TYPE,
	T_MONTH,
	T_FAC_DECLINED,
	T_FAC_OTHER,
	T__MAX
};

static const struct {
	const char *header; /* the columns, comma-joined */
	const char *name;
} tables[T__MAX] = {
	[T_YEAR] = { "year,count", "ICE detainers by year" },
	[T_LIFTED_YEAR] = { "year,count", "ICE lifted detainers by year" },
	[T_LIFT_REASON] = { "year,lift_reason,count",
	    "ICE detainers by lift reason and year" },
	[T_TYPE] = { "year,detainer_type,count",
	    "ICE detainers by type and year" },
	[T_MONTH] = { "year_month,count", "ICE detainers by month" },
	[T_FAC_DECLINED] = { "year,det_facility,city,state,declined_count",
	    "ICE declined detainers by facility and year" },
	[T_FAC_OTHER] = { "det_facility,year,other_outcome_count",
	    "ICE other outcomes by facility and year" },
};

struct ice {
	struct ev_ctx *c;
	enum ice_table t;
	char source[300];
};

static enum at_err
ice_header(void *ctx, const struct ev_row *r, struct at_diag *d)
{
	struct ice *x = ctx;
	char joined[512];
	size_t o = 0;
	const char *base = strrchr(x->c->rd->path, '/');

	base = base != NULL ? base + 1 : x->c->rd->path;
	for (size_t i = 0; i < r->n; i++) {
		int rc = snprintf(joined + o, sizeof(joined) - o, "%s%s",
		    i ? "," : "", r->f[i]);

		if (rc < 0 || (size_t)rc >= sizeof(joined) - o)
			return at_diag_set(d, AT_EINVAL, "",
			    "not one of the ICE aggregate tables");
		o += (size_t)rc;
	}
	for (size_t t = 0; t < T__MAX; t++)
		if (strcmp(joined, tables[t].header) == 0) {
			x->t = (enum ice_table)t;
			break;
		} else if (t == T__MAX - 1)
			return at_diag_set(d, AT_EINVAL, "",
			    "header \"%s\" is not one of the ICE aggregate "
			    "tables (see attest import ice-aggregates --help)",
			    joined);
	if (x->t == T_YEAR && strstr(base, "lifted") != NULL)
		x->t = T_LIFTED_YEAR;
	(void)snprintf(x->c->st->table, sizeof(x->c->st->table), "%s",
	    x->t == T_FAC_DECLINED ? "ice declined by facility" :
	    x->t == T_FAC_OTHER ? "ice other outcomes by facility" :
	    "ice national");
	(void)snprintf(x->source, sizeof(x->source),
	    "%s: ICE FOIA release via NPR (%s)", tables[x->t].name, base);
	if (x->t == T_FAC_DECLINED)
		return store_ev_summary_clear(x->c->s, "ice-declined");
	if (x->t == T_FAC_OTHER)
		return store_ev_summary_clear(x->c->s, "ice-other");
	return AT_OK;
}

static enum at_err
year_of(const struct ev_row *r, size_t i, int64_t *y, struct at_diag *d)
{
	if (parse_i64(r->f[i], r->len[i], 1900, 2100, y) != AT_OK)
		return at_diag_set(d, AT_EINVAL, "year",
		    "\"%.20s\" is not a year", r->f[i]);
	return AT_OK;
}

static enum at_err
count_of(const struct ev_row *r, size_t i, const char *field, int64_t *n,
    struct at_diag *d)
{
	if (parse_i64(r->f[i], r->len[i], 0, INT64_C(1) << 40, n) != AT_OK)
		return at_diag_set(d, AT_EINVAL, field,
		    "\"%.20s\" is not a count", r->f[i]);
	return AT_OK;
}

static enum at_err
clean(const struct ev_row *r, size_t i, const char *field, size_t max,
    struct at_diag *d)
{
	if (r->len[i] > max || !ev_clean(r->f[i], r->len[i], false))
		return at_diag_set(d, AT_EINVAL, field,
		    "must be at most %zu characters of clean text", max);
	return AT_OK;
}

struct named {
	struct store_ev_facility f;
	int n;
};

static int
named_row(void *ctx, const struct store_ev_facility *f)
{
	struct named *nm = ctx;

	if (nm->n == 0)
		nm->f = *f;
	nm->n++;
	return 0;
}

static enum at_err
facility_row(struct ice *x, const struct ev_row *r, struct at_diag *d)
{
	struct ev_ctx *c = x->c;
	struct store_ev_facility f;
	struct store_ev_count sc;
	char key[512], year[8], what[200];
	int64_t y, n;
	enum at_err er;
	bool declined = x->t == T_FAC_DECLINED;
	size_t fi = declined ? 1 : 0, yi = declined ? 0 : 1;

	er = year_of(r, yi, &y, d);
	if (er == AT_OK)
		er = count_of(r, declined ? 4 : 2, declined ? "declined_count" :
		    "other_outcome_count", &n, d);
	if (er == AT_OK)
		er = clean(r, fi, "det_facility", 200, d);
	if (er == AT_OK && r->len[fi] == 0)
		er = at_diag_set(d, AT_EINVAL, "det_facility", "is empty");
	if (er == AT_OK && declined)
		er = clean(r, 2, "city", 100, d);
	if (er == AT_OK && declined)
		er = clean(r, 3, "state", 60, d);
	if (er != AT_OK)
		return er;
	memset(&f, 0, sizeof(f));
	(void)snprintf(f.facility, sizeof(f.facility), "%s", r->f[fi]);
	if (declined) {
		const char *st = ev_places_state(c->places, r->f[3]);
		const char *how = "", *j = NULL;

		(void)snprintf(f.city, sizeof(f.city), "%s", r->f[2]);
		(void)snprintf(f.state, sizeof(f.state), "%s", r->f[3]);
		if (st != NULL)
			j = ev_places_facility(c->places, st, r->f[1], r->f[2],
			    &how);
		(void)snprintf(f.jurisdiction, sizeof(f.jurisdiction), "%s",
		    j != NULL ? j : "");
		(void)snprintf(f.matched_by, sizeof(f.matched_by), "%s",
		    j != NULL ? how : "");
		er = store_ev_facility_put(c->s, &f);
		if (er != AT_OK)
			return er;
		(void)snprintf(key, sizeof(key), "%s (%s, %s)", f.facility,
		    f.city, f.state);
		if (j == NULL) {
			(void)snprintf(what, sizeof(what), "%.190s", key);
			ev_unmatched(c->st, r->line, what);
		}
	} else {
		struct named nm;

		memset(&nm, 0, sizeof(nm));
		er = store_ev_facility_named(c->s, f.facility, named_row, &nm);
		if (er != AT_OK)
			return er;
		if (nm.n == 1) {
			f = nm.f;
			(void)snprintf(key, sizeof(key), "%s (%s, %s)",
			    f.facility, f.city, f.state);
		} else
			(void)snprintf(key, sizeof(key), "%s", f.facility);
		if (nm.n != 1 || f.jurisdiction[0] == '\0') {
			(void)snprintf(what, sizeof(what), "%.120s (%s)",
			    f.facility, nm.n == 0 ?
			    "not in the declined-by-facility table: load it "
			    "first" : nm.n > 1 ?
			    "the name is shared by facilities in several "
			    "states" : "its facility matched no county");
			if (nm.n != 1)
				f.jurisdiction[0] = '\0';
			ev_unmatched(c->st, r->line, what);
		}
	}
	memset(&sc, 0, sizeof(sc));
	(void)snprintf(year, sizeof(year), "%04d", (int)y);
	sc.source = declined ? "ice-declined" : "ice-other";
	sc.jurisdiction = f.jurisdiction;
	sc.facility = key;
	sc.period = year;
	sc.issued = -1;
	sc.declined = declined ? n : -1;
	sc.other = declined ? -1 : n;
	er = store_ev_summary_add(c->s, &sc);
	if (er == AT_OK)
		c->st->loaded++;
	return er;
}

static enum at_err
ice_row_checked(struct ice *x, const struct ev_row *r, struct at_diag *d)
{
	struct store_ev_national nt;
	char period[8];
	int64_t y, n;
	enum at_err er;

	if (r->n != (x->t == T_FAC_DECLINED ? 5u :
			x->t == T_FAC_OTHER || x->t == T_LIFT_REASON ||
			x->t == T_TYPE ? 3u : 2u))
		return at_diag_set(d, AT_EINVAL, "",
		    "row has %zu fields; the header has a different number",
		    r->n);
	if (x->t == T_FAC_DECLINED || x->t == T_FAC_OTHER)
		return facility_row(x, r, d);
	memset(&nt, 0, sizeof(nt));
	nt.source = x->source;
	nt.category = "";
	if (x->t == T_MONTH) {
		struct at_date day;
		char tmp[16];

		if (r->len[0] != 7 ||
		    snprintf(tmp, sizeof(tmp), "%s-01", r->f[0]) < 0 ||
		    at_date_parse_str(tmp, &day) != AT_OK)
			return at_diag_set(d, AT_EINVAL, "year_month",
			    "\"%.20s\" is not a month (YYYY-MM)", r->f[0]);
		(void)snprintf(period, sizeof(period), "%s", r->f[0]);
	} else {
		er = year_of(r, 0, &y, d);
		if (er != AT_OK)
			return er;
		(void)snprintf(period, sizeof(period), "%04d", (int)y);
	}
	er = count_of(r, r->n - 1, "count", &n, d);
	if (er != AT_OK)
		return er;
	nt.period = period;
	nt.count = n;
	switch (x->t) {
	case T_YEAR:
	case T_MONTH:
		nt.measure = "issued";
		break;
	case T_LIFTED_YEAR:
		nt.measure = "lifted";
		break;
	case T_LIFT_REASON:
	case T_TYPE:
		nt.measure = x->t == T_TYPE ? "type" : "lift_reason";
		er = clean(r, 1, x->t == T_TYPE ? "detainer_type" :
		    "lift_reason", 200, d);
		if (er != AT_OK)
			return er;
		nt.category = r->len[1] ? r->f[1] : "(blank)";
		break;
	default:
		abort();
	}
	er = store_ev_national_put(x->c->s, &nt);
	if (er == AT_OK)
		x->c->st->loaded++;
	return er;
}

static enum at_err
ice_row(void *ctx, const struct ev_row *r, struct at_diag *d)
{
	struct ice *x = ctx;
	enum at_err er;

	er = ice_row_checked(x, r, d);
	if (er == AT_EINVAL && x->c->rj != NULL) {
		ev_reject_write(x->c->rj, r->line, d != NULL ? d->field : "",
		    d != NULL ? d->msg : "", r);
		x->c->st->rejected++;
		if (d != NULL)
			at_diag_clear(d);
		return AT_OK;
	}
	return er;
}

enum at_err
ev_import_ice(struct ev_ctx *c)
{
	struct ice x;

	memset(&x, 0, sizeof(x));
	x.c = c;
	return ev_read(c->rd, ice_header, ice_row, &x, c->d);
}
