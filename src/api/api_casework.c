/* SPDX-License-Identifier: ISC */
/*
 * The API's writes of case work: propose a finding, approve or return
 * it, record an action on an award.  The work is casework/'s, the same
 * code as `attest review`, `attest action` and the web's forms; this
 * file turns JSON inputs (already checked against the route's
 * declaration) into its arguments and its answer into JSON.  A refusal
 * writes nothing and answers with a stable code: bad_request,
 * not_found, conflict, self_approval (the proposer may not decide),
 * enjoined (a ruling stops the condition; "ruling" names it).
 */
#include "api/api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/json_out.h"
#include "views/views.h"
#include "casework/casework_action.h"
#include "casework/casework_funds.h"
#include "casework/casework_review.h"
#include "core/date.h"
#include "store/store.h"
#include "store/store_cases.h"

static void
refuse(struct web_resp *w, enum at_err er, const char *denied_code,
    const struct at_diag *d, const char *ruling)
{
	const char *msg = d->msg[0] != '\0' ? d->msg : at_strerror(er);

	switch (er) {
	case AT_EINVAL:
		api_error(w, 400, "bad_request", msg);
		return;
	case AT_NOTFOUND:
		api_error(w, 404, "not_found", msg);
		return;
	case AT_CONFLICT:
		api_error(w, 409, "conflict", msg);
		return;
	case AT_DENIED:
		api_error(w, 403, denied_code, msg);
		if (ruling != NULL && ruling[0] != '\0') {
			/* The same answer with the ruling named on its own. */
			buf_reset(&w->body);
			buf_puts(&w->body, "{\"error\":{\"code\":");
			json_put_str(&w->body, denied_code);
			buf_puts(&w->body, ",\"message\":");
			json_put_str(&w->body, msg);
			buf_puts(&w->body, ",\"ruling\":");
			json_put_str(&w->body, ruling);
			buf_puts(&w->body, "}}\n");
		}
		return;
	default:
		api_error(w, 500, "storage", "the database could not be "
		    "written; nothing was changed");
		return;
	}
}

static void
answer(struct web_resp *w, int status)
{
	buf_reset(&w->body);
	w->status = status;
	w->ctype = "application/json";
}

void
api_review_propose(struct web_req *r, struct web_resp *w)
{
	struct casework_proposal p;
	struct at_diag d;
	char id[128];
	char *expl = NULL;
	enum at_err er;

	at_diag_clear(&d);
	er = review_propose_req(r, &p, id, sizeof(id), &expl, &d);
	if (er != AT_OK) {
		refuse(w, er, "denied", &d, NULL);
		return;
	}
	answer(w, 201);
	buf_puts(&w->body, "{\"id\":");
	json_put_str(&w->body, id);
	buf_puts(&w->body, ",\"certification\":");
	json_put_str(&w->body, p.certification);
	buf_puts(&w->body, ",\"finding\":");
	json_put_str(&w->body, p.finding);
	buf_puts(&w->body, ",\"status\":\"proposed\",\"proposer\":");
	json_put_str(&w->body, p.proposer);
	buf_puts(&w->body, ",\"explanation\":");
	if (expl != NULL)
		json_put_str(&w->body, expl);
	else
		buf_puts(&w->body, "null");
	buf_puts(&w->body, "}\n");
	free(expl);
}

void
api_review_decide(struct web_req *r, struct web_resp *w)
{
	struct store_review rv;
	struct at_diag d;
	bool approve;
	enum at_err er;

	at_diag_clear(&d);
	er = review_decide_req(r, &approve, &rv, &d);
	if (er != AT_OK) {
		store_review_fini(&rv);
		refuse(w, er, "self_approval", &d, NULL);
		return;
	}
	answer(w, 200);
	buf_puts(&w->body, "{\"id\":");
	json_put_str(&w->body, rv.id);
	buf_puts(&w->body, ",\"status\":");
	json_put_str(&w->body, approve ? "approved" : "returned");
	buf_puts(&w->body, ",\"finding\":");
	json_put_str(&w->body, rv.finding);
	buf_puts(&w->body, ",\"proposer\":");
	json_put_str(&w->body, rv.proposer);
	buf_puts(&w->body, ",\"decider\":");
	json_put_str(&w->body, r->user.name);
	buf_puts(&w->body, "}\n");
	store_review_fini(&rv);
}

