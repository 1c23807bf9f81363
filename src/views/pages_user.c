/* SPDX-License-Identifier: ISC */
/*
 * Pages about people: the sign-in form, the users page for admins and a
 * recipient's portal, plus the style sheet.  Signing in and out
 * themselves are done by src/http (they set cookies).
 */
#include "views/views.h"

#include <string.h>

#include "model/model.h"
#include "store/store.h"
#include "store/store_users.h"
#include "views/html.h"

/* The style sheet, embedded from static/attest.css at build time. */
extern const char views_css[];
extern const size_t views_css_len;

static void
html_begin(struct web_resp *w, struct html *h)
{
	w->status = 200;
	w->ctype = "text/html; charset=utf-8";
	html_init(h, &w->body);
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

static void
field(struct html *h, const char *id, const char *label, const char *type,
    const char *max, const char *autocomplete)
{
	html_open(h, HE_DIV, "class", "field", NULL);
	html_open(h, HE_LABEL, "for", id, NULL);
	html_text(h, label);
	html_close(h);
	html_open(h, HE_INPUT, "type", type, "id", id, "name", id,
	    "maxlength", max, "autocomplete", autocomplete, NULL);
	html_close(h);
}

void
page_login_form(struct web_req *r, struct web_resp *w, const char *msg)
{
	struct html h;
	const char *next = r->page == PAGE_LOGIN_FORM ||
	    r->page == PAGE_LOGIN ? web_arg(r, "next") : NULL;

	html_begin(w, &h);
	layout_begin(&h, r, "Sign in");
	html_elem_text(&h, HE_H1, "Sign in");
	problem(&h, msg);
	html_open(&h, HE_FORM, "method", "post", "action", "/login",
	    "class", "stack", NULL);
	layout_csrf(&h, r);
	if (next != NULL && next[0] == '/' && next[1] != '/')
		html_open(&h, HE_INPUT, "type", "hidden", "name", "next",
		    "value", next, NULL);
	field(&h, "name", "User name", "text", "64", "username");
	field(&h, "password", "Password", "password", "256",
	    "current-password");
	html_open(&h, HE_BUTTON, "type", "submit", NULL);
	HTML_RAW(&h, "Sign in");
	html_close_to(&h, HE_FORM);
	layout_end(&h);
}

static int
user_row_cb(void *ctx, const struct user *u)
{
	struct html *h = ctx;

	html_open(h, HE_TR, NULL);
	html_elem_text(h, HE_TD, u->name);
	html_elem_text(h, HE_TD, user_role_name(u->role));
	html_open(h, HE_TD, NULL);
	if (u->jurisdiction[0] != '\0') {
		struct buf b;

		buf_init(&b, 256);
		web_link(&b, PAGE_JURISDICTION, u->jurisdiction, NULL);
		html_open(h, HE_A, "href", buf_str(&b), NULL);
		html_text(h, u->jurisdiction);
		html_close(h);
		buf_fini(&b);
	}
	html_close_to(h, HE_TR);
	return 0;
}

void
page_users(struct web_req *r, struct web_resp *w, const char *msg)
{
	static const char *const roles[] = { "reviewer", "approver",
		"recipient", "admin", NULL };
	struct html h;

	html_begin(w, &h);
	layout_begin(&h, r, "Users");
	html_elem_text(&h, HE_H1, "Users");
	problem(&h, msg);
	html_open(&h, HE_TABLE, "class", "list", NULL);
	HTML_RAW(&h, "<thead><tr><th scope=\"col\">name</th><th scope=\"col\">"
		     "role</th><th scope=\"col\">jurisdiction</th></tr>"
		     "</thead>");
	html_open(&h, HE_TBODY, NULL);
	(void)store_user_each(r->store, user_row_cb, &h);
	html_close_to(&h, HE_TABLE);

	html_elem_text(&h, HE_H2, "Add a person");
	html_open(&h, HE_FORM, "method", "post", "action", "/users", "class",
	    "stack", NULL);
	layout_csrf(&h, r);
	field(&h, "name", "User name", "text", "64", "off");
	html_open(&h, HE_DIV, "class", "field", NULL);
	html_open(&h, HE_LABEL, "for", "role", NULL);
	HTML_RAW(&h, "Role");
	html_close(&h);
	html_open(&h, HE_SELECT, "id", "role", "name", "role", NULL);
	for (size_t i = 0; roles[i] != NULL; i++) {
		html_open(&h, HE_OPTION, "value", roles[i], NULL);
		html_text(&h, roles[i]);
		html_close(&h);
	}
	html_close_to(&h, HE_DIV);
	field(&h, "jurisdiction", "Jurisdiction (FIPS, recipients only)",
	    "text", "7", "off");
	field(&h, "password", "Password (8 or more characters)", "password",
	    "256", "new-password");
	html_open(&h, HE_BUTTON, "type", "submit", NULL);
	HTML_RAW(&h, "Add");
	html_close_to(&h, HE_FORM);
	layout_end(&h);
}

void
page_icon(struct web_req *r, struct web_resp *w)
{
	static const char icon[] = "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 16 16\"><path d=\"M8 1l6 2v5c0 3.5-2.6 6-6 7"
	    "C4.6 14 2 11.5 2 8V3z\" fill=\"#0b5394\"/><path d=\"M5 8l2 2 "
	    "4-4\" stroke=\"#fff\" stroke-width=\"1.6\" fill=\"none\"/>"
	    "</svg>\n";

	(void)r;
	w->status = 200;
	w->ctype = "image/svg+xml";
	w->cache = "public, max-age=86400";
	buf_append(&w->body, icon, sizeof(icon) - 1);
}

void
page_css(struct web_req *r, struct web_resp *w)
{
	(void)r;
	w->status = 200;
	w->ctype = "text/css; charset=utf-8";
	w->cache = "public, max-age=3600";
	buf_append(&w->body, views_css, views_css_len);
}
