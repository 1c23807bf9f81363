/* SPDX-License-Identifier: ISC */
/*
 * What a page or API handler sees of a request and fills in of a
 * response, and the route table they are reached by.  This header knows
 * nothing of libmicrohttpd: src/http decodes the request, checks the
 * route's method, role and declared inputs, and only then calls a
 * handler, so a handler reads validated values and writes bytes.
 *
 * The route table (web.c) is the one list of what the site answers: the
 * router matches it, links are built from it, the role matrix test walks
 * it and /api/v1/openapi.json is generated from it, so they cannot drift.
 */
#ifndef AT_VIEWS_WEB_H
#define AT_VIEWS_WEB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "store/store_users.h"

struct store;
struct map_data;
struct rules_set;

enum page {
	PAGE_HOME,		/* dashboard */
	PAGE_JURISDICTIONS,	/* searchable list */
	PAGE_JURISDICTION,	/* one jurisdiction */
	PAGE_MAP,		/* SVG map of states and counties */
	PAGE_ICS,		/* deadlines as an iCalendar feed */
	PAGE_RECORDS,		/* any kind, as a table */
	PAGE_RECORD,		/* any record */
	PAGE_AUDIT,		/* the audit log */
	PAGE_REVIEWS,		/* the review queue */
	PAGE_LOGIN_FORM,
	PAGE_LOGIN,
	PAGE_LOGOUT,
	PAGE_USERS,		/* admin: people and roles */
	PAGE_USER_ADD,
	PAGE_PORTAL,		/* a recipient's own jurisdiction */
	PAGE_CSS,
	PAGE_ICON,
	PAGE_API_INDEX,
	PAGE_API_OPENAPI,
	PAGE_API_HEALTH,	/* small fixed answer */
	PAGE_API_ME,
	PAGE_API_AUDIT,
	PAGE_API_USERS,
	PAGE_API_USER_ADD,
	PAGE_API_OUTCOMES,	/* rules engine results */
	PAGE_API_REVIEWS,	/* the review queue */
	PAGE_REVIEW_PROPOSE,	/* form: propose a finding */
	PAGE_REVIEW_DECIDE,	/* form: approve or return a finding */
	PAGE_ACTION_ADD,	/* form: withhold, release, ... */
	PAGE_API_REVIEW_PROPOSE,
	PAGE_API_REVIEW_DECIDE,
	PAGE_API_ACTION_ADD,
	PAGE_LETTER,		/* a notice's letter, as a page */
	PAGE_LETTER_PDF,	/* the same letter as a PDF download */
	PAGE_PORTAL_CERTIFY,	/* a recipient submits a certification */
	PAGE_DOCUMENT,		/* a certification's document, downloaded */
	PAGE_API_LETTER,	/* a letter: text, hashes, links */
	PAGE_API_LETTER_PDF,
	PAGE_API_CERTIFY,	/* multipart: a certification and its files */
	PAGE_API_DOCUMENT,
	PAGE_FUNDS,		/* funds at risk, withheld, released */
	PAGE_API_FUNDS,
	PAGE_API_AUDIT_STATUS,	/* the log's verification status */
	PAGE_REVIEW_DETERMINE,	/* form: the agency's determination */
	PAGE_API_REVIEW_DETERMINE,
	PAGE_DETAINERS,		/* a jurisdiction's detainer records */
	PAGE_API_DETAINERS,
	/* Patterns last: the router tries routes in this order. */
	PAGE_API_LIST,		/* /api/v1/{kind} */
	PAGE_API_GET,		/* /api/v1/{kind}/{id} */
	PAGE__MAX
};

enum web_method { WM_GET, WM_POST };

/* Types of declared inputs; each has one validator in http/valid.c. */
enum web_ptype {
	WP_TEXT,     /* one line of clean UTF-8 */
	WP_LONGTEXT, /* clean UTF-8, newlines allowed */
	WP_INT,	     /* integer in [min, max] */
	WP_DATE,     /* YYYY-MM-DD */
	WP_ENUM,     /* one of choices */
	WP_NAME,     /* a user name */
	WP_SECRET,   /* a password: clean UTF-8, one line */
};

struct web_param {
	const char *name;
	enum web_ptype type;
	bool required;
	size_t max_len;		    /* bytes */
	int64_t min, max;	    /* WP_INT */
	const char *const *choices; /* WP_ENUM, NULL-terminated */
	const char *help;	    /* for openapi.json */
};

