/* SPDX-License-Identifier: ISC */
/*
 * The route table (see web.h): every path the site answers, its method,
 * who may use it and its declared inputs.  Order matters only in that
 * the router tries routes in table order, so literal paths come before
 * patterns that would also match them.
 */
#include "views/web.h"

#include <string.h>

#include "views/html.h"

static const char *const jur_kinds[] = { "state", "district", "territory",
	"county", "parish", "borough", "city", "town", "village",
	"consolidated", "tribal", NULL };
static const char *const jur_sorts[] = { "name", "id", "kind", "state",
	NULL };
static const char *const orders[] = { "asc", "desc", NULL };
static const char *const formats[] = { "json", "csv", NULL };
static const char *const map_levels[] = { "county", "state", NULL };
static const char *const roles[] = { "admin", "reviewer", "approver",
	"recipient", NULL };

#define P_PAGE { "page", WP_INT, false, 9, 1, 100000, NULL, "page number, from 1" }
#define P_LIMIT { "limit", WP_INT, false, 6, 1, 10000, NULL, "rows per page (default 50)" }
#define P_OFFSET { "offset", WP_INT, false, 9, 0, 100000000, NULL, "rows to skip" }
#define P_FORMAT { "format", WP_ENUM, false, 4, 0, 0, formats, "json (default) or csv" }
#define P_ASOF { "as_of", WP_DATE, false, 10, 0, 0, NULL, "only records in force on this day; jurisdictions: also the day an outcome is evaluated on (default today)" }
#define P_CSRF { "csrf", WP_TEXT, true, 128, 0, 0, NULL, "form token" }
#define P_END { NULL, WP_TEXT, false, 0, 0, 0, NULL, NULL }

static const struct web_param no_params[] = { P_END };

#define P_DAY { "as_of", WP_DATE, false, 10, 0, 0, NULL, "the day to evaluate on (default today)" }
#define P_INTERP { "interpretation", WP_TEXT, false, 64, 0, 0, NULL, "reading of the statute (default: the rules' first)" }

static const struct web_param outcome_params[] = { P_DAY, P_INTERP, P_END };

static const char *const outcomes[] = { "complies", "conflicts", "unknown",
	"not_applicable", "not_enforced", NULL };

static const struct web_param api_outcome_params[] = {
	{ "jurisdiction", WP_TEXT, false, 7, 0, 0, NULL, "only this jurisdiction (FIPS)" },
	{ "condition", WP_TEXT, false, 64, 0, 0, NULL, "only this condition (or requirement) id" },
	P_DAY, P_INTERP, P_LIMIT, P_OFFSET, P_FORMAT, P_END,
};

/* The jurisdictions list's outcome and designation filters, the same on
 * the page and in the API (jur_filter.c reads them). */
#define P_OUTCOME { "outcome", WP_ENUM, false, 16, 0, 0, outcomes, "jurisdictions: only those with this outcome for the condition" }
#define P_CONDITION { "condition", WP_TEXT, false, 64, 0, 0, NULL, "jurisdictions: the condition the outcome is for (needed with outcome)" }
#define P_DESIGNATION { "designation", WP_TEXT, false, 80, 0, 0, NULL, "jurisdictions: only those a list or order (directive id) designates; \"any\" for any" }

static const struct web_param jur_params[] = {
	{ "q", WP_TEXT, false, 200, 0, 0, NULL, "words in the name or the FIPS code" },
	{ "state", WP_TEXT, false, 2, 0, 0, NULL, "two-letter state code or FIPS" },
	{ "kind", WP_ENUM, false, 16, 0, 0, jur_kinds, "kind of government" },
	{ "sort", WP_ENUM, false, 8, 0, 0, jur_sorts, "sort key" },
	{ "order", WP_ENUM, false, 4, 0, 0, orders, "asc or desc" },
	P_PAGE, P_OUTCOME, P_CONDITION, P_DAY, P_INTERP, P_DESIGNATION, P_END,
};

