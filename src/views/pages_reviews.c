/* SPDX-License-Identifier: ISC */
/*
 * The review queue: proposed findings with an approve-or-return form for
 * an approver who did not propose them, a form to propose a finding on a
 * certification in review, the decided findings, and a form to record an
 * action on an award.  The forms post to handlers here that call
 * casework/ (the same code as `attest review` and `attest action`) and
 * redirect back on success (POST-redirect-GET); a refusal shows the page
 * again with the reason, having written nothing.  Every byte of data goes
 * out through html_text or an attribute, never as markup.
 */
#include "views/views.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/cases.h"
#include "casework/casework_action.h"
#include "casework/casework_review.h"
#include "core/date.h"
#include "core/xalloc.h"
#include "model/model.h"
#include "store/store.h"
#include "store/store_cases.h"
#include "views/html.h"
#include "views/pages_int.h"

static bool
may(const struct web_req *r, enum page p)
{
	return (web_route(p)->roles & WR(r->user.role)) != 0;
}

static void
problem(struct html *h, const char *msg)
{
	if (msg == NULL)
		return;
	html_open(h, HE_P, "class", "problem", "role", "alert", NULL);
	html_text(h, msg);
	html_close(h);
}

/* A labelled input, textarea (type NULL) or nothing else. */
static void
field(struct html *h, const char *form, const char *name, const char *label,
    const char *type, const char *max)
{
	char id[64];

	(void)snprintf(id, sizeof(id), "%s-%s", form, name);
	html_open(h, HE_DIV, "class", "field", NULL);
	html_open(h, HE_LABEL, "for", id, NULL);
	html_text(h, label);
	html_close(h);
	if (type == NULL) {
		html_open(h, HE_TEXTAREA, "id", id, "name", name, "maxlength",
		    max, "rows", "3", NULL);
		html_close(h);
	} else
		html_open(h, HE_INPUT, "type", type, "id", id, "name", name,
		    "maxlength", max, NULL);
	html_close_to(h, HE_DIV);
}

static void
choice(struct html *h, const char *form, const char *name, const char *label,
    const char *const *choices)
{
	char id[64];

	(void)snprintf(id, sizeof(id), "%s-%s", form, name);
	html_open(h, HE_DIV, "class", "field", NULL);
	html_open(h, HE_LABEL, "for", id, NULL);
	html_text(h, label);
	html_close(h);
	html_open(h, HE_SELECT, "id", id, "name", name, NULL);
	for (size_t i = 0; choices[i] != NULL; i++) {
		html_open(h, HE_OPTION, "value", choices[i], NULL);
		html_text(h, choices[i]);
		html_close(h);
	}
	html_close_to(h, HE_DIV);
}

/* ---- the queue ---- */

struct review_rows {
	struct html *h;
	const struct web_req *r;
	bool proposed; /* this pass shows proposed (else decided) reviews */
	size_t n;
};

/* The approve-or-return form of a proposed review, or why there is
 * none for this visitor. */
static void
decide_form(struct html *h, const struct web_req *r,
    const struct store_review *rv)
{
	struct buf act;
	char rid[96];

	if (!may(r, PAGE_REVIEW_DECIDE)) {
		HTML_RAW(h, "an approver decides");
		return;
	}
	if (strcmp(rv->proposer, r->user.name) == 0) {
		HTML_RAW(h, "you proposed it; another person decides");
		return;
	}
	buf_init(&act, 512);
	web_link(&act, PAGE_REVIEW_DECIDE, rv->id, NULL);
	(void)snprintf(rid, sizeof(rid), "reason-%.80s", rv->id);
	html_open(h, HE_FORM, "method", "post", "action", buf_str(&act),
	    "class", "decide", NULL);
	layout_csrf(h, r);
	html_open(h, HE_LABEL, "for", rid, NULL);
	HTML_RAW(h, "Reason (required to return)");
	html_close(h);
	html_open(h, HE_TEXTAREA, "id", rid, "name", "reason", "maxlength",
	    "4000", "rows", "2", NULL);
	html_close(h);
	html_open(h, HE_BUTTON, "type", "submit", "name", "decision", "value",
	    "approve", NULL);
	HTML_RAW(h, "Approve");
	html_close(h);
	html_open(h, HE_BUTTON, "type", "submit", "name", "decision", "value",
	    "return", NULL);
	HTML_RAW(h, "Return");
	html_close_to(h, HE_FORM);
	buf_fini(&act);
}

