/* SPDX-License-Identifier: ISC */
/*
 * Funds at risk: amounts at risk, withheld and released on a day, by
 * jurisdiction and award, from casework_funds (the same figures as
 * `attest report funds-at-risk`).  An amount that is not known is shown
 * as unknown, never as $0.00, and every total says how many amounts it
 * could not count.  Also the dashboard's summary of the same totals.
 */
#include "views/views.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/cases.h"
#include "casework/casework_funds.h"
#include "core/date.h"
#include "core/xalloc.h"
#include "model/model.h"
#include "views/html.h"
#include "views/pages_int.h"
#include "views/vcache.h"

static void
funds_free(void *p)
{
	casework_funds_fini(p);
	free(p);
}

/* The report on day, shared through the derived-data cache per data
 * version (the dashboard shows it on every view).  NULL if the store
 * cannot be read; else release *ref with vcache_release. */
static const struct casework_funds *
funds_get(struct web_req *r, struct at_date day, struct vcache_ref **ref)
{
	char key[VCACHE_KEYLEN], ds[AT_DATE_LEN];
	int64_t ver = vcache_version(r->store);
	const struct casework_funds *kept;
	struct casework_funds *f;

	at_date_format(day, ds);
	(void)snprintf(key, sizeof(key), "funds:%s", ds);
	kept = vcache_get(key, ver, ref);
	if (kept != NULL)
		return kept;
	f = xmalloc(sizeof(*f));
	if (casework_funds(r->store, day, f) != AT_OK) {
		free(f);
		*ref = NULL;
		return NULL;
	}
	/* Kept only if no write committed while it was computed. */
	if (ver >= 0 && vcache_version(r->store) != ver)
		ver = -1;
	return vcache_put(key, ver, f, funds_free, ref);
}

/* "$1,234.00", "unknown", or "$1,234.00 + 2 unknown". */
static void
put_sum(struct html *h, const struct cases_sum *s)
{
	char out[96];

	cases_sum_format(s, out, sizeof(out));
	html_text(h, out);
}

static void
put_amount(struct html *h, bool known, int64_t cents)
{
	char out[64];

	if (!known) {
		html_open(h, HE_SPAN, "class", "unknown", NULL);
		HTML_RAW(h, "unknown");
		html_close(h);
		return;
	}
	cases_money_format(cents, out, sizeof(out));
	html_text(h, out);
}

/* The totals as a table: known sum, how many amounts, how many unknown. */
static void
totals(struct html *h, const struct casework_funds *f)
{
	const struct {
		const char *label, *id;
		const struct cases_sum *s;
	} t[] = {
		{ "at risk", "total-at-risk", &f->at_risk },
		{ "withheld", "total-withheld", &f->withheld },
		{ "released", "total-released", &f->released },
	};

	html_open(h, HE_TABLE, "class", "list totals", NULL);
	html_elem_text(h, HE_CAPTION, "Totals");
	HTML_RAW(h, "<thead><tr><th scope=\"col\"></th><th scope=\"col\">"
		    "amount</th><th scope=\"col\">amounts counted</th>"
		    "<th scope=\"col\">amounts unknown</th></tr></thead>");
	html_open(h, HE_TBODY, NULL);
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		html_open(h, HE_TR, "id", t[i].id, NULL);
		html_open(h, HE_TH, "scope", "row", NULL);
		html_text(h, t[i].label);
		html_close(h);
		html_open(h, HE_TD, "class", "amount", NULL);
		put_sum(h, t[i].s);
		html_close(h);
		html_open(h, HE_TD, NULL);
		html_int(h, (int64_t)t[i].s->nknown);
		html_close(h);
		html_open(h, HE_TD, NULL);
		html_int(h, (int64_t)t[i].s->nunknown);
		html_close(h);
		html_close_to(h, HE_TR);
	}
	html_close_to(h, HE_TABLE);
}

static void
link_jur(struct html *h, const char *jur, const char *name)
{
	struct buf u;

	buf_init(&u, 256);
	web_link(&u, PAGE_JURISDICTION, jur, NULL);
	html_open(h, HE_A, "href", buf_str(&u), NULL);
	html_text(h, name);
	html_close(h);
	buf_fini(&u);
}

static void
risk_table(struct html *h, const struct casework_funds *f)
{
	size_t n = 0;

	html_open(h, HE_TABLE, "class", "list", "id", "at-risk", NULL);
	html_elem_text(h, HE_CAPTION, "At risk: awards tied to open findings "
	    "or overdue notices");
	HTML_RAW(h, "<thead><tr><th scope=\"col\">jurisdiction</th>"
		    "<th scope=\"col\">program</th><th scope=\"col\">award</th>"
		    "<th scope=\"col\">amount</th><th scope=\"col\">why</th>"
		    "</tr></thead>");
	html_open(h, HE_TBODY, NULL);
	for (size_t i = 0; i < f->nrows; i++) {
		const struct casework_funds_row *r = &f->rows[i];

		for (size_t k = 0; k < r->nawards || (k == 0 &&
		    r->nawards == 0); k++) {
			html_open(h, HE_TR, NULL);
			html_open(h, HE_TD, NULL);
			link_jur(h, r->jur, r->jname);
			html_close(h);
			html_elem_text(h, HE_TD, r->program);
			html_open(h, HE_TD, NULL);
			if (r->nawards > 0)
				link_rec(h, KIND_AWARD, r->awards[k], NULL);
			else
				HTML_RAW(h, "(no award named)");
			html_close(h);
			html_open(h, HE_TD, "class", "amount", NULL);
			put_amount(h, r->nawards > 0 && r->known[k],
			    r->nawards > 0 ? r->cents[k] : 0);
			html_close(h);
			html_elem_text(h, HE_TD, r->why);
			html_close_to(h, HE_TR);
			n++;
		}
	}
	if (n == 0)
		HTML_RAW(h, "<tr><td colspan=\"5\" class=\"none\">Nothing at "
			    "risk on this day.</td></tr>");
	html_close_to(h, HE_TABLE);
}

