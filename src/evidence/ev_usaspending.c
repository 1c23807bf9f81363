/* SPDX-License-Identifier: ISC */
/*
 * attest import usaspending FILE: USAspending assistance transactions
 * (the "prime transactions" download, e.g. for assistance listings
 * 16.738 JAG, 16.606 SCAAP, 16.710 COPS) under their own column names.
 * Every transaction is kept; each is also folded into its award by FAIN
 * (count, obligated sum, first and last action), in the same statement
 * pair, so the awards are current when the import commits.
 *
 * The place of performance names the jurisdiction: its county FIPS code
 * when the file has one, else state and county codes, else the county's
 * name within the state.  Transactions that match nothing are kept under
 * no jurisdiction and reported.  Columns other than the ones read here
 * are kept as a JSON object.
 */
#include "evidence/evidence_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/parse.h"
#include "store/store.h"
#include "store/store_evidence.h"

enum ucol {
	U_KEY,
	U_FAIN,
	U_MOD,
	U_LISTING,
	U_LISTING_OLD,
	U_RECIPIENT,
	U_UEI,
	U_AMOUNT,
	U_DATE,
	U_COUNTY_FIPS,
	U_STATE_CODE,
	U_COUNTY_CODE,
	U_STATE_NAME,
	U_COUNTY_NAME,
	U__MAX
};

static const char *const ucol_names[U__MAX] = {
	"assistance_transaction_unique_key", "award_id_fain",
	"modification_number", "assistance_listing_number", "cfda_number",
	"recipient_name", "recipient_uei", "federal_action_obligation",
	"action_date",
	"prime_award_transaction_place_of_performance_county_fips_code",
	"primary_place_of_performance_state_code",
	"primary_place_of_performance_county_code",
	"primary_place_of_performance_state_name",
	"primary_place_of_performance_county_name",
};

struct usas {
	struct ev_ctx *c;
	int col[U__MAX];
	size_t ncols;
	bool used[EV_FIELDS_MAX];
	char *key[EV_FIELDS_MAX]; /* JSON-quoted column names, owned */
	struct buf json;
};

static enum at_err
u_header(void *ctx, const struct ev_row *r, struct at_diag *d)
{
	struct usas *u = ctx;

	(void)snprintf(u->c->st->table, sizeof(u->c->st->table),
	    "usaspending transactions");
	for (size_t k = 0; k < U__MAX; k++)
		u->col[k] = -1;
	u->ncols = r->n;
	for (size_t i = 0; i < r->n; i++) {
		struct buf b;

		for (size_t k = 0; k < U__MAX; k++)
			if (strcmp(r->f[i], ucol_names[k]) == 0) {
				u->col[k] = (int)i;
				u->used[i] = true;
			}
		buf_init(&b, (size_t)1 << 16);
		ev_json_str(&b, r->f[i], r->len[i]);
		u->key[i] = buf_detach(&b, NULL);
	}
	if (u->col[U_FAIN] < 0 || u->col[U_AMOUNT] < 0 || u->col[U_DATE] < 0)
		return at_diag_set(d, AT_EINVAL,
		    u->col[U_FAIN] < 0 ? "award_id_fain" :
		    u->col[U_AMOUNT] < 0 ? "federal_action_obligation" :
		    "action_date",
		    "required column is missing (a USAspending assistance "
		    "transactions file has award_id_fain, "
		    "federal_action_obligation and action_date)");
	return AT_OK;
}

static const char *
val(const struct usas *u, const struct ev_row *r, enum ucol k, size_t *len)
{
	if (u->col[k] < 0) {
		*len = 0;
		return "";
	}
	*len = r->len[u->col[k]];
	return r->f[u->col[k]];
}