/* The determination form of an approved review whose case waits for
 * one, or the case's state. */
static void
determine_form(struct html *h, const struct web_req *r,
    const struct store_review *rv)
{
	static const char *const kinds[] = { "determination",
		"preliminary_finding", "clearance", NULL };
	struct store_case cs;
	struct buf act;
	char fid[96];

	if (rv->notice == NULL || rv->status == NULL ||
	    strcmp(rv->status, "approved") != 0)
		return;
	memset(&cs, 0, sizeof(cs));
	if (store_case_get(r->store, rv->notice, &cs) != AT_OK)
		return;
	if (strcmp(cs.state, cases_state_name(CASES_APPROVED)) != 0 ||
	    !may(r, PAGE_REVIEW_DETERMINE)) {
		html_text(h, "case ");
		html_text(h, cs.state);
		store_case_fini(&cs);
		return;
	}
	store_case_fini(&cs);
	buf_init(&act, 512);
	web_link(&act, PAGE_REVIEW_DETERMINE, rv->id, NULL);
	html_open(h, HE_FORM, "method", "post", "action", buf_str(&act),
	    "class", "determine", NULL);
	layout_csrf(h, r);
	(void)snprintf(fid, sizeof(fid), "kind-%.80s", rv->id);
	html_open(h, HE_LABEL, "for", fid, NULL);
	HTML_RAW(h, "Agency's decision");
	html_close(h);
	html_open(h, HE_SELECT, "id", fid, "name", "kind", NULL);
	for (size_t i = 0; kinds[i] != NULL; i++) {
		html_open(h, HE_OPTION, "value", kinds[i], NULL);
		html_text(h, kinds[i]);
		html_close(h);
	}
	html_close(h);
	(void)snprintf(fid, sizeof(fid), "summary-%.80s", rv->id);
	html_open(h, HE_LABEL, "for", fid, NULL);
	HTML_RAW(h, "Summary");
	html_close(h);
	html_open(h, HE_TEXTAREA, "id", fid, "name", "summary", "maxlength",
	    "4000", "rows", "2", NULL);
	html_close(h);
	html_open(h, HE_BUTTON, "type", "submit", NULL);
	HTML_RAW(h, "Issue");
	html_close_to(h, HE_FORM);
	buf_fini(&act);
}

static int
review_row_cb(void *ctx, const struct store_review *rv)
{
	struct review_rows *rr = ctx;
	struct html *h = rr->h;
	bool is_proposed = rv->status != NULL &&
	    strcmp(rv->status, "proposed") == 0;

	if (is_proposed != rr->proposed)
		return 0;
	html_open(h, HE_TR, "id", rv->id, NULL);
	html_elem_text(h, HE_TD, rv->id);
	html_open(h, HE_TD, NULL);
	if (rv->certification != NULL)
		link_rec(h, KIND_CERTIFICATION, rv->certification, NULL);
	html_close(h);
	html_elem_text(h, HE_TD, rv->finding);
	html_open(h, HE_TD, NULL);
	html_text(h, rv->proposer);
	HTML_RAW(h, ", ");
	html_text(h, rv->proposed_on);
	html_close(h);
	html_open(h, HE_TD, NULL);
	html_text(h, rv->status);
	if (rv->decider != NULL) {
		HTML_RAW(h, " by ");
		html_text(h, rv->decider);
		HTML_RAW(h, ", ");
		html_text(h, rv->decided_on);
		if (rv->decision_reason != NULL) {
			HTML_RAW(h, ": ");
			html_text(h, rv->decision_reason);
		}
	}
	html_close(h);
	html_open(h, HE_TD, NULL);
	html_text(h, rv->rationale);
	if (rv->provisions != NULL) {
		HTML_RAW(h, " (citing ");
		html_text(h, rv->provisions);
		HTML_RAW(h, ")");
	}
	html_close(h);
	if (rr->proposed) {
		html_open(h, HE_TD, NULL);
		decide_form(h, rr->r, rv);
		html_close(h);
	} else {
		html_open(h, HE_TD, NULL);
		determine_form(h, rr->r, rv);
		html_close(h);
	}
	html_close_to(h, HE_TR);
	rr->n++;
	return 0;
}