#define WEB_PARAMS_MAX 12
#define WEB_SEGS_MAX   2

/* Bit per role, for a route's allowed set. */
#define WR(r)	    (1u << (r))
#define WR_ALL	    (WR(ROLE_PUBLIC) | WR(ROLE_RECIPIENT) | WR(ROLE_REVIEWER) | \
	WR(ROLE_APPROVER) | WR(ROLE_ADMIN))
#define WR_SIGNED   (WR_ALL & ~WR(ROLE_PUBLIC))
#define WR_STAFF    (WR(ROLE_REVIEWER) | WR(ROLE_APPROVER) | WR(ROLE_ADMIN))

struct web_route {
	enum web_method method;
	const char *pattern;	/* "/jurisdictions/{id}": {x} is one segment */
	unsigned roles;		/* WR() bits allowed */
	bool is_api;		/* JSON errors, bearer tokens */
	bool is_form;		/* POST with a CSRF token */
	const struct web_param *params; /* declared inputs, NULL-name ended */
	const char *summary;	/* one line, for docs and openapi.json */
	/* Names of the file parts a multipart/form-data POST may carry,
	 * NULL-terminated; NULL for routes that take no files.  An API
	 * route with files takes multipart/form-data instead of JSON. */
	const char *const *files;
};

#define WEB_FILES_MAX 3			  /* file parts in one request */
#define WEB_FILE_MAX  (8u * 1024 * 1024) /* bytes of one; CASES_DOC_MAX */

/* One uploaded file, as src/http received it. */
struct web_file {
	const char *field;    /* the part's name, one of the route's files */
	const char *filename; /* as the client gave it; may be "" */
	const char *bytes;    /* len bytes, owned by the server */
	size_t len;
	bool too_large;	      /* cut off at WEB_FILE_MAX bytes */
};

/* The route table, indexed by enum page. */
const struct web_route *web_route(enum page p);

struct web_req {
	enum page page;
	const char *path;		 /* decoded path, borrowed */
	const char *seg[WEB_SEGS_MAX];	 /* {x} segments, owned by the server */
	const char *vals[WEB_PARAMS_MAX]; /* by route param index; NULL absent */
	int64_t nums[WEB_PARAMS_MAX];	 /* WP_INT values */
	struct user user;		 /* role ROLE_PUBLIC if nobody */
	char csrf[72];			 /* token for forms on this page */
	struct store *store;		 /* borrowed for the request */
	const struct map_data *map;	 /* borrowed, process lifetime */
	const struct rules_set *rules;	 /* borrowed; NULL if not loaded */
	const char *flash;		 /* a message to show, or NULL */
	const uint8_t *audit_pk;	 /* the log's public key, or NULL */
	const char *data_dir;		 /* templates/ lives here; borrowed */
	const struct web_file *files;	 /* nfiles uploaded files, borrowed */
	size_t nfiles;
	const char *accept;		 /* the Accept header, or NULL;
					  * borrowed for the request */
};

#define WEB_BODY_MAX (64u * 1024 * 1024)

struct web_resp {
	int status;		 /* HTTP status, 200 by default */
	const char *ctype;	 /* static string */
	struct buf body;
	char location[512];	 /* redirect target for 303, or "" */
	char cookie[256];	 /* Set-Cookie value, or "" */
	const char *disposition; /* Content-Disposition, static, or NULL */
	const char *cache;	 /* Cache-Control, static, or NULL */
	char disp_buf[192];	 /* storage disposition may point to */
	int64_t retry_after;	 /* Retry-After seconds (429), or 0 */
	char link[1024];	 /* a Link header's value (a list's first,
				  * previous and next pages), or "" */
	const char *note;	 /* static; ends the request's log line, or NULL */
};

/* Value of declared input name, or NULL when absent. */
const char *web_arg(const struct web_req *r, const char *name);
/* Integer value of declared WP_INT input name, or def when absent. */
int64_t web_num(const struct web_req *r, const char *name, int64_t def);

/* Append the path of page p, with segment values a and b (either may be
 * NULL) percent-encoded, to out. */
void web_link(struct buf *out, enum page p, const char *a, const char *b);

#endif