void
api_action_add(struct web_req *r, struct web_resp *w)
{
	struct casework_action a;
	struct at_diag d;
	char id[200], ruling[80];
	enum at_err er;

	at_diag_clear(&d);
	er = review_action_req(r, &a, id, sizeof(id), ruling, sizeof(ruling),
	    &d);
	if (er != AT_OK) {
		refuse(w, er, "enjoined", &d, ruling);
		return;
	}
	answer(w, 201);
	buf_puts(&w->body, "{\"id\":");
	json_put_str(&w->body, id);
	buf_puts(&w->body, ",\"kind\":");
	json_put_str(&w->body, a.kind);
	buf_puts(&w->body, ",\"award\":");
	json_put_str(&w->body, a.award);
	buf_puts(&w->body, ",\"amount\":");
	if (a.amount != NULL)
		json_put_str(&w->body, a.amount);
	else
		buf_puts(&w->body, "null");
	buf_puts(&w->body, "}\n");
}

/* ---- funds at risk ---- */

static void
json_sum(struct buf *b, const char *key, const struct cases_sum *s)
{
	json_put_key(b, key);
	buf_puts(b, "{\"known_cents\":");
	if (s->nknown > 0)
		json_put_int(b, s->known);
	else
		buf_puts(b, "null"); /* nothing known: not 0 */
	buf_puts(b, ",\"known\":");
	json_put_int(b, (int64_t)s->nknown);
	buf_puts(b, ",\"unknown\":");
	json_put_int(b, (int64_t)s->nunknown);
	buf_putc(b, '}');
}

/* One row of the export; cents NULL-able via known. */
struct funds_item {
	const char *status, *jur, *jname, *program, *award, *action, *date,
	    *why;
	bool known;
	int64_t cents;
};