static void
review_table(struct html *h, struct web_req *r, bool proposed,
    const char *caption)
{
	struct review_rows rr = { h, r, proposed, 0 };

	html_open(h, HE_TABLE, "class", "list", NULL);
	html_elem_text(h, HE_CAPTION, caption);
	HTML_RAW(h, "<thead><tr><th scope=\"col\">review</th><th scope=\"col\">"
		    "certification</th><th scope=\"col\">finding</th><th "
		    "scope=\"col\">proposed</th><th scope=\"col\">status</th>"
		    "<th scope=\"col\">rationale</th>");
	if (proposed)
		HTML_RAW(h, "<th scope=\"col\">decision</th>");
	else
		HTML_RAW(h, "<th scope=\"col\">determination</th>");
	HTML_RAW(h, "</tr></thead>");
	html_open(h, HE_TBODY, NULL);
	(void)store_review_each(r->store, NULL, review_row_cb, &rr);
	if (rr.n == 0)
		HTML_RAW(h, "<tr><td colspan=\"7\" class=\"none\">None.</td>"
			    "</tr>");
	html_close_to(h, HE_TABLE);
}

/* ---- proposing ---- */

/* Certifications with a proposed or approved review. */
static int
taken_cb(void *ctx, const struct store_review *rv)
{
	struct buf *taken = ctx;

	if (strcmp(rv->status, "returned") == 0)
		return 0;
	buf_putc(taken, '\n');
	buf_puts(taken, rv->certification);
	buf_putc(taken, '\n');
	return 0;
}

static void
propose_form(struct html *h, struct web_req *r)
{
	static const char *const findings[] = { "complies",
		"possibly_noncompliant", "insufficient", "needs_information",
		NULL };
	struct rec_list certs = { NULL, 0, 0 };
	struct buf taken, key;
	size_t shown = 0;

	buf_init(&taken, 16u * 1024 * 1024);
	buf_init(&key, 512);
	(void)store_review_each(r->store, NULL, taken_cb, &taken);
	(void)collect(r->store, KIND_CERTIFICATION, NULL, NULL, NULL, &certs);
	section(h, "propose", "Propose a finding");
	html_elem_text(h, HE_P, "A certification waiting for review: the "
	    "finding goes to an approver, who must be another person.");
	html_open(h, HE_FORM, "method", "post", "action", "/reviews", "class",
	    "stack", NULL);
	layout_csrf(h, r);
	html_open(h, HE_DIV, "class", "field", NULL);
	html_open(h, HE_LABEL, "for", "propose-certification", NULL);
	HTML_RAW(h, "Certification");
	html_close(h);
	html_open(h, HE_SELECT, "id", "propose-certification", "name",
	    "certification", NULL);
	for (size_t i = 0; i < certs.n; i++) {
		const char *id = model_record_id(certs.v[i]);

		buf_reset(&key);
		buf_printf(&key, "\n%s\n", id);
		if (buf_len(&taken) > 0 &&
		    strstr(buf_str(&taken), buf_str(&key)) != NULL)
			continue;
		html_open(h, HE_OPTION, "value", id, NULL);
		html_text(h, id);
		html_close(h);
		shown++;
	}
	html_close_to(h, HE_DIV);
	choice(h, "propose", "finding", "Finding", findings);
	field(h, "propose", "provisions",
	    "Provisions cited (ids, ';'-separated)", "text", "400");
	field(h, "propose", "rationale", "Rationale", NULL, "4000");
	html_open(h, HE_BUTTON, "type", "submit", NULL);
	HTML_RAW(h, "Propose");
	html_close_to(h, HE_FORM);
	if (shown == 0)
		html_elem_text(h, HE_P, "No certification is waiting for a "
		    "finding.");
	rl_free(&certs);
	buf_fini(&key);
	buf_fini(&taken);
}

/* ---- actions ---- */