static const struct web_param map_params[] = {
	{ "level", WP_ENUM, false, 8, 0, 0, map_levels, "county or state" },
	{ "condition", WP_TEXT, false, 64, 0, 0, NULL, "colour by the outcome for this condition" },
	P_DAY, P_INTERP, P_END,
};

static const struct web_param page_params[] = { P_PAGE, P_END };

static const struct web_param login_form_params[] = {
	{ "next", WP_TEXT, false, 200, 0, 0, NULL, "where to go after signing in" },
	P_END,
};

static const struct web_param login_params[] = {
	{ "name", WP_NAME, true, 64, 0, 0, NULL, "user name" },
	{ "password", WP_SECRET, true, 256, 0, 0, NULL, "password" },
	{ "next", WP_TEXT, false, 200, 0, 0, NULL, "where to go after signing in" },
	P_CSRF, P_END,
};

static const struct web_param csrf_params[] = { P_CSRF, P_END };

static const struct web_param user_add_params[] = {
	{ "name", WP_NAME, true, 64, 0, 0, NULL, "user name" },
	{ "role", WP_ENUM, true, 10, 0, 0, roles, "role" },
	{ "jurisdiction", WP_TEXT, false, 7, 0, 0, NULL, "FIPS code, for a recipient" },
	{ "password", WP_SECRET, true, 256, 0, 0, NULL, "password, 8 to 256 bytes" },
	P_CSRF, P_END,
};

static const struct web_param api_user_add_params[] = {
	{ "name", WP_NAME, true, 64, 0, 0, NULL, "user name" },
	{ "role", WP_ENUM, true, 10, 0, 0, roles, "role" },
	{ "jurisdiction", WP_TEXT, false, 7, 0, 0, NULL, "FIPS code, for a recipient" },
	{ "password", WP_SECRET, true, 256, 0, 0, NULL, "password, 8 to 256 bytes" },
	P_END,
};

static const struct web_param api_list_params[] = {
	P_LIMIT, P_OFFSET, P_FORMAT,
	P_ASOF,
	{ "q", WP_TEXT, false, 200, 0, 0, NULL, "words in the id, name or title" },
	{ "state", WP_TEXT, false, 2, 0, 0, NULL, "jurisdictions: two-letter state code or FIPS" },
	{ "kind", WP_TEXT, false, 24, 0, 0, NULL, "records whose kind field is this" },
	P_OUTCOME, P_CONDITION, P_INTERP, P_DESIGNATION, P_END,
};

static const struct web_param api_audit_params[] = {
	{ "from", WP_INT, false, 19, 1, INT64_MAX, NULL, "first sequence number" },
	P_LIMIT, P_FORMAT, P_END,
};

/* The review queue and actions (casework/). */
static const char *const findings[] = { "complies", "possibly_noncompliant",
	"insufficient", "needs_information", NULL };
static const char *const decisions[] = { "approve", "return", NULL };
static const char *const action_kinds[] = { "withhold", "release",
	"deobligate", "refer", NULL };
static const char *const review_done[] = { "proposed", "approved",
	"returned", "recorded", "determined", NULL };
static const char *const determining[] = { "determination",
	"preliminary_finding", "clearance", NULL };

static const struct web_param reviews_params[] = {
	{ "done", WP_ENUM, false, 10, 0, 0, review_done, "what was just done" },
	{ "id", WP_TEXT, false, 200, 0, 0, NULL, "the review or action it was done to" },
	P_END,
};

#define P_PROPOSE \
	{ "certification", WP_TEXT, true, 80, 0, 0, NULL, "certification reviewed" }, \
	{ "finding", WP_ENUM, true, 24, 0, 0, findings, "the finding proposed" }, \
	{ "provisions", WP_TEXT, false, 400, 0, 0, NULL, "provision ids cited, ';'-separated" }, \
	{ "rationale", WP_LONGTEXT, false, 4000, 0, 0, NULL, "why" }, \
	{ "id", WP_TEXT, false, 80, 0, 0, NULL, "review id (default CERTIFICATION-R<n>)" }, \
	{ "date", WP_DATE, false, 10, 0, 0, NULL, "date proposed (default today)" }
