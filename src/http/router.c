/* SPDX-License-Identifier: ISC */
/*
 * Routing: the path and method against the route table (views/web.c),
 * the declared inputs checked and converted before any handler runs
 * (kcgi's kvalid), and the one switch that calls handlers, whose
 * default aborts.
 */
#include "http/http_int.h"

#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "core/date.h"
#include "core/parse.h"
#include "core/xalloc.h"
#include "views/views.h"

#define SEG_MAX 200

/* Match path against pattern; on success the {x} values go to seg. */
static bool
match(const char *pat, const char *path, char *seg[WEB_SEGS_MAX])
{
	size_t nseg = 0;
	char *got[WEB_SEGS_MAX] = { NULL, NULL };

	while (*pat != '\0' && *path != '\0') {
		if (*pat == '{') {
			size_t n = strcspn(path, "/");

			pat = strchr(pat, '}');
			if (pat == NULL || n == 0 || n > SEG_MAX ||
			    nseg >= WEB_SEGS_MAX)
				goto fail;
			pat++;
			got[nseg++] = xstrndup(path, n);
			path += n;
			continue;
		}
		if (*pat != *path)
			goto fail;
		pat++;
		path++;
	}
	if (*pat != '\0' || *path != '\0')
		goto fail;
	for (size_t i = 0; i < WEB_SEGS_MAX; i++)
		seg[i] = got[i];
	return true;
fail:
	for (size_t i = 0; i < nseg; i++)
		free(got[i]);
	return false;
}

void
router_match(struct req_state *st, const char *method, const char *url)
{
	enum web_method m;
	bool path_seen = false;

	st->page = PAGE__MAX;
	if (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0)
		m = WM_GET;
	else if (strcmp(method, "POST") == 0)
		m = WM_POST;
	else {
		st->early_status = 405;
		return;
	}
	for (int p = 0; p < PAGE__MAX; p++) {
		const struct web_route *rt = web_route((enum page)p);
		char *seg[WEB_SEGS_MAX] = { NULL, NULL };

		if (!match(rt->pattern, url, seg))
			continue;
		if (rt->method != m) {
			path_seen = true;
			for (size_t i = 0; i < WEB_SEGS_MAX; i++)
				free(seg[i]);
			continue;
		}
		st->page = (enum page)p;
		for (size_t i = 0; i < WEB_SEGS_MAX; i++)
			st->seg[i] = seg[i];
		return;
	}
	st->early_status = path_seen ? 405 : 404;
}

static const struct kv *
find_kv(const struct req_state *st, const char *name)
{
	for (size_t i = 0; i < st->nkv; i++)
		if (strcmp(st->kv[i].name, name) == 0)
			return &st->kv[i];
	return NULL;
}

static bool
refuse(struct req_state *st, struct web_resp *w, struct web_req *r,
    const char *field, const char *why)
{
	char msg[300];
	const struct web_route *rt = web_route(st->page);

	if (snprintf(msg, sizeof(msg), "%s: %s", field, why) < 0)
		msg[0] = '\0';
	if (rt->is_api)
		api_error(w, 400, "bad_request", msg);
	else
		page_error(r, w, 400, msg);
	return false;
}

bool
router_validate(struct req_state *st, struct web_req *r, struct web_resp *w)
{
	const struct web_route *rt = web_route(st->page);

	if (st->too_many)
		return refuse(st, w, r, "request", "too many fields");
	for (size_t i = 0; i < WEB_SEGS_MAX; i++)
		if (st->seg[i] != NULL &&
		    !text_is_clean(st->seg[i], strlen(st->seg[i]), false))
			return refuse(st, w, r, "path",
			    "not clean UTF-8 text");
	/* API bodies (JSON, or an upload's multipart) may hold only
	 * declared fields; a file part the parser could not read as one
	 * arrives as a field and is refused here, not dropped. */
	if (st->is_json || (rt->is_api && rt->files != NULL))
		for (size_t i = 0; i < st->nkv; i++) {
			bool known = false;

			for (size_t j = 0; rt->params[j].name != NULL; j++)
				if (strcmp(rt->params[j].name,
					st->kv[i].name) == 0)
					known = true;
			if (!known)
				return refuse(st, w, r, "body",
				    "unknown field");
		}
	for (size_t i = 0; rt->params[i].name != NULL; i++) {
		const struct web_param *p = &rt->params[i];
		const struct kv *v = find_kv(st, p->name);
		const char *s;
		size_t len;

		r->vals[i] = NULL;
		if (v != NULL && v->bad)
			return refuse(st, w, r, p->name,
			    "too long or holds a NUL byte");
		if (v == NULL || (v->len == 0 && !p->required)) {
			if (p->required)
				return refuse(st, w, r, p->name, "required");
			continue;
		}
		s = v->val;
		len = v->len;
		if (len > p->max_len)
			return refuse(st, w, r, p->name, "too long");
		if (!text_is_clean(s, len, p->type == WP_LONGTEXT))
			return refuse(st, w, r, p->name,
			    "not clean UTF-8 text");
		switch (p->type) {
		case WP_TEXT:
		case WP_LONGTEXT:
		case WP_SECRET:
			break;
		case WP_INT:
			if (parse_i64(s, len, p->min, p->max, &r->nums[i]) !=
			    AT_OK)
				return refuse(st, w, r, p->name,
				    "not a whole number in range");
			break;
		case WP_DATE: {
			struct at_date dt;

			if (at_date_parse(s, len, &dt) != AT_OK)
				return refuse(st, w, r, p->name,
				    "not a date YYYY-MM-DD");
			break;
		}
		case WP_ENUM: {
			bool ok = false;

			for (size_t c = 0; p->choices[c] != NULL; c++)
				if (strcmp(p->choices[c], s) == 0)
					ok = true;
			if (!ok)
				return refuse(st, w, r, p->name,
				    "not one of the choices");
			break;
		}
		case WP_NAME:
			if (!user_name_valid(s))
				return refuse(st, w, r, p->name,
				    "letters, digits, '.', '_' or '-'");
			break;
		default:
			abort();
		}
		r->vals[i] = s;
	}
	return true;
}