static void
csv_cell(struct buf *b, const char *s, bool last)
{
	/* Quoted always; a leading = + - @ gets a ' so a spreadsheet does
	 * not run it as a formula. */
	buf_putc(b, '"');
	if (s != NULL && (s[0] == '=' || s[0] == '+' || s[0] == '-' ||
	    s[0] == '@'))
		buf_putc(b, '\'');
	for (const char *p = s; p != NULL && *p != '\0'; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	buf_putc(b, '"');
	buf_puts(b, last ? "\r\n" : ",");
}

static void
put_item(struct buf *b, const struct funds_item *it, bool csv, bool first)
{
	if (csv) {
		char amt[40];

		if (it->known)
			(void)snprintf(amt, sizeof(amt), "%lld.%02lld",
			    (long long)(it->cents / 100),
			    (long long)(it->cents % 100));
		else
			(void)snprintf(amt, sizeof(amt), "unknown");
		csv_cell(b, it->status, false);
		csv_cell(b, it->jur, false);
		csv_cell(b, it->jname, false);
		csv_cell(b, it->program, false);
		csv_cell(b, it->award, false);
		csv_cell(b, amt, false);
		csv_cell(b, it->action, false);
		csv_cell(b, it->date, false);
		csv_cell(b, it->why, true);
		return;
	}
	if (!first)
		buf_putc(b, ',');
	buf_puts(b, "{\"status\":");
	json_put_str(b, it->status);
	buf_puts(b, ",\"jurisdiction\":");
	json_put_str(b, it->jur);
	buf_puts(b, ",\"jurisdiction_name\":");
	json_put_str(b, it->jname);
	buf_puts(b, ",\"program\":");
	json_put_str(b, it->program);
	buf_puts(b, ",\"award\":");
	json_put_str(b, it->award);
	buf_puts(b, ",\"amount_cents\":");
	if (it->known)
		json_put_int(b, it->cents);
	else
		buf_puts(b, "null");
	buf_puts(b, ",\"action\":");
	json_put_str(b, it->action);
	buf_puts(b, ",\"date\":");
	json_put_str(b, it->date);
	buf_puts(b, ",\"why\":");
	json_put_str(b, it->why);
	buf_putc(b, '}');
}

void
api_funds(struct web_req *r, struct web_resp *w)
{
	const char *fmt = web_arg(r, "format");
	bool csv = fmt != NULL && strcmp(fmt, "csv") == 0;
	struct casework_funds f;
	struct buf *b = &w->body;
	const char *as = web_arg(r, "as_of");
	struct at_date day = at_date_today();
	int64_t limit = web_num(r, "limit", 50), offset = web_num(r, "offset", 0);
	int64_t idx = 0, total;
	bool first = true;

	if (as != NULL)
		(void)at_date_parse_str(as, &day); /* checked by the router */
	if (casework_funds(r->store, day, &f) != AT_OK) {
		api_error(w, 500, "storage", "the database could not be read");
		return;
	}
	total = (int64_t)f.nacts;
	for (size_t i = 0; i < f.nrows; i++)
		total += f.rows[i].nawards > 0 ? (int64_t)f.rows[i].nawards : 1;
	answer(w, 200);
	if (csv) {
		w->ctype = "text/csv; charset=utf-8";
		w->disposition = "attachment; filename=\"funds-at-risk.csv\"";
		buf_puts(b, "status,jurisdiction,jurisdiction_name,program,"
		    "award,amount,action,date,why\r\n");
	} else {
		buf_puts(b, "{\"as_of\":");
		json_put_str(b, f.day);
		buf_puts(b, ",\"totals\":{");
		json_sum(b, "at_risk", &f.at_risk);
		buf_putc(b, ',');
		json_sum(b, "withheld", &f.withheld);
		buf_putc(b, ',');
		json_sum(b, "released", &f.released);
		buf_puts(b, "},\"total\":");
		json_put_int(b, total);
		buf_puts(b, ",\"offset\":");
		json_put_int(b, offset);
		buf_puts(b, ",\"limit\":");
		json_put_int(b, limit);
		buf_puts(b, ",\"items\":[");
	}
	for (size_t i = 0; i < f.nrows; i++) {
		const struct casework_funds_row *row = &f.rows[i];

		for (size_t k = 0; k < row->nawards || (k == 0 &&
		    row->nawards == 0); k++) {
			struct funds_item it = { "at_risk", row->jur,
				row->jname, row->program,
				row->nawards > 0 ? row->awards[k] : NULL, NULL,
				f.day, row->why,
				row->nawards > 0 && row->known[k],
				row->nawards > 0 ? row->cents[k] : 0 };

			if (idx++ >= offset && idx <= offset + limit) {
				put_item(b, &it, csv, first);
				first = false;
			}
		}
	}
	for (size_t i = 0; i < f.nacts; i++) {
		const struct casework_funds_act *a = &f.acts[i];
		struct funds_item it = { strcmp(a->kind, "release") == 0 ?
			"released" : "withheld", a->jur, a->jname, a->program,
			a->award, a->id, a->date, a->kind, a->known,
			a->cents };

		if (idx++ >= offset && idx <= offset + limit) {
			put_item(b, &it, csv, first);
			first = false;
		}
	}
	if (!csv)
		buf_puts(b, "]}\n");
	casework_funds_fini(&f);
}

/* ---- the audit log's verification status ---- */

void
api_audit_status(struct web_req *r, struct web_resp *w)
{
	struct audit_status st;
	struct buf *b = &w->body;

	if (audit_status_get(r, &st) != AT_OK) {
		api_error(w, 500, "storage", "the audit log could not be read");
		return;
	}
	answer(w, 200);
	buf_puts(b, "{\"ok\":");
	buf_puts(b, st.ok ? "true" : "false");
	buf_puts(b, ",\"entries\":");
	json_put_int(b, st.size);
	buf_puts(b, ",\"cached\":");
	buf_puts(b, st.cached ? "true" : "false");
	buf_puts(b, ",\"signatures_checked\":");
	buf_puts(b, st.signatures_checked ? "true" : "false");
	if (!st.ok) {
		buf_puts(b, ",\"bad_entry\":");
		if (st.bad_seq > 0)
			json_put_int(b, st.bad_seq);
		else
			buf_puts(b, "null");
		buf_puts(b, ",\"reason\":");
		json_put_str(b, st.reason);
		buf_puts(b, "}\n");
		return;
	}
	buf_puts(b, ",\"root\":");
	json_put_str(b, st.root);
	buf_puts(b, ",\"checkpoints\":");
	json_put_int(b, (int64_t)st.checkpoints);
	buf_puts(b, ",\"records\":");
	json_put_int(b, st.records);
	buf_puts(b, ",\"checkpoint\":");
	if (st.has_checkpoint) {
		buf_puts(b, "{\"size\":");
		json_put_int(b, (int64_t)st.cp_size);
		buf_puts(b, ",\"root\":");
		json_put_str(b, st.cp_root);
		buf_puts(b, ",\"time\":");
		json_put_str(b, st.cp_time);
		buf_putc(b, '}');
	} else
		buf_puts(b, "null");
	buf_puts(b, "}\n");
}

void
api_review_determine(struct web_req *r, struct web_resp *w)
{
	struct casework_determination c;
	struct at_diag d;
	char id[128];
	enum at_err er;

	at_diag_clear(&d);
	er = review_determine_req(r, &c, id, sizeof(id), &d);
	if (er != AT_OK) {
		refuse(w, er, "denied", &d, NULL);
		return;
	}
	answer(w, 201);
	buf_puts(&w->body, "{\"id\":");
	json_put_str(&w->body, id);
	buf_puts(&w->body, ",\"kind\":");
	json_put_str(&w->body, c.kind);
	buf_puts(&w->body, ",\"review\":");
	json_put_str(&w->body, c.review);
	buf_puts(&w->body, "}\n");
}