#define P_DECIDE \
	{ "decision", WP_ENUM, true, 8, 0, 0, decisions, "approve or return" }, \
	{ "reason", WP_LONGTEXT, false, 4000, 0, 0, NULL, "why (required to return)" }, \
	{ "date", WP_DATE, false, 10, 0, 0, NULL, "date decided (default today)" }
#define P_ACTION \
	{ "kind", WP_ENUM, true, 10, 0, 0, action_kinds, "withhold, release, deobligate or refer" }, \
	{ "award", WP_TEXT, true, 80, 0, 0, NULL, "award number" }, \
	{ "jurisdiction", WP_TEXT, false, 7, 0, 0, NULL, "FIPS code (default: the notice's)" }, \
	{ "condition", WP_TEXT, false, 64, 0, 0, NULL, "condition enforced (default: the notice's)" }, \
	{ "amount", WP_TEXT, false, 20, 0, 0, NULL, "dollars; empty when unknown" }, \
	{ "notice", WP_TEXT, false, 80, 0, 0, NULL, "the case the action concludes" }, \
	{ "ruling", WP_TEXT, false, 80, 0, 0, NULL, "court order that compelled it" }, \
	{ "summary", WP_LONGTEXT, false, 2000, 0, 0, NULL, "summary" }, \
	{ "id", WP_TEXT, false, 80, 0, 0, NULL, "action id (default KIND-AWARD-YYYYMMDD)" }, \
	{ "date", WP_DATE, false, 10, 0, 0, NULL, "date taken (default today)" }

#define P_DETERMINE \
	{ "kind", WP_ENUM, true, 20, 0, 0, determining, "determination, preliminary_finding or clearance" }, \
	{ "summary", WP_LONGTEXT, false, 4000, 0, 0, NULL, "what the agency decided" }, \
	{ "id", WP_TEXT, false, 80, 0, 0, NULL, "the new notice's id (default NOTICE-D<n>)" }, \
	{ "date", WP_DATE, false, 10, 0, 0, NULL, "date issued (default today)" }

static const struct web_param determine_params[] = { P_DETERMINE, P_CSRF, P_END };
static const struct web_param api_determine_params[] = { P_DETERMINE, P_END };
static const struct web_param propose_params[] = { P_PROPOSE, P_CSRF, P_END };
static const struct web_param decide_params[] = { P_DECIDE, P_CSRF, P_END };
static const struct web_param action_params[] = { P_ACTION, P_CSRF, P_END };
static const struct web_param api_propose_params[] = { P_PROPOSE, P_END };
static const struct web_param api_decide_params[] = { P_DECIDE, P_END };
static const struct web_param api_action_params[] = { P_ACTION, P_END };

static const struct web_param funds_params[] = {
	{ "as_of", WP_DATE, false, 10, 0, 0, NULL, "the day (default today)" },
	P_END,
};
static const struct web_param api_funds_params[] = {
	{ "as_of", WP_DATE, false, 10, 0, 0, NULL, "the day (default today)" },
	P_LIMIT, P_OFFSET, P_FORMAT, P_END,
};

/* Detainer records of a jurisdiction, a page at a time (ev_records.c
 * checks the cursor; the router the rest). */
#define P_DETAINERS \
	{ "from", WP_DATE, false, 10, 0, 0, NULL, "first day issued (YYYY-MM-DD, inclusive)" }, \
	{ "to", WP_DATE, false, 10, 0, 0, NULL, "last day issued (YYYY-MM-DD, inclusive)" }, \
	{ "limit", WP_INT, false, 4, 1, 1000, NULL, "records per page (default 100)" }, \
	{ "after", WP_TEXT, false, 128, 0, 0, NULL, "the page after this cursor (the next of the page before)" }, \
	{ "before", WP_TEXT, false, 128, 0, 0, NULL, "the page before this cursor (the prev of the page after; not with after)" }
static const struct web_param detainers_params[] = { P_DETAINERS, P_END };
static const struct web_param api_detainers_params[] = { P_DETAINERS,
	{ "format", WP_ENUM, false, 4, 0, 0, formats, "json (default) or csv; or send Accept: text/csv" },
	P_END };