static void
act_table(struct html *h, const struct casework_funds *f)
{
	html_open(h, HE_TABLE, "class", "list", "id", "actions", NULL);
	html_elem_text(h, HE_CAPTION, "Withheld and released: actions on "
	    "awards up to this day");
	HTML_RAW(h, "<thead><tr><th scope=\"col\">jurisdiction</th>"
		    "<th scope=\"col\">award</th><th scope=\"col\">action</th>"
		    "<th scope=\"col\">kind</th><th scope=\"col\">date</th>"
		    "<th scope=\"col\">amount</th></tr></thead>");
	html_open(h, HE_TBODY, NULL);
	for (size_t i = 0; i < f->nacts; i++) {
		const struct casework_funds_act *a = &f->acts[i];

		html_open(h, HE_TR, NULL);
		html_open(h, HE_TD, NULL);
		link_jur(h, a->jur, a->jname);
		html_close(h);
		html_open(h, HE_TD, NULL);
		link_rec(h, KIND_AWARD, a->award, NULL);
		html_close(h);
		html_open(h, HE_TD, NULL);
		link_rec(h, KIND_ACTION, a->id, NULL);
		html_close(h);
		html_elem_text(h, HE_TD, a->kind);
		html_elem_text(h, HE_TD, a->date);
		html_open(h, HE_TD, "class", "amount", NULL);
		put_amount(h, a->known, a->cents);
		html_close_to(h, HE_TR);
	}
	if (f->nacts == 0)
		HTML_RAW(h, "<tr><td colspan=\"6\" class=\"none\">No money "
			    "withheld or released by this day.</td></tr>");
	html_close_to(h, HE_TABLE);
}

void
page_funds(struct web_req *r, struct web_resp *w)
{
	const struct casework_funds *fp;
	struct vcache_ref *ref = NULL;
	struct at_date day = at_date_today();
	const char *as = web_arg(r, "as_of");
	struct html h;
	struct buf csv;

	if (as != NULL && at_date_parse_str(as, &day) != AT_OK) {
		page_error(r, w, 400, "as_of: not a date YYYY-MM-DD");
		return;
	}
	fp = funds_get(r, day, &ref);
	if (fp == NULL) {
		page_error(r, w, 500, "The database could not be read");
		return;
	}
	html_begin(w, &h);
	layout_begin(&h, r, "Funds at risk");
	html_open(&h, HE_H1, NULL);
	HTML_RAW(&h, "Funds at risk on ");
	html_text(&h, fp->day);
	html_close(&h);
	html_elem_text(&h, HE_P, "Amounts at risk, withheld and released, by "
	    "jurisdiction and award.  An amount not on record is shown as "
	    "unknown and never counted as zero; each total says how many "
	    "amounts it could not count.");
	html_open(&h, HE_FORM, "method", "get", "action", "/funds", "class",
	    "filters", "aria-label", "Day", NULL);
	html_open(&h, HE_DIV, NULL);
	html_open(&h, HE_LABEL, "for", "as_of", NULL);
	HTML_RAW(&h, "As of");
	html_close(&h);
	html_open(&h, HE_INPUT, "type", "date", "id", "as_of", "name", "as_of",
	    "value", fp->day, NULL);
	html_close(&h);
	html_open(&h, HE_BUTTON, "type", "submit", NULL);
	HTML_RAW(&h, "Show");
	html_close_to(&h, HE_FORM);
	buf_init(&csv, 256);
	web_link(&csv, PAGE_API_FUNDS, NULL, NULL);
	buf_printf(&csv, "?as_of=%s&format=csv", fp->day);
	html_open(&h, HE_P, NULL);
	html_open(&h, HE_A, "href", buf_str(&csv), NULL);
	HTML_RAW(&h, "Download as CSV");
	html_close_to(&h, HE_P);
	buf_fini(&csv);
	totals(&h, fp);
	risk_table(&h, fp);
	act_table(&h, fp);
	layout_end(&h);
	vcache_release(ref);
}

void
funds_summary(struct html *h, struct web_req *r, struct at_date day)
{
	const struct casework_funds *f;
	struct vcache_ref *ref = NULL;
	struct buf u;

	f = funds_get(r, day, &ref);
	if (f == NULL)
		return;
	buf_init(&u, 256);
	web_link(&u, PAGE_FUNDS, NULL, NULL);
	buf_printf(&u, "?as_of=%s", f->day);
	html_open(h, HE_SECTION, "aria-labelledby", "funds", NULL);
	html_open(h, HE_H2, "id", "funds", NULL);
	HTML_RAW(h, "Funds at risk");
	html_close(h);
	totals(h, f);
	html_open(h, HE_P, NULL);
	html_open(h, HE_A, "href", buf_str(&u), NULL);
	HTML_RAW(h, "By jurisdiction and award");
	html_close_to(h, HE_SECTION);
	buf_fini(&u);
	vcache_release(ref);
}