static enum at_err
u_row_checked(struct usas *u, const struct ev_row *r, struct at_diag *d)
{
	struct ev_ctx *c = u->c;
	struct store_ev_usas t;
	struct at_date day;
	const char *v, *j = NULL;
	char key[400], fips[8], what[200];
	size_t len, flen;
	int64_t cents;
	bool neg;
	enum at_err er;

	if (r->n != u->ncols)
		return at_diag_set(d, AT_EINVAL, "",
		    "row has %zu fields; the header has %zu", r->n, u->ncols);
	for (size_t i = 0; i < r->n; i++)
		if (!ev_clean(r->f[i], r->len[i], true))
			return at_diag_set(d, AT_EINVAL, "",
			    "column %zu is not clean UTF-8 text", i + 1);
	memset(&t, 0, sizeof(t));
	t.fain = val(u, r, U_FAIN, &flen);
	if (flen == 0 || flen > 64)
		return at_diag_set(d, AT_EINVAL, "award_id_fain",
		    flen == 0 ? "is empty" : "is longer than 64 characters");
	v = val(u, r, U_AMOUNT, &len);
	neg = len > 0 && v[0] == '-';
	if (parse_cents(v + neg, len - neg, &cents) != AT_OK)
		return at_diag_set(d, AT_EINVAL, "federal_action_obligation",
		    "\"%.30s\" is not an amount in dollars", v);
	t.amount_cents = neg ? -cents : cents;
	t.action_date = val(u, r, U_DATE, &len);
	if (at_date_parse(t.action_date, len, &day) != AT_OK)
		return at_diag_set(d, AT_EINVAL, "action_date",
		    "\"%.30s\" is not a date (YYYY-MM-DD)", t.action_date);
	v = val(u, r, U_KEY, &len);
	if (len > 0)
		(void)snprintf(key, sizeof(key), "%s", v);
	else {
		const char *mod = val(u, r, U_MOD, &len);

		(void)snprintf(key, sizeof(key), "%s|%s|%s", t.fain, mod,
		    t.action_date);
	}
	t.transaction_key = key;
	t.listing = val(u, r, U_LISTING, &len);
	if (len == 0)
		t.listing = val(u, r, U_LISTING_OLD, &len);
	if (len == 0)
		t.listing = NULL;
	t.recipient_name = val(u, r, U_RECIPIENT, &len);
	if (len == 0)
		t.recipient_name = NULL;
	t.recipient_uei = val(u, r, U_UEI, &len);
	if (len == 0)
		t.recipient_uei = NULL;
	/* Jurisdiction of the place of performance. */
	v = val(u, r, U_COUNTY_FIPS, &len);
	if (len == 5 && ev_places_has(c->places, v))
		j = v;
	if (j == NULL) {
		size_t sl, cl;
		const char *sc = val(u, r, U_STATE_CODE, &sl);
		const char *cc = val(u, r, U_COUNTY_CODE, &cl);
		const char *st = sl > 0 ? ev_places_state(c->places, sc) :
		    NULL;

		if (st == NULL) {
			sc = val(u, r, U_STATE_NAME, &sl);
			st = sl > 0 ? ev_places_state(c->places, sc) : NULL;
		}
		if (st != NULL && cl == 3) {
			(void)snprintf(fips, sizeof(fips), "%s%s", st, cc);
			if (ev_places_has(c->places, fips))
				j = fips;
		}
		if (j == NULL && st != NULL) {
			cc = val(u, r, U_COUNTY_NAME, &cl);
			if (cl > 0)
				j = ev_places_county(c->places, st, cc, false);
		}
	}
	if (j == NULL) {
		(void)snprintf(what, sizeof(what), "FAIN %.64s", t.fain);
		ev_unmatched(c->st, r->line, what);
	}
	t.jurisdiction = j != NULL ? j : "";
	buf_reset(&u->json);
	for (size_t i = 0; i < r->n; i++) {
		if (u->used[i] || r->len[i] == 0)
			continue;
		buf_putc(&u->json, buf_len(&u->json) ? ',' : '{');
		buf_puts(&u->json, u->key[i]);
		buf_putc(&u->json, ':');
		ev_json_str(&u->json, r->f[i], r->len[i]);
	}
	if (buf_len(&u->json) > 0)
		buf_putc(&u->json, '}');
	if (buf_err(&u->json) != AT_OK)
		return at_diag_set(d, AT_LIMIT, "", "row is too long");
	t.extra = buf_len(&u->json) > 0 ? buf_str(&u->json) : NULL;
	/* With a reject file, ask first: on PostgreSQL a refused insert
	 * would end the transaction. */
	if (c->rj != NULL) {
		bool found = false;

		er = store_ev_usas_exists(c->s, key, &found);
		if (er != AT_OK)
			return er;
		if (found)
			return at_diag_set(d, AT_CONFLICT,
			    u->col[U_KEY] >= 0 ?
				"assistance_transaction_unique_key" :
				"award_id_fain",
			    "transaction \"%.100s\" is already in the database "
			    "or earlier in the file", key);
	}
	er = store_ev_usas_insert(c->s, &t, d);
	if (er == AT_CONFLICT)
		return at_diag_set(d, AT_CONFLICT,
		    u->col[U_KEY] >= 0 ? "assistance_transaction_unique_key" :
		    "award_id_fain",
		    "transaction \"%.100s\" is already in the database or "
		    "earlier in the file", key);
	if (er == AT_OK)
		c->st->loaded++;
	return er;
}

static enum at_err
u_row(void *ctx, const struct ev_row *r, struct at_diag *d)
{
	struct usas *u = ctx;
	enum at_err er;

	er = u_row_checked(u, r, d);
	if ((er == AT_EINVAL || er == AT_CONFLICT) && u->c->rj != NULL) {
		ev_reject_write(u->c->rj, r->line, d != NULL ? d->field : "",
		    d != NULL ? d->msg : "", r);
		u->c->st->rejected++;
		if (d != NULL)
			at_diag_clear(d);
		return AT_OK;
	}
	return er;
}

enum at_err
ev_import_usaspending(struct ev_ctx *c)
{
	struct usas u;
	enum at_err er;

	memset(&u, 0, sizeof(u));
	u.c = c;
	buf_init(&u.json, (size_t)16 << 20);
	er = ev_read(c->rd, u_header, u_row, &u, c->d);
	for (size_t i = 0; i < EV_FIELDS_MAX; i++)
		free(u.key[i]);
	buf_fini(&u.json);
	return er;
}