static void
action_form(struct html *h, struct web_req *r)
{
	static const char *const kinds[] = { "withhold", "release",
		"deobligate", "refer", NULL };

	section(h, "action", "Record an action on an award");
	html_elem_text(h, HE_P, "A withholding, deobligation or referral must "
	    "name the condition it enforces, and is refused when a ruling "
	    "stops that condition from being enforced against the recipient "
	    "on that day.");
	html_open(h, HE_FORM, "method", "post", "action", "/actions", "class",
	    "stack", NULL);
	layout_csrf(h, r);
	choice(h, "action", "kind", "Action", kinds);
	field(h, "action", "award", "Award number", "text", "80");
	field(h, "action", "jurisdiction",
	    "Jurisdiction (FIPS; default: the notice's)", "text", "7");
	field(h, "action", "condition",
	    "Condition enforced (default: the notice's)", "text", "64");
	field(h, "action", "amount", "Amount in dollars (empty if unknown)",
	    "text", "20");
	field(h, "action", "notice", "Notice whose case it concludes",
	    "text", "80");
	field(h, "action", "ruling", "Ruling that compelled it", "text",
	    "80");
	field(h, "action", "date", "Date taken (default today)", "date",
	    "10");
	field(h, "action", "summary", "Summary", NULL, "2000");
	html_open(h, HE_BUTTON, "type", "submit", NULL);
	HTML_RAW(h, "Record");
	html_close_to(h, HE_FORM);
}

/* The queue, with msg (or NULL) as a problem above it. */
static void
reviews_page(struct web_req *r, struct web_resp *w, const char *msg)
{
	const char *done = r->page == PAGE_REVIEWS ? web_arg(r, "done") : NULL;
	const char *id = r->page == PAGE_REVIEWS ? web_arg(r, "id") : NULL;
	char flash[300];
	struct html h;

	if (done != NULL) {
		(void)snprintf(flash, sizeof(flash), "%s %s.",
		    strcmp(done, "recorded") == 0 ? "Recorded action"
		    : strcmp(done, "proposed") == 0 ? "Proposed review"
		    : strcmp(done, "approved") == 0 ? "Approved review"
		    : strcmp(done, "determined") == 0 ? "Issued determination"
		                                      : "Returned review",
		    id != NULL ? id : "");
		r->flash = flash;
	}
	buf_reset(&w->body);
	html_begin(w, &h);
	layout_begin(&h, r, "Reviews");
	html_elem_text(&h, HE_H1, "Review queue");
	problem(&h, msg);
	html_elem_text(&h, HE_P, "Findings on certifications are proposed by "
	    "one person and approved or returned by another; the audit log "
	    "records each step.");
	review_table(&h, r, true, "Waiting for a decision");
	if (may(r, PAGE_REVIEW_PROPOSE))
		propose_form(&h, r);
	review_table(&h, r, false, "Decided");
	if (may(r, PAGE_ACTION_ADD))
		action_form(&h, r);
	layout_end(&h);
	r->flash = NULL;
}

void
page_reviews(struct web_req *r, struct web_resp *w)
{
	reviews_page(r, w, NULL);
}

/* ---- the form handlers ---- */

static int
status_for(enum at_err er)
{
	switch (er) {
	case AT_EINVAL:
		return 400;
	case AT_NOTFOUND:
		return 404;
	case AT_CONFLICT:
		return 409;
	case AT_DENIED:
		return 403;
	default:
		return 500;
	}
}

/* Redirect to the queue saying what was done to id. */
static void
done(struct web_resp *w, const char *what, const char *id)
{
	struct buf u;

	buf_init(&u, sizeof(w->location));
	buf_printf(&u, "/reviews?done=%s&id=", what);
	url_encode(&u, id);
	w->status = 303;
	if (buf_err(&u) == AT_OK && buf_len(&u) < sizeof(w->location))
		memcpy(w->location, buf_str(&u), buf_len(&u) + 1);
	else
		memcpy(w->location, "/reviews", sizeof("/reviews"));
	buf_fini(&u);
}

/* Show the queue again with the refusal; nothing was written. */
static void
refused(struct web_req *r, struct web_resp *w, enum at_err er,
    const struct at_diag *d)
{
	char msg[sizeof(d->msg) + 80];

	if (er == AT_DB || d->msg[0] == '\0')
		(void)snprintf(msg, sizeof(msg), "Nothing was changed: %s.",
		    at_strerror(er));
	else
		(void)snprintf(msg, sizeof(msg), "Nothing was changed: %s",
		    d->msg);
	reviews_page(r, w, msg);
	w->status = status_for(er);
}

static bool
day_arg(const struct web_req *r, struct at_date *day)
{
	const char *s = web_arg(r, "date");

	*day = at_date_today();
	return s == NULL || at_date_parse_str(s, day) == AT_OK;
}

/* A proposal read from r's arguments, by r's user on its date or
 * today. */
