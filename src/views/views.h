/* SPDX-License-Identifier: ISC */
/*
 * The pages of the web site, rendered on the server through the one
 * escaping writer (html.h) inside one layout (layout.c).  Each handler
 * reads a validated request and fills a response; none sees a socket.
 * No page needs JavaScript.
 */
#ifndef AT_VIEWS_VIEWS_H
#define AT_VIEWS_VIEWS_H

#include "core/date.h"
#include "core/err.h"
#include "rules/rules.h"
#include "views/web.h"

struct html;

/* Open the document: head, skip link, header and navigation for r's
 * user; leaves <main> open.  layout_end closes everything. */
void layout_begin(struct html *h, const struct web_req *r,
    const char *title);
void layout_end(struct html *h);

/* A form's hidden CSRF input, for r's visitor. */
void layout_csrf(struct html *h, const struct web_req *r);

/* An HTML error page with status and message. */
void page_error(struct web_req *r, struct web_resp *w, int status,
    const char *msg);

void page_home(struct web_req *r, struct web_resp *w);
void page_jurisdictions(struct web_req *r, struct web_resp *w);
void page_jurisdiction(struct web_req *r, struct web_resp *w);
void page_records(struct web_req *r, struct web_resp *w);
void page_record(struct web_req *r, struct web_resp *w);
void page_map(struct web_req *r, struct web_resp *w);
void page_ics(struct web_req *r, struct web_resp *w);
void page_audit(struct web_req *r, struct web_resp *w);
void page_reviews(struct web_req *r, struct web_resp *w);
/*
 * The review queue's writes as the forms and the API both make them,
 * from r's arguments (the same fields), by r's user, on its date or
 * today; each returns its casework_ call's result.
 * review_propose_req: casework_review_propose, p read from r.
 * review_action_req: casework_action_take, a read from r.
 * review_decide_req: casework_review_decide on the review r's path
 * names ("decision", "reason"); *approve, and *rv to free with
 * store_review_fini whatever the result.
 * review_determine_req: casework_review_determine on the review r's path
 * names ("id", "kind", "summary"), read into *c.
 */
struct casework_proposal;
struct casework_action;
struct casework_determination;
struct store_review;
enum at_err review_propose_req(struct web_req *r, struct casework_proposal *p,
    char *id, size_t idn, char **expl, struct at_diag *d);
enum at_err review_action_req(struct web_req *r, struct casework_action *a,
    char *id, size_t idn, char *ruling, size_t rulingn, struct at_diag *d);
enum at_err review_decide_req(struct web_req *r, bool *approve,
    struct store_review *rv, struct at_diag *d);
enum at_err review_determine_req(struct web_req *r,
    struct casework_determination *c, char *id, size_t idn,
    struct at_diag *d);
/* The review queue's forms (casework/): on success a 303 back to
 * /reviews, on a refusal the queue again with the reason. */
void page_review_propose(struct web_req *r, struct web_resp *w);
void page_review_decide(struct web_req *r, struct web_resp *w);
void page_action_add(struct web_req *r, struct web_resp *w);
void page_review_determine(struct web_req *r, struct web_resp *w);
/* Funds at risk, withheld and released (pages_funds.c), and the same
 * totals as a dashboard section for day. */
void page_funds(struct web_req *r, struct web_resp *w);
void funds_summary(struct html *h, struct web_req *r, struct at_date day);
void page_login_form(struct web_req *r, struct web_resp *w,
    const char *problem);
void page_users(struct web_req *r, struct web_resp *w, const char *problem);
void page_portal(struct web_req *r, struct web_resp *w);
void page_css(struct web_req *r, struct web_resp *w);
void page_letter(struct web_req *r, struct web_resp *w);
void page_letter_pdf(struct web_req *r, struct web_resp *w);
void page_portal_certify(struct web_req *r, struct web_resp *w);
void page_document(struct web_req *r, struct web_resp *w);
/* A jurisdiction's detainer records, a page at a time
 * (pages_detainers.c). */