#define WR_PROPOSE (WR(ROLE_REVIEWER) | WR(ROLE_ADMIN))
#define WR_DECIDE  (WR(ROLE_APPROVER) | WR(ROLE_ADMIN))
static const struct web_param portal_params[] = {
	{ "received", WP_TEXT, false, 200, 0, 0, NULL, "a certification just received, to confirm" },
	P_END,
};

static const char *const authorities[] = { "legal_counsel",
	"chief_legal_officer", "executive", "other", "unknown", NULL };

/* A certification's declared text inputs; its documents come as the
 * file parts below. */
#define CERTIFY_FIELDS \
	{ "notice", WP_TEXT, true, 64, 0, 0, NULL, "the notice answered (one sent to your jurisdiction)" }, \
	{ "signer", WP_TEXT, false, 200, 0, 0, NULL, "who signed" }, \
	{ "signer_title", WP_TEXT, false, 200, 0, 0, NULL, "the signer's title" }, \
	{ "authority", WP_ENUM, false, 24, 0, 0, authorities, "the signer's authority" }, \
	{ "summary", WP_LONGTEXT, false, 4000, 0, 0, NULL, "what is certified" }

static const struct web_param certify_params[] = { CERTIFY_FIELDS, P_CSRF,
	P_END };
static const struct web_param api_certify_params[] = { CERTIFY_FIELDS,
	P_END };

/* File parts: a legal opinion, the signed certification, another file. */
static const char *const certify_files[] = { "opinion", "certificate",
	"attachment", NULL };