static void
review_proposal_args(const struct web_req *r, struct casework_proposal *p)
{
	memset(p, 0, sizeof(*p));
	p->id = web_arg(r, "id");
	p->certification = web_arg(r, "certification");
	p->finding = web_arg(r, "finding");
	p->provisions = web_arg(r, "provisions");
	p->rationale = web_arg(r, "rationale");
	p->proposer = r->user.name;
	p->explain = true;
	(void)day_arg(r, &p->day); /* the router checked it */
}

/* An action read from r's arguments, by r's user on its date or
 * today. */
static void
review_action_args(const struct web_req *r, struct casework_action *a)
{
	memset(a, 0, sizeof(*a));
	a->id = web_arg(r, "id");
	a->kind = web_arg(r, "kind");
	a->jurisdiction = web_arg(r, "jurisdiction");
	a->award = web_arg(r, "award");
	a->condition = web_arg(r, "condition");
	a->amount = web_arg(r, "amount");
	a->notice = web_arg(r, "notice");
	a->ruling = web_arg(r, "ruling");
	a->summary = web_arg(r, "summary");
	a->actor = r->user.name;
	(void)day_arg(r, &a->day); /* the router checked it */
}

enum at_err
review_propose_req(struct web_req *r, struct casework_proposal *p, char *id,
    size_t idn, char **expl, struct at_diag *d)
{
	review_proposal_args(r, p);
	return casework_review_propose(r->store, r->rules, p, id, idn, expl,
	    d);
}

enum at_err
review_action_req(struct web_req *r, struct casework_action *a, char *id,
    size_t idn, char *ruling, size_t rulingn, struct at_diag *d)
{
	review_action_args(r, a);
	return casework_action_take(r->store, r->rules, a, id, idn, ruling,
	    rulingn, d);
}

enum at_err
review_decide_req(struct web_req *r, bool *approve, struct store_review *rv,
    struct at_diag *d)
{
	struct at_date day;

	*approve = strcmp(web_arg(r, "decision"), "approve") == 0;
	(void)day_arg(r, &day); /* the router checked it */
	return casework_review_decide(r->store, r->seg[0], *approve,
	    r->user.name, day, web_arg(r, "reason"), rv, d);
}

enum at_err
review_determine_req(struct web_req *r, struct casework_determination *c,
    char *id, size_t idn, struct at_diag *d)
{
	memset(c, 0, sizeof(*c));
	c->review = r->seg[0];
	c->id = web_arg(r, "id");
	c->kind = web_arg(r, "kind");
	c->summary = web_arg(r, "summary");
	c->actor = r->user.name;
	(void)day_arg(r, &c->day); /* the router checked it */
	return casework_review_determine(r->store, c, id, idn, d);
}

void
page_review_propose(struct web_req *r, struct web_resp *w)
{
	struct casework_proposal p;
	struct at_diag d;
	char id[128];
	char *expl = NULL;
	enum at_err er;

	at_diag_clear(&d);
	er = review_propose_req(r, &p, id, sizeof(id), &expl, &d);
	free(expl);
	if (er != AT_OK) {
		refused(r, w, er, &d);
		return;
	}
	done(w, "proposed", id);
}

void
page_review_decide(struct web_req *r, struct web_resp *w)
{
	struct store_review rv;
	struct at_diag d;
	bool approve;
	enum at_err er;

	at_diag_clear(&d);
	er = review_decide_req(r, &approve, &rv, &d);
	store_review_fini(&rv);
	if (er != AT_OK) {
		refused(r, w, er, &d);
		return;
	}
	done(w, approve ? "approved" : "returned", r->seg[0]);
}

void
page_action_add(struct web_req *r, struct web_resp *w)
{
	struct casework_action a;
	struct at_diag d;
	char id[200];
	enum at_err er;

	at_diag_clear(&d);
	er = review_action_req(r, &a, id, sizeof(id), NULL, 0, &d);
	if (er != AT_OK) {
		refused(r, w, er, &d);
		return;
	}
	done(w, "recorded", id);
}

void
page_review_determine(struct web_req *r, struct web_resp *w)
{
	struct casework_determination c;
	struct at_diag d;
	char id[128];
	enum at_err er;

	at_diag_clear(&d);
	er = review_determine_req(r, &c, id, sizeof(id), &d);
	if (er != AT_OK) {
		refused(r, w, er, &d);
		return;
	}
	done(w, "determined", id);
}