void page_detainers(struct web_req *r, struct web_resp *w);
/* The address of page p (PAGE_DETAINERS or PAGE_API_DETAINERS) for q's
 * jurisdiction, days and limit, with cursor as parameter name ("after"
 * or "before") and format when not NULL, appended to u. */
struct ev_records_query;
void detainers_link(struct buf *u, enum page p,
    const struct ev_records_query *q, const char *name, const char *cursor,
    const char *format);

struct casework_letter;
struct casework_cert_result;

/*
 * Receive the certification in r (the declared inputs of
 * PAGE_PORTAL_CERTIFY or PAGE_API_CERTIFY and the uploaded files) from
 * r's recipient, for its own jurisdiction only, dated today (UTC), with
 * source naming via ("web portal", "API") and the user; the id is made
 * from the notice's (casework_cert_new_id) into id[idn].  AT_OK and
 * *res; otherwise casework_certify's errors with d, and nothing stored.
 */
enum at_err web_certify(struct web_req *r, const char *via,
    struct casework_cert_result *res, char *id, size_t idn,
    struct at_diag *d);
/* The HTTP status for a refused certification. */
int web_certify_status(enum at_err er);

/*
 * The letter of notice id as r's visitor may read it
 * (casework_letter_visible), filled from r->data_dir's templates.
 * AT_OK and *l (release with casework_letter_fini); AT_NOTFOUND (no
 * such notice); AT_DENIED (not this visitor's to read); AT_IO, AT_LIMIT
 * or AT_EINVAL (the template; d says).
 */
enum at_err web_letter_open(struct web_req *r, const char *id,
    struct casework_letter *l, struct at_diag *d);

/* Render l as a PDF into out (cap CASEWORK_LETTER_MAX) with its
 * SHA-256 in hex into sha[65].  AT_IO, AT_LIMIT (d says). */
enum at_err web_letter_pdf(const struct casework_letter *l, struct buf *out,
    char sha[65], struct at_diag *d);

/* The size and SHA-256 (hex, sha[65]) of l's PDF as web_letter_pdf
 * makes it, rendered only when not kept from an earlier call for the
 * same letter, data version and letter text; *rendered says whether
 * this call rendered it.  AT_IO, AT_LIMIT (d says). */
enum at_err web_letter_hash(struct web_req *r,
    const struct casework_letter *l, size_t *size, char sha[65],
    bool *rendered, struct at_diag *d);

/* Answer w with the PDF of the letter r's path names, as an attachment
 * (the page's and the API's download).  AT_OK; else w's body is left
 * for the caller's error answer: AT_NOTFOUND, AT_DENIED, or
 * web_letter_open's and web_letter_pdf's errors (d says). */
enum at_err web_letter_pdf_answer(struct web_req *r, struct web_resp *w,
    struct at_diag *d);

/* A certification's document as r's visitor may read it. */
struct web_doc {
	char name[256];	 /* file name as stored */
	char type[64];	 /* sniffed media type */
	char sha[65];
	char *bytes;	 /* owned: free() */
	size_t len;
};

/*
 * Document n (1-based, text) of certification cert: staff any, a
 * recipient only its own jurisdiction's.  AT_OK and *out; AT_NOTFOUND
 * (no such certification or document, or bytes not kept); AT_DENIED;
 * AT_TAMPER (kept bytes do not match the hash); AT_DB.
 */
enum at_err web_document_get(struct web_req *r, const char *cert,
    const char *n, struct web_doc *out);

/* A Content-Disposition attachment value for file name into w, with
 * every byte outside [A-Za-z0-9._-] made '_'. */
void web_attachment(struct web_resp *w, const char *name);
void page_icon(struct web_req *r, struct web_resp *w);

/*
 * The audit log's verification status (pages_audit.c): the check of
 * `attest audit verify` (chain, tree, checkpoints, records), cached by
 * log size so a page view does not re-verify every entry.
 */