static const struct web_route routes[PAGE__MAX] = {
	[PAGE_HOME] = { WM_GET, "/", WR_ALL, false, false, outcome_params,
	    "dashboard" },
	[PAGE_JURISDICTIONS] = { WM_GET, "/jurisdictions", WR_ALL, false,
	    false, jur_params, "jurisdictions: search, filter, sort" },
	[PAGE_JURISDICTION] = { WM_GET, "/jurisdictions/{id}", WR_ALL, false,
	    false, outcome_params, "one jurisdiction and its timeline" },
	[PAGE_MAP] = { WM_GET, "/map", WR_ALL, false, false, map_params,
	    "map of states and counties" },
	[PAGE_ICS] = { WM_GET, "/deadlines.ics", WR_ALL, false, false,
	    no_params, "due dates as an iCalendar feed" },
	[PAGE_RECORDS] = { WM_GET, "/records/{kind}", WR_ALL, false, false,
	    page_params, "records of one kind" },
	[PAGE_RECORD] = { WM_GET, "/records/{kind}/{id}", WR_ALL, false,
	    false, no_params, "one record" },
	[PAGE_AUDIT] = { WM_GET, "/audit", WR_STAFF, false, false,
	    page_params, "the audit log" },
	[PAGE_REVIEWS] = { WM_GET, "/reviews", WR_STAFF, false, false,
	    reviews_params, "the review queue: proposed findings, then decided" },
	[PAGE_LOGIN_FORM] = { WM_GET, "/login", WR_ALL, false, false,
	    login_form_params, "sign-in form" },
	[PAGE_LOGIN] = { WM_POST, "/login", WR_ALL, false, true,
	    login_params, "sign in" },
	[PAGE_LOGOUT] = { WM_POST, "/logout", WR_SIGNED, false, true,
	    csrf_params, "sign out" },
	[PAGE_USERS] = { WM_GET, "/users", WR(ROLE_ADMIN), false, false,
	    no_params, "people and roles" },
	[PAGE_USER_ADD] = { WM_POST, "/users", WR(ROLE_ADMIN), false, true,
	    user_add_params, "add a person" },
	[PAGE_PORTAL] = { WM_GET, "/portal", WR(ROLE_RECIPIENT), false, false,
	    portal_params, "a recipient's own jurisdiction" },
	[PAGE_CSS] = { WM_GET, "/static/attest.css", WR_ALL, false, false,
	    no_params, "the style sheet" },
	[PAGE_ICON] = { WM_GET, "/static/icon.svg", WR_ALL, false, false,
	    no_params, "the site's icon" },
	[PAGE_API_INDEX] = { WM_GET, "/api/v1", WR_ALL, true, false,
	    no_params, "what the API offers" },
	[PAGE_API_OPENAPI] = { WM_GET, "/api/v1/openapi.json", WR_ALL, true,
	    false, no_params, "this document" },
	[PAGE_API_HEALTH] = { WM_GET, "/api/v1/health", WR_ALL, true, false,
	    no_params, "a small fixed answer: the server is up" },
	[PAGE_API_ME] = { WM_GET, "/api/v1/me", WR_ALL, true, false,
	    no_params, "who the request is made as" },
	[PAGE_API_AUDIT] = { WM_GET, "/api/v1/audit", WR_STAFF, true, false,
	    api_audit_params, "audit log entries" },
	[PAGE_API_USERS] = { WM_GET, "/api/v1/users", WR(ROLE_ADMIN), true,
	    false, no_params, "people and roles" },
	[PAGE_API_USER_ADD] = { WM_POST, "/api/v1/users", WR(ROLE_ADMIN),
	    true, false, api_user_add_params, "add a person" },
	[PAGE_API_OUTCOMES] = { WM_GET, "/api/v1/outcomes", WR_ALL, true,
	    false, api_outcome_params,
	    "outcomes of the rules engine per jurisdiction and condition" },
	[PAGE_API_REVIEWS] = { WM_GET, "/api/v1/reviews", WR_STAFF, true,
	    false, no_params, "reviews of certifications, oldest first" },
	[PAGE_REVIEW_PROPOSE] = { WM_POST, "/reviews", WR_PROPOSE, false,
	    true, propose_params, "propose a finding on a certification" },
	[PAGE_REVIEW_DECIDE] = { WM_POST, "/reviews/{id}", WR_DECIDE, false,
	    true, decide_params,
	    "approve or return a proposed finding (not its proposer)" },
	[PAGE_ACTION_ADD] = { WM_POST, "/actions", WR_DECIDE, false, true,
	    action_params,
	    "record an action on an award (refused when a ruling enjoins it)" },
	[PAGE_API_REVIEW_PROPOSE] = { WM_POST, "/api/v1/reviews", WR_PROPOSE,
	    true, false, api_propose_params,
	    "propose a finding on a certification" },
	[PAGE_API_REVIEW_DECIDE] = { WM_POST, "/api/v1/reviews/{id}",
	    WR_DECIDE, true, false, api_decide_params,
	    "approve or return a proposed finding (not its proposer)" },
	[PAGE_API_ACTION_ADD] = { WM_POST, "/api/v1/actions", WR_DECIDE, true,
	    false, api_action_params,
	    "record an action on an award (refused when a ruling enjoins it)" },
	/* Who may read which letter is the letter's business
	 * (casework_letter_visible): staff all, a recipient its own
	 * jurisdiction's, the public those of verified notices. */
	[PAGE_LETTER] = { WM_GET, "/letters/{id}", WR_ALL, false, false,
	    no_params, "a notice's letter, with its PDF's SHA-256" },
	[PAGE_LETTER_PDF] = { WM_GET, "/letters/{id}/pdf", WR_ALL, false,
	    false, no_params, "a notice's letter as a PDF download" },
	[PAGE_PORTAL_CERTIFY] = { WM_POST, "/portal/certifications",
	    WR(ROLE_RECIPIENT), false, true, certify_params,
	    "submit a certification with its documents (multipart)",
	    certify_files },
	[PAGE_DOCUMENT] = { WM_GET, "/certifications/{id}/documents/{n}",
	    WR_SIGNED, false, false, no_params,
	    "a certification's document n (from 1), downloaded" },
	[PAGE_API_LETTER] = { WM_GET, "/api/v1/letters/{id}", WR_ALL, true,
	    false, no_params,
	    "a notice's letter: text, PDF size and SHA-256, links" },
	[PAGE_API_LETTER_PDF] = { WM_GET, "/api/v1/letters/{id}/pdf", WR_ALL,
	    true, false, no_params, "a notice's letter as PDF" },
	[PAGE_API_CERTIFY] = { WM_POST, "/api/v1/certifications",
	    WR(ROLE_RECIPIENT), true, false, api_certify_params,
	    "submit a certification with its documents "
	    "(multipart/form-data)", certify_files },
	[PAGE_API_DOCUMENT] = { WM_GET,
	    "/api/v1/certifications/{id}/documents/{n}", WR_SIGNED, true,
	    false, no_params, "a certification's document n (from 1)" },
	[PAGE_FUNDS] = { WM_GET, "/funds", WR_ALL, false, false, funds_params,
	    "funds at risk, withheld and released, by jurisdiction and award" },
	[PAGE_API_FUNDS] = { WM_GET, "/api/v1/funds-at-risk", WR_ALL, true,
	    false, api_funds_params,
	    "funds at risk, withheld and released (amounts in cents; null "
	    "when unknown, never 0)" },
	[PAGE_API_AUDIT_STATUS] = { WM_GET, "/api/v1/audit/status", WR_STAFF,
	    true, false, no_params,
	    "the audit log verified as `attest audit verify` does (cached by "
	    "log size), and its latest signed checkpoint" },
	[PAGE_REVIEW_DETERMINE] = { WM_POST, "/reviews/{id}/determination",
	    WR_DECIDE, false, true, determine_params,
	    "issue the agency's determination on an approved finding's case" },
	[PAGE_API_REVIEW_DETERMINE] = { WM_POST,
	    "/api/v1/reviews/{id}/determination", WR_DECIDE, true, false,
	    api_determine_params,
	    "issue the agency's determination on an approved finding's case" },
	[PAGE_DETAINERS] = { WM_GET, "/jurisdictions/{id}/detainers", WR_ALL,
	    false, false, detainers_params,
	    "a jurisdiction's detainer records by day issued, a page at a "
	    "time" },
	[PAGE_API_DETAINERS] = { WM_GET, "/api/v1/jurisdictions/{id}/detainers",
	    WR_ALL, true, false, api_detainers_params,
	    "the detainer records placed in a jurisdiction's county, by day "
	    "issued then detainer_id: rows and the next page's cursor (null "
	    "at the end); as CSV the rows, the next page in a Link header" },
	[PAGE_API_LIST] = { WM_GET, "/api/v1/{kind}", WR_ALL, true, false,
	    api_list_params, "records of one kind, paginated" },
	[PAGE_API_GET] = { WM_GET, "/api/v1/{kind}/{id}", WR_ALL, true, false,
	    no_params, "one record" },
};

