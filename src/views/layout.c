/* SPDX-License-Identifier: ISC */
/*
 * The frame around every page: head with the one style sheet, a skip
 * link, the site header with navigation for the visitor's role, and the
 * footer.  No script anywhere: the CSP forbids it and nothing needs it.
 */
#include "views/views.h"

#include <string.h>

#include "core/buf.h"
#include "views/html.h"

static void
nav_link(struct html *h, const struct web_req *r, enum page p,
    const char *label)
{
	struct buf u;
	bool here = r->page == p;

	buf_init(&u, 1024);
	web_link(&u, p, NULL, NULL);
	html_open(h, HE_LI, NULL);
	if (here)
		html_open(h, HE_A, "href", buf_str(&u), "aria-current", "page",
		    NULL);
	else
		html_open(h, HE_A, "href", buf_str(&u), NULL);
	html_text(h, label);
	html_close_to(h, HE_LI);
	buf_fini(&u);
}

void
layout_csrf(struct html *h, const struct web_req *r)
{
	html_open(h, HE_INPUT, "type", "hidden", "name", "csrf", "value",
	    r->csrf, NULL);
}

void
layout_begin(struct html *h, const struct web_req *r, const char *title)
{
	enum user_role role = r->user.role;

	HTML_RAW(h, "<!DOCTYPE html>\n");
	html_open(h, HE_HTML, "lang", "en", NULL);
	html_open(h, HE_HEAD, NULL);
	html_open(h, HE_META, "charset", "utf-8", NULL);
	html_open(h, HE_META, "name", "viewport", "content",
	    "width=device-width, initial-scale=1", NULL);
	html_open(h, HE_TITLE, NULL);
	html_text(h, title);
	HTML_RAW(h, " \xe2\x80\x94 attest");
	html_close(h);
	html_open(h, HE_LINK, "rel", "stylesheet", "href",
	    "/static/attest.css", NULL);
	html_open(h, HE_LINK, "rel", "icon", "href", "/static/icon.svg",
	    "type", "image/svg+xml", NULL);
	html_close_to(h, HE_HEAD);
	html_open(h, HE_BODY, NULL);
	html_open(h, HE_A, "class", "skip", "href", "#main", NULL);
	HTML_RAW(h, "Skip to content");
	html_close(h);
	html_open(h, HE_HEADER, "class", "site", NULL);
	html_open(h, HE_A, "class", "brand", "href", "/", NULL);
	HTML_RAW(h, "attest");
	html_close(h);
	html_open(h, HE_NAV, "aria-label", "Main", NULL);
	html_open(h, HE_UL, NULL);
	nav_link(h, r, PAGE_HOME, "Dashboard");
	nav_link(h, r, PAGE_JURISDICTIONS, "Jurisdictions");
	nav_link(h, r, PAGE_MAP, "Map");
	nav_link(h, r, PAGE_FUNDS, "Funds");
	if (role == ROLE_RECIPIENT)
		nav_link(h, r, PAGE_PORTAL, "My jurisdiction");
	if (role == ROLE_REVIEWER || role == ROLE_APPROVER ||
	    role == ROLE_ADMIN) {
		nav_link(h, r, PAGE_REVIEWS, "Reviews");
		nav_link(h, r, PAGE_AUDIT, "Audit log");
	}
	if (role == ROLE_ADMIN)
		nav_link(h, r, PAGE_USERS, "Users");
	nav_link(h, r, PAGE_API_INDEX, "API");
	html_close_to(h, HE_UL);
	html_close_to(h, HE_NAV);
	html_open(h, HE_DIV, "class", "who", NULL);
	if (role == ROLE_PUBLIC) {
		html_open(h, HE_A, "href", "/login", NULL);
		HTML_RAW(h, "Sign in");
		html_close(h);
	} else {
		html_open(h, HE_SPAN, NULL);
		html_text(h, r->user.name);
		HTML_RAW(h, " (");
		html_text(h, user_role_name(role));
		HTML_RAW(h, ")");
		html_close(h);
		html_open(h, HE_FORM, "method", "post", "action", "/logout",
		    "class", "inline", NULL);
		layout_csrf(h, r);
		html_open(h, HE_BUTTON, "type", "submit", NULL);
		HTML_RAW(h, "Sign out");
		html_close_to(h, HE_FORM);
	}
	html_close_to(h, HE_DIV);
	html_close_to(h, HE_HEADER);
	html_open(h, HE_MAIN, "id", "main", NULL);
	if (r->flash != NULL) {
		html_open(h, HE_P, "class", "flash", "role", "status", NULL);
		html_text(h, r->flash);
		html_close(h);
	}
}

void
layout_end(struct html *h)
{
	html_close_to(h, HE_MAIN);
	html_open(h, HE_FOOTER, "class", "site", NULL);
	HTML_RAW(h, "attest: federal grant conditions, policies and outcomes. "
		    "Open data: ");
	html_open(h, HE_A, "href", "/api/v1", NULL);
	HTML_RAW(h, "JSON and CSV API");
	html_close(h);
	HTML_RAW(h, ".");
	html_close_all(h);
	HTML_RAW(h, "\n");
}

void
page_error(struct web_req *r, struct web_resp *w, int status,
    const char *msg)
{
	struct html h;

	buf_reset(&w->body);
	w->status = status;
	w->ctype = "text/html; charset=utf-8";
	html_init(&h, &w->body);
	layout_begin(&h, r, msg);
	html_elem_text(&h, HE_H1, msg);
	html_open(&h, HE_P, NULL);
	html_open(&h, HE_A, "href", "/", NULL);
	HTML_RAW(&h, "Back to the dashboard");
	html_close_to(&h, HE_P);
	layout_end(&h);
}
