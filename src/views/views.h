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
/* The review queue's forms (casework/): on success a 303 back to
 * /reviews, on a refusal the queue again with the reason. */
void page_review_propose(struct web_req *r, struct web_resp *w);
void page_review_decide(struct web_req *r, struct web_resp *w);
void page_action_add(struct web_req *r, struct web_resp *w);
void page_login_form(struct web_req *r, struct web_resp *w,
    const char *problem);
void page_users(struct web_req *r, struct web_resp *w, const char *problem);
void page_portal(struct web_req *r, struct web_resp *w);
void page_css(struct web_req *r, struct web_resp *w);
void page_icon(struct web_req *r, struct web_resp *w);

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
 * The map's shapes, decoded once from us-atlas TopoJSON at start-up.
 * map_data_load returns AT_OK and *out (free with map_data_free),
 * AT_IO if the file cannot be read or AT_EINVAL if it is not TopoJSON
 * as us-atlas writes it (d says why).
 */
enum at_err map_data_load(const char *path, struct map_data **out,
    struct at_diag *d);
void map_data_free(struct map_data *m);

#endif
