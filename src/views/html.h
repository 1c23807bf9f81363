/* SPDX-License-Identifier: ISC */
/*
 * THE writer of HTML (after kcgi's kcgihtml): every page goes through
 * it.  Text and attribute values are escaped on every byte (& < > " '),
 * bad UTF-8 becomes U+FFFD and control characters are dropped, so no
 * data can open a tag or leave an attribute.  Elements open and close
 * through an enum-indexed stack, so nesting is right by construction.
 * Literal markup goes only through HTML_RAW, which accepts string
 * literals and nothing else.
 *
 * It does not check that a document is valid HTML beyond nesting.
 */
#ifndef AT_VIEWS_HTML_H
#define AT_VIEWS_HTML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct buf;

enum html_elem {
	HE_HTML, HE_HEAD, HE_TITLE, HE_META, HE_LINK, HE_BODY, HE_HEADER,
	HE_NAV, HE_MAIN, HE_FOOTER, HE_SECTION, HE_DIV, HE_SPAN, HE_P, HE_A,
	HE_H1, HE_H2, HE_H3, HE_UL, HE_OL, HE_LI, HE_DL, HE_DT, HE_DD,
	HE_TABLE, HE_CAPTION, HE_THEAD, HE_TBODY, HE_TR, HE_TH, HE_TD,
	HE_FORM, HE_FIELDSET, HE_LEGEND, HE_LABEL, HE_INPUT, HE_SELECT,
	HE_OPTION, HE_BUTTON, HE_TEXTAREA, HE_STRONG, HE_EM, HE_SMALL,
	HE_CODE, HE_PRE, HE_TIME, HE_BR, HE_SVG, HE_G, HE_PATH, HE_SVGTITLE,
	HE_DETAILS, HE_SUMMARY,
	HE_RECT, HE_LINE, HE_SVGTEXT, HE_POLYLINE, /* SVG charts (evidence) */
	HE__MAX
};

#define HTML_DEPTH_MAX 64

struct html {
	struct buf *b;			   /* borrowed; where markup goes */
	enum html_elem stack[HTML_DEPTH_MAX];
	size_t depth;
};

void html_init(struct html *h, struct buf *b);

/*
 * Open element e with attributes given as name, value pairs ended by
 * NULL; names must be literals, values are escaped; a NULL value... is
 * not allowed (the list would end).  Void elements (meta, link, input,
 * br, path) are not pushed.
 */
void html_open(struct html *h, enum html_elem e, ...);
/* Open e with attributes from arrays (n pairs); for computed lists. */
void html_openv(struct html *h, enum html_elem e, const char *const *names,
    const char *const *vals, size_t n);
/* Close the innermost open element. */
void html_close(struct html *h);
/* Close elements until e (inclusive) is closed. */
void html_close_to(struct html *h, enum html_elem e);
/* Close everything. */
void html_close_all(struct html *h);

/* Escaped text; NULL writes nothing. */
void html_text(struct html *h, const char *s);
void html_textn(struct html *h, const char *s, size_t len);
void html_int(struct html *h, int64_t v);
/* open e, write text s, close */
void html_elem_text(struct html *h, enum html_elem e, const char *s);

/* Literal markup.  Only string literals compile: "" s "" fails for any
 * other expression. */
#define HTML_RAW(h, s) html_raw_((h), "" s "", sizeof(s) - 1)
void html_raw_(struct html *h, const char *lit, size_t len);

/* Escape s (len bytes) into b as HTML text or attribute value. */
void html_escape(struct buf *b, const char *s, size_t len);

/*
 * URL building for links: percent-encode s into b as a path segment or
 * query value (unreserved bytes kept).  The result is then an attribute
 * value like any other and is escaped again by html_open.
 */
void url_encode(struct buf *b, const char *s);

/* true if url starts with http://, https:// or mailto: (links to data
 * from outside are shown only then). */
bool url_scheme_ok(const char *url);

#endif