static void
user_add_form(struct app *app, struct web_req *r, struct web_resp *w)
{
	struct at_diag d;
	enum user_role role;
	enum at_err er;

	(void)app;
	at_diag_clear(&d);
	if (user_role_parse(web_arg(r, "role"), &role) != AT_OK)
		er = at_diag_set(&d, AT_EINVAL, "role", "unknown role");
	else
		er = store_user_add(r->store, web_arg(r, "name"), role,
		    web_arg(r, "jurisdiction"), web_arg(r, "password"), &d);
	if (er == AT_OK) {
		w->status = 303;
		memcpy(w->location, "/users", sizeof("/users"));
		return;
	}
	buf_reset(&w->body);
	page_users(r, w, er == AT_CONFLICT ? "A user of that name exists." :
	    er == AT_EINVAL ? d.msg : "The user could not be stored.");
	w->status = er == AT_CONFLICT ? 409 : er == AT_EINVAL ? 400 : 500;
}

void
router_dispatch(struct req_state *st, struct web_req *r, struct web_resp *w,
    struct MHD_Connection *c)
{
	struct app *app = st->app;

	switch (r->page) {
	case PAGE_HOME:
		page_home(r, w);
		break;
	case PAGE_JURISDICTIONS:
		page_jurisdictions(r, w);
		break;
	case PAGE_JURISDICTION:
		page_jurisdiction(r, w);
		break;
	case PAGE_MAP:
		r->map = app_map(app);
		page_map(r, w);
		break;
	case PAGE_ICS:
		page_ics(r, w);
		break;
	case PAGE_RECORDS:
		page_records(r, w);
		break;
	case PAGE_RECORD:
		page_record(r, w);
		break;
	case PAGE_AUDIT:
		page_audit(r, w);
		break;
	case PAGE_REVIEWS:
		page_reviews(r, w);
		break;
	case PAGE_LOGIN_FORM:
		page_login_form(r, w, NULL);
		break;
	case PAGE_LOGIN:
		session_login(app, c, r, w);
		break;
	case PAGE_LOGOUT:
		session_logout(app, c, r, w);
		break;
	case PAGE_USERS:
		page_users(r, w, NULL);
		break;
	case PAGE_USER_ADD:
		user_add_form(app, r, w);
		break;
	case PAGE_PORTAL:
		page_portal(r, w);
		break;
	case PAGE_CSS:
		page_css(r, w);
		break;
	case PAGE_ICON:
		page_icon(r, w);
		break;
	case PAGE_API_INDEX:
		api_index(r, w);
		break;
	case PAGE_API_OPENAPI:
		api_openapi(r, w);
		break;
	case PAGE_API_HEALTH:
		api_health(r, w);
		break;
	case PAGE_API_ME:
		api_me(r, w);
		break;
	case PAGE_API_LIST:
		api_list(r, w);
		break;
	case PAGE_API_GET:
		api_get(r, w);
		break;
	case PAGE_API_AUDIT:
		api_audit(r, w);
		break;
	case PAGE_API_USERS:
		api_users(r, w);
		break;
	case PAGE_API_USER_ADD:
		api_user_add(r, w);
		break;
	case PAGE_API_OUTCOMES:
		api_outcomes(r, w);
		break;
	case PAGE_API_REVIEWS:
		api_reviews(r, w);
		break;
	case PAGE_REVIEW_PROPOSE:
		page_review_propose(r, w);
		break;
	case PAGE_REVIEW_DECIDE:
		page_review_decide(r, w);
		break;
	case PAGE_ACTION_ADD:
		page_action_add(r, w);
		break;
	case PAGE_API_REVIEW_PROPOSE:
		api_review_propose(r, w);
		break;
	case PAGE_API_REVIEW_DECIDE:
		api_review_decide(r, w);
		break;
	case PAGE_API_ACTION_ADD:
		api_action_add(r, w);
		break;
	case PAGE_LETTER:
		page_letter(r, w);
		break;
	case PAGE_LETTER_PDF:
		page_letter_pdf(r, w);
		break;
	case PAGE_PORTAL_CERTIFY:
		page_portal_certify(r, w);
		break;
	case PAGE_DOCUMENT:
		page_document(r, w);
		break;
	case PAGE_API_LETTER:
		api_letter(r, w);
		break;
	case PAGE_API_LETTER_PDF:
		api_letter_pdf(r, w);
		break;
	case PAGE_API_CERTIFY:
		api_certify(r, w);
		break;
	case PAGE_API_DOCUMENT:
		api_document(r, w);
		break;
	case PAGE_FUNDS:
		page_funds(r, w);
		break;
	case PAGE_API_FUNDS:
		api_funds(r, w);
		break;
	case PAGE_API_AUDIT_STATUS:
		api_audit_status(r, w);
		break;
	case PAGE_REVIEW_DETERMINE:
		page_review_determine(r, w);
		break;
	case PAGE_API_REVIEW_DETERMINE:
		api_review_determine(r, w);
		break;
	case PAGE_DETAINERS:
		page_detainers(r, w);
		break;
	case PAGE_API_DETAINERS:
		api_detainers(r, w);
		break;
	default:
		abort();
	}
}