const struct web_route *
web_route(enum page p)
{
	return p < PAGE__MAX ? &routes[p] : NULL;
}

static int
param_index(const struct web_req *r, const char *name)
{
	const struct web_param *ps = routes[r->page].params;

	for (int i = 0; i < WEB_PARAMS_MAX && ps[i].name != NULL; i++)
		if (strcmp(ps[i].name, name) == 0)
			return i;
	return -1;
}

const char *
web_arg(const struct web_req *r, const char *name)
{
	int i = param_index(r, name);

	return i < 0 ? NULL : r->vals[i];
}

int64_t
web_num(const struct web_req *r, const char *name, int64_t def)
{
	int i = param_index(r, name);

	if (i < 0 || r->vals[i] == NULL)
		return def;
	return r->nums[i];
}

void
web_link(struct buf *out, enum page p, const char *a, const char *b)
{
	const char *pat = routes[p].pattern;
	const char *vals[2] = { a, b };
	size_t n = 0;

	while (*pat != '\0') {
		if (*pat == '{') {
			const char *end = strchr(pat, '}');

			if (n < 2 && vals[n] != NULL)
				url_encode(out, vals[n]);
			n++;
			pat = end != NULL ? end + 1 : pat + strlen(pat);
			continue;
		}
		buf_putc(out, *pat++);
	}
}
