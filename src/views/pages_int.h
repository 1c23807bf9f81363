/* SPDX-License-Identifier: ISC */
/*
 * What the record pages (pages_*.c) share and nothing else uses:
 * collecting records from the store, links to them and record tables.
 */
#ifndef AT_VIEWS_PAGES_INT_H
#define AT_VIEWS_PAGES_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/err.h"
#include "model/model.h"
#include "store/store.h"
#include "views/web.h"

struct html;

#define PAGE_ROWS 50

/* Records collected from the store; each owned. */
struct rec_list {
	struct model_record **v;
	size_t n, cap;
};

/* Append a copy of r. */
void rl_push(struct rec_list *l, const struct model_record *r);
void rl_free(struct rec_list *l);

/* Records of kind whose field equals (or, for lists, contains) val; or
 * names one of among's ids when among is not NULL.  field NULL: all. */
enum at_err collect(struct store *s, enum model_kind kind,
    const char *field, const char *val, const struct rec_list *among,
    struct rec_list *out);

/* The page address of a record. */
void rec_href(struct buf *b, enum model_kind kind, const char *id);
/* A link to a record, labelled label (or its id when NULL). */
void link_rec(struct html *h, enum model_kind kind, const char *id,
    const char *label);
/* Field i of r as text, references as links. */
void put_value(struct html *h, const struct model_record *r, size_t i);
/* A table of records with a caption. */
void rec_table(struct html *h, enum model_kind kind,
    struct model_record *const *v, size_t n, const char *caption);
/* A 200 text/html response, with h writing into its body. */
void html_begin(struct web_resp *w, struct html *h);

/* Every field of rec as a definition list. */
void rec_fields(struct html *h, const struct model_record *rec);
/* rec's audit history, for staff only. */
void rec_history(struct html *h, const struct web_req *r,
    const struct model_record *rec);
/* Links to notice n's letter (page and PDF), when r's visitor may read
 * it; nothing otherwise. */
void letter_links(struct html *h, const struct web_req *r,
    const struct model_record *n);
/* For staff and the certifying recipient: certification c's check (on
 * time or late, complete or not) and its documents with their SHA-256,
 * each a download link. */
void cert_received(struct html *h, const struct web_req *r,
    const struct model_record *c);

/* The number of PAGE_ROWS pages n rows fill (at least one), with *pg
 * (from 1) brought down to the last. */
int64_t pager_pages(int64_t n, int64_t *pg);
/* Append to u the address of page pg of a list (ctx is the caller's). */
typedef void (*pager_link_fn)(struct buf *u, const void *ctx, int64_t pg);
/* A list's pager: "page pg of npages" between links to the pages before
 * and after, labelled prev and next, addressed by link. */
void pager_nav(struct html *h, int64_t pg, int64_t npages, pager_link_fn link,
    const void *ctx, const char *prev, const char *next);

/* A section heading with an anchor. */
void section(struct html *h, const char *id, const char *title);
/* The evidence section of jurisdiction id's page (pages_evidence.c):
 * nothing when no evidence is loaded for it. */
void jur_evidence(struct html *h, struct store *s, const char *id);
/* Whether any detainer record is placed in jurisdiction id's county
 * (pages_detainers.c). */
bool detainers_any(struct store *s, const char *id);

#endif