struct audit_status {
	int64_t size;		 /* entries when verified */
	bool ok;
	bool cached;		 /* this answer came from the cache */
	bool signatures_checked; /* a public key was given */
	int64_t bad_seq;	 /* first bad entry, 0 if none named */
	char reason[600];	 /* why not ok */
	uint64_t count;		 /* entries verified */
	char root[65];		 /* their root, hex */
	uint64_t checkpoints, signed_size;
	int64_t records;	 /* records checked against the log */
	bool has_checkpoint;	 /* the latest signed checkpoint: */
	uint64_t cp_size;
	char cp_root[65];
	char cp_time[40];
};
/* AT_OK and *out (also when the log does not verify: out->ok false),
 * or AT_DB. */
enum at_err audit_status_get(struct web_req *r, struct audit_status *out);

/*
 * Outcomes from the rules engine (outcomes.c).  The day and reading come
 * from the request's as_of and interpretation inputs, defaulting to
 * today and the rules' first interpretation.
 */
struct outcome_view {
	struct at_date day;
	char day_s[AT_DATE_LEN];
	const char *interp; /* borrowed from the request or the rules */
};
/* AT_EINVAL for a bad date or an interpretation the rules lack. */
enum at_err outcome_view_args(const struct web_req *r,
    struct outcome_view *v);
/* The as-of date picker and interpretation switch, a GET form to action
 * (level and condition kept as hidden inputs when not NULL). */
void outcome_controls(struct html *h, const struct web_req *r,
    const struct outcome_view *v, const char *action, const char *level,
    const char *condition);
void outcome_badge(struct html *h, enum rules_outcome o);
/* A section: each condition's outcome for jurisdiction id, explained. */
void outcome_jurisdiction(struct html *h, struct web_req *r,
    const struct outcome_view *v, const char *id);
/* A section: counts by outcome over every jurisdiction and condition. */
void outcome_counts(struct html *h, struct web_req *r,
    const struct outcome_view *v);
/* Call fn for each jurisdiction the condition applies to. */
typedef void (*outcome_map_fn)(void *ctx, const char *jurisdiction,
    enum rules_outcome o);
enum at_err outcome_map(struct web_req *r, const struct outcome_view *v,
    const char *condition, outcome_map_fn fn, void *ctx);

/*
 * The jurisdictions list's outcome and designation filters (jur_filter.c),
 * one reading of the request for the page and the API: outcome with
 * condition, as_of and interpretation (the rules engine's outcome that
 * day under that reading), and designation (a directive id, or "any").
 */
struct jur_filter;
/* AT_OK and *out (owned; free with jur_filter_free); AT_EINVAL with *why
 * (static text naming the input) for input the filters cannot use; AT_DB
 * if the designations cannot be read.  With for_form the conditions are
 * read as well, for the page's choices. */
enum at_err jur_filter_load(struct web_req *r, bool for_form,
    struct jur_filter **out, const char **why);
/* Whether the request asked for either filter at all. */
bool jur_filter_on(const struct jur_filter *f);
/* Whether jurisdiction id passes both filters (true when neither is on). */
bool jur_filter_match(const struct jur_filter *f, const char *id);
/* The directives that designate any jurisdiction (directives true) or the
 * conditions (read only for_form), sorted, borrowed from f; *n set. */
const char *const *jur_filter_choices(const struct jur_filter *f,
    bool directives, size_t *n);
void jur_filter_free(struct jur_filter *f);

/*
 * The map's shapes, decoded once from us-atlas TopoJSON at start-up.
 * map_data_load returns AT_OK and *out (free with map_data_free),
 * AT_IO if the file cannot be read or AT_EINVAL if it is not TopoJSON
 * as us-atlas writes it (d says why).
 */
enum at_err map_data_load(const char *path, struct map_data **out,
    struct at_diag *d);
void map_data_free(struct map_data *m);

#endif
