/* SPDX-License-Identifier: ISC */
/*
 * The audit log.  Every byte of data goes
 * out through html_text or an attribute, never as markup.
 */
#include "views/views.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit/audit.h"
#include "core/date.h"
#include "core/xalloc.h"
#include "model/model.h"
#include "render/render.h"
#include "store/store.h"
#include "store/store_cases.h"
#include "views/html.h"
#include "views/pages_int.h"

/* ---- verification status ---- */

/*
 * The last verification, by log size: verifying reads every entry, so a
 * page view reuses the answer until the log grows.  One process serves
 * one database, so one slot is enough; the lock also keeps two views
 * from verifying the same log at once.
 */
static pthread_mutex_t status_mu = PTHREAD_MUTEX_INITIALIZER;
static struct audit_status status_cache;
static bool status_valid;

static enum at_err
status_compute(struct web_req *r, int64_t size, struct audit_status *st)
{
	struct audit_verify *v = audit_verify_new(r->audit_pk);
	struct audit_checkpoint cp;
	uint8_t root[AUDIT_HASH_LEN];
	uint64_t count = 0;
	struct at_diag d;
	enum at_err er;

	memset(st, 0, sizeof(*st));
	st->size = size;
	st->signatures_checked = r->audit_pk != NULL;
	er = store_audit_verify(r->store, v, &count, root);
	if (er == AT_TAMPER) {
		st->ok = false;
		st->bad_seq = audit_verify_bad_seq(v);
		(void)snprintf(st->reason, sizeof(st->reason), "%s",
		    audit_verify_reason(v));
		er = AT_OK;
		goto out;
	}
	if (er != AT_OK)
		goto out;
	st->count = count;
	audit_hex(root, st->root);
	st->checkpoints = audit_verify_checkpoints(v);
	st->signed_size = audit_verify_signed_size(v);
	at_diag_clear(&d);
	er = store_audit_check_records(r->store, &st->records, &st->bad_seq,
	    &d);
	if (er == AT_TAMPER) {
		at_diag_format(&d, st->reason, sizeof(st->reason));
		er = AT_OK;
		goto out;
	}
	if (er != AT_OK)
		goto out;
	st->ok = true;
	memset(&cp, 0, sizeof(cp));
	if (store_checkpoint_last(r->store, &cp, NULL) == AT_OK &&
	    cp.size > 0) {
		st->has_checkpoint = true;
		st->cp_size = cp.size;
		audit_hex(cp.root, st->cp_root);
		(void)snprintf(st->cp_time, sizeof(st->cp_time), "%s",
		    cp.time);
	}
out:
	audit_verify_free(v);
	return er;
}

enum at_err
audit_status_get(struct web_req *r, struct audit_status *out)
{
	int64_t size = 0;
	struct audit_checkpoint cp;
	enum at_err er = store_audit_count(r->store, &size);

	if (er != AT_OK)
		return er;
	/* The server signs checkpoints after writes without growing the
	 * log: a new checkpoint is a new answer too. */
	memset(&cp, 0, sizeof(cp));
	er = store_checkpoint_last(r->store, &cp, NULL);
	if (er == AT_NOTFOUND)
		er = AT_OK;
	if (er != AT_OK && er != AT_TAMPER)
		return er;
	if (pthread_mutex_lock(&status_mu) != 0)
		abort();
	if (status_valid && status_cache.size == size &&
	    status_cache.cp_size == cp.size &&
	    status_cache.signatures_checked == (r->audit_pk != NULL)) {
		*out = status_cache;
		out->cached = true;
	} else {
		er = status_compute(r, size, out);
		if (er == AT_OK) {
			status_cache = *out;
			status_valid = true;
		}
	}
	(void)pthread_mutex_unlock(&status_mu);
	return er;
}

static void
status_section(struct html *h, struct web_req *r)
{
	struct audit_status st;

	section(h, "verification", "Verification");
	if (audit_status_get(r, &st) != AT_OK) {
		html_elem_text(h, HE_P, "The audit log could not be read.");
		return;
	}
	if (!st.ok) {
		html_open(h, HE_P, "class", "problem", "role", "alert", "id",
		    "verify-status", NULL);
		if (st.bad_seq > 0) {
			HTML_RAW(h, "FAILED at entry ");
			html_int(h, st.bad_seq);
			HTML_RAW(h, ": ");
		} else
			HTML_RAW(h, "FAILED: ");
		html_text(h, st.reason);
		html_close(h);
		return;
	}
	html_open(h, HE_P, "class", "ok", "id", "verify-status", NULL);
	HTML_RAW(h, "OK: ");
	html_int(h, (int64_t)st.count);
	HTML_RAW(h, " entries, root ");
	html_elem_text(h, HE_CODE, st.root);
	HTML_RAW(h, "; ");
	html_int(h, (int64_t)st.checkpoints);
	html_text(h, st.signatures_checked ? " checkpoints verified"
	                                   : " checkpoints checked "
	                                     "(signatures not checked: no "
	                                     "key)");
	HTML_RAW(h, "; ");
	html_int(h, st.records);
	HTML_RAW(h, " records match their newest audit entries.");
	html_close(h);
	html_open(h, HE_P, "id", "checkpoint", NULL);
	if (st.has_checkpoint) {
		HTML_RAW(h, "Latest signed checkpoint: ");
		html_int(h, (int64_t)st.cp_size);
		HTML_RAW(h, " entries, root ");
		html_elem_text(h, HE_CODE, st.cp_root);
		HTML_RAW(h, ", made ");
		html_text(h, st.cp_time);
		HTML_RAW(h, ".");
		if (st.cp_size < st.count) {
			HTML_RAW(h, " Entries ");
			html_int(h, (int64_t)st.cp_size + 1);
			HTML_RAW(h, " to ");
			html_int(h, (int64_t)st.count);
			HTML_RAW(h, " are not yet covered by a checkpoint.");
		}
	} else
		HTML_RAW(h, "No signed checkpoint yet.");
	html_close(h);
}

/* ---- audit log ---- */

struct audit_page {
	struct html *h;
	size_t left;
};

static int
audit_row_cb(void *ctx, const struct store_audit_row *e)
{
	struct audit_page *ap = ctx;
	struct html *h = ap->h;
	enum model_kind k;

	if (ap->left == 0)
		return 1;
	ap->left--;
	html_open(h, HE_TR, NULL);
	html_open(h, HE_TD, NULL);
	html_int(h, e->seq);
	html_close(h);
	html_elem_text(h, HE_TD, e->time);
	html_elem_text(h, HE_TD, e->actor);
	html_elem_text(h, HE_TD, e->verb);
	html_elem_text(h, HE_TD, e->kind);
	html_open(h, HE_TD, NULL);
	if (e->entity_id != NULL && model_kind_lookup(e->kind, &k) == AT_OK)
		link_rec(h, k, e->entity_id, NULL);
	else
		html_text(h, e->entity_id);
	html_close(h);
	html_open(h, HE_TD, NULL);
	html_open(h, HE_CODE, "title", e->hash, NULL);
	html_textn(h, e->hash, strlen(e->hash) > 12 ? 12 : strlen(e->hash));
	html_close_to(h, HE_TR);
	return 0;
}

static void
audit_link(struct buf *u, const void *ctx, int64_t pg)
{
	(void)ctx;
	buf_printf(u, "/audit?page=%lld", (long long)pg);
}

void
page_audit(struct web_req *r, struct web_resp *w)
{
	struct html h;
	struct audit_page ap;
	int64_t total = 0, pg = web_num(r, "page", 1), npages, from;

	if (store_audit_count(r->store, &total) != AT_OK) {
		page_error(r, w, 500, "The database could not be read");
		return;
	}
	npages = pager_pages(total, &pg);
	/* Page 1 is the newest entries. */
	from = total - pg * PAGE_ROWS + 1;
	ap.left = PAGE_ROWS;
	if (from < 1) {
		ap.left = (size_t)(PAGE_ROWS + from - 1);
		from = 1;
	}
	html_begin(w, &h);
	layout_begin(&h, r, "Audit log");
	html_elem_text(&h, HE_H1, "Audit log");
	html_open(&h, HE_P, NULL);
	buf_printf(&w->body, "%lld entries, each hashed with the one before; "
	    "`attest audit verify` checks the chain and its signed "
	    "checkpoints.", (long long)total);
	html_close(&h);
	status_section(&h, r);
	html_open(&h, HE_TABLE, "class", "list", NULL);
	HTML_RAW(&h, "<thead><tr><th scope=\"col\">seq</th><th scope=\"col\">"
		     "time</th><th scope=\"col\">actor</th><th scope=\"col\">"
		     "change</th><th scope=\"col\">kind</th><th scope=\"col\">"
		     "record</th><th scope=\"col\">hash</th></tr></thead>");
	html_open(&h, HE_TBODY, NULL);
	ap.h = &h;
	if (total > 0)
		(void)store_audit_each(r->store, from, audit_row_cb, &ap);
	html_close_to(&h, HE_TABLE);
	pager_nav(&h, pg, npages, audit_link, NULL, "\xe2\x86\x90 newer",
	    "older \xe2\x86\x92");
	layout_end(&h);
}
