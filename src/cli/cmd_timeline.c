/* SPDX-License-Identifier: ISC */
/*
 * attest timeline JURISDICTION: the case history of one jurisdiction in
 * date order: every step of the cases of its notices (issued, awaiting,
 * extended, received on time or late, reviewed, determined, acted on,
 * withdrawn), the certifications it gave, actions on its awards, the
 * rulings that name it (or its state, for a ruling on a state and its
 * subdivisions), the lists that named it and the dated events of the
 * record.  Steps of one day keep the
 * order they were recorded in.  JURISDICTION is a FIPS code or a name.
 */
#include "cli/cli.h"
#include "cli/cmds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "cases/cases.h"
#include "cli/cases_cli.h"
#include "core/buf.h"
#include "core/xalloc.h"
#include "store/store.h"
#include "store/store_cases.h"

struct entry {
	char date[AT_DATE_LEN];
	int rank;    /* orders kinds of entries on one day */
	int64_t seq; /* recording order within a kind */
	char *text;  /* owned */
};

struct tl {
	struct entry *v;
	size_t n;
	struct store *s;
	const char *jur;
	const struct model_record *notice; /* while walking its steps */
	const struct walk *walk;	    /* the kind being read */
	int64_t seq;
};

static void
add(struct tl *t, const char *date, int rank, int64_t seq, struct buf *b)
{
	t->v = xreallocarray(t->v, t->n + 1, sizeof(*t->v));
	memset(&t->v[t->n], 0, sizeof(t->v[t->n]));
	(void)snprintf(t->v[t->n].date, sizeof(t->v[t->n].date), "%s",
	    date != NULL ? date : "undated");
	t->v[t->n].rank = rank;
	t->v[t->n].seq = seq;
	t->v[t->n].text = buf_detach(b, NULL);
	if (t->v[t->n].text == NULL)
		t->v[t->n].text = xstrdup("");
	t->n++;
}

static int
cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(x->date, y->date);

	if (c != 0)
		return c;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int
on_step(void *ctx, const struct store_case_step *st)
{
	struct tl *t = ctx;
	const struct model_record *n = t->notice;
	enum cases_event ev;
	struct buf b;

	buf_init(&b, 16 * 1024);
	buf_printf(&b, "%s: ", st->notice);
	if (strcmp(st->event, "issue") == 0) {
		buf_printf(&b, "%s issued", cases_cli_get(n, "kind"));
		if (cases_cli_get(n, "sender") != NULL)
			buf_printf(&b, " by %s", cases_cli_get(n, "sender"));
		if (cases_cli_get(n, "agency") != NULL)
			buf_printf(&b, " to %s", cases_cli_get(n, "agency"));
		if (cases_cli_get(n, "conditions") != NULL)
			buf_printf(&b, "; conditions %s",
			    cases_cli_get(n, "conditions"));
		if (cases_cli_get(n, "awards") != NULL)
			buf_printf(
			    &b, "; awards %s", cases_cli_get(n, "awards"));
		if (cases_cli_get(n, "in_reply_to") != NULL)
			buf_printf(&b, "; in reply to %s",
			    cases_cli_get(n, "in_reply_to"));
	} else if (cases_event_parse(st->event, &ev) == AT_OK) {
		buf_puts(&b, cases_event_phrase(ev));
		if (ev == CASES_EV_AWAIT || ev == CASES_EV_DEMAND ||
		    ev == CASES_EV_EXTEND)
			buf_printf(&b, ", due %s (%s)",
			    st->due_date != NULL ? st->due_date : "?",
			    st->derivation != NULL ? st->derivation : "");
		if (ev == CASES_EV_RECEIVE && st->ref != NULL)
			buf_printf(&b, ": %s", st->ref);
		if (st->reason != NULL && ev != CASES_EV_AWAIT)
			buf_printf(&b, "%s%s",
			    ev == CASES_EV_RECEIVE ? ", " : " (", st->reason);
		if (st->reason != NULL && ev != CASES_EV_AWAIT &&
		    ev != CASES_EV_RECEIVE)
			buf_putc(&b, ')');
		buf_printf(&b, " [%s -> %s]",
		    st->from_state != NULL ? st->from_state : "-",
		    st->to_state);
	} else
		buf_printf(&b, "%s -> %s", st->event, st->to_state);
	buf_printf(&b, " -- %s", st->actor);
	add(t, st->on_date, 1, st->id, &b);
	return 0;
}

static int
on_notice(void *ctx, const struct model_record *r)
{
	struct tl *t = ctx;
	struct store_case c;
	const char *j = cases_cli_get(r, "jurisdiction");

	if (j == NULL || strcmp(j, t->jur) != 0)
		return 0;
	memset(&c, 0, sizeof(c));
	if (store_case_get(t->s, model_record_id(r), &c) == AT_OK) {
		t->notice = r;
		(void)store_case_step_each(
		    t->s, model_record_id(r), on_step, t);
		store_case_fini(&c);
	} else {
		struct buf b;

		buf_init(&b, 16 * 1024);
		buf_printf(&b, "%s: %s (recorded without a case)",
		    model_record_id(r), cases_cli_get(r, "kind"));
		if (cases_cli_get(r, "due_date") != NULL)
			buf_printf(
			    &b, ", due %s", cases_cli_get(r, "due_date"));
		add(t, cases_cli_get(r, "date"), 0, t->seq++, &b);
	}
	return 0;
}

/* Whether r's jurisdiction field is t's jurisdiction. */
static bool
names_jur(const struct tl *t, const struct model_record *r)
{
	const char *j = cases_cli_get(r, "jurisdiction");

	return j != NULL && strcmp(j, t->jur) == 0;
}

/* Rulings that name the jurisdiction, or its state for a ruling on a
 * state and its subdivisions. */
static bool
ruling_names(const struct tl *t, const struct model_record *r)
{
	const char *pl = cases_cli_get(r, "plaintiffs");
	const char *scope = cases_cli_get(r, "scope");
	char state[3];

	(void)snprintf(state, sizeof(state), "%.2s", t->jur);
	return cases_cli_list_has(pl, t->jur) ||
	    (scope != NULL && strcmp(scope, "state_and_subdivisions") == 0 &&
	        cases_cli_list_has(pl, state));
}

static void
say_cert(struct buf *b, const struct model_record *r)
{
	buf_puts(b, "certification");
	if (cases_cli_get(r, "signer") != NULL)
		buf_printf(b, " signed by %s", cases_cli_get(r, "signer"));
	buf_printf(b, " (authority %s, legal opinion %s)",
	    cases_cli_get(r, "authority") != NULL
	        ? cases_cli_get(r, "authority")
	        : "unknown",
	    cases_cli_get(r, "has_legal_opinion") != NULL
	        ? cases_cli_get(r, "has_legal_opinion")
	        : "unknown");
	if (cases_cli_get(r, "notice") != NULL)
		buf_printf(b, " answering %s", cases_cli_get(r, "notice"));
}

static void
say_action(struct buf *b, const struct model_record *r)
{
	buf_printf(b, "action %s", cases_cli_get(r, "kind"));
	if (cases_cli_get(r, "award") != NULL)
		buf_printf(b, " of award %s", cases_cli_get(r, "award"));
	buf_printf(b, ", amount %s",
	    cases_cli_get(r, "amount") != NULL ? cases_cli_get(r, "amount")
	                                       : "unknown");
	if (cases_cli_get(r, "condition") != NULL)
		buf_printf(b, ", condition %s", cases_cli_get(r, "condition"));
}

static void
say_event(struct buf *b, const struct model_record *r)
{
	buf_printf(b, "%s: %s", cases_cli_get(r, "kind"),
	    cases_cli_get(r, "title"));
}

static void
say_ruling(struct buf *b, const struct model_record *r)
{
	const char *scope = cases_cli_get(r, "scope");

	buf_printf(b, "%s, %s (%s)", cases_cli_get(r, "kind"),
	    cases_cli_get(r, "case_name"), cases_cli_get(r, "court"));
	if (cases_cli_get(r, "conditions") != NULL)
		buf_printf(b, "; conditions %s, scope %s",
		    cases_cli_get(r, "conditions"),
		    scope != NULL ? scope : "?");
}

static void
say_designation(struct buf *b, const struct model_record *r)
{
	buf_printf(b, "named in %s", cases_cli_get(r, "directive"));
	if (cases_cli_get(r, "label") != NULL)
		buf_printf(b, " as \"%s\"", cases_cli_get(r, "label"));
	buf_puts(b, " (a designation, not a finding)");
}

/* The kinds whose records are entries of their own, in the order they
 * are read: which records belong to the jurisdiction, what each says
 * after its id, and its rank among the entries of one day. */
static const struct walk {
	enum model_kind kind;
	int rank;
	bool (*names)(const struct tl *t, const struct model_record *r);
	void (*say)(struct buf *b, const struct model_record *r);
} walks[] = {
	{ KIND_CERTIFICATION, 0, names_jur, say_cert },
	{ KIND_ACTION, 2, names_jur, say_action },
	{ KIND_EVENT, 0, names_jur, say_event },
	{ KIND_RULING, 0, ruling_names, say_ruling },
	{ KIND_DESIGNATION, 0, names_jur, say_designation },
};

static int
on_record(void *ctx, const struct model_record *r)
{
	struct tl *t = ctx;
	struct buf b;

	if (!t->walk->names(t, r))
		return 0;
	buf_init(&b, 16 * 1024);
	buf_printf(&b, "%s: ", model_record_id(r));
	t->walk->say(&b, r);
	add(t, cases_cli_get(r, "date"), t->walk->rank, t->seq++, &b);
	return 0;
}

struct find_ctx {
	const char *name;
	char id[16];
	int hits;
};

static int
by_name(void *ctx, const struct model_record *r)
{
	struct find_ctx *f = ctx;
	const char *n = cases_cli_get(r, "name");

	if (n != NULL && strcasecmp(n, f->name) == 0) {
		(void)snprintf(f->id, sizeof(f->id), "%s", model_record_id(r));
		f->hits++;
	}
	return 0;
}

int
cmd_timeline(struct cli_ctx *ctx)
{
	bool json = false;
	const struct cli_opt opts[] = {
		{ "json", NULL, &json, "print the entries as a JSON array" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[1];
	size_t npos;
	int rc;
	struct store *s = NULL;
	struct model_record *j = NULL;
	struct tl t;
	struct find_ctx f;
	enum at_err er;

	if (cli_parse(ctx, opts, "JURISDICTION (FIPS code or name) [--json]",
	        pos, 1, &npos, &rc) != 0)
		return rc;
	if (npos != 1) {
		cli_err(ctx, "usage: attest timeline JURISDICTION");
		return CLI_USAGE;
	}
	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		return rc;
	memset(&f, 0, sizeof(f));
	if (store_record_get(s, KIND_JURISDICTION, pos[0], &j) != AT_OK) {
		f.name = pos[0];
		(void)store_record_each(
		    s, KIND_JURISDICTION, NULL, by_name, &f);
		if (f.hits != 1 ||
		    store_record_get(s, KIND_JURISDICTION, f.id, &j) != AT_OK) {
			if (f.hits > 1)
				cli_err(ctx,
				    "\"%s\" names %d jurisdictions; "
				    "give the FIPS code",
				    pos[0], f.hits);
			else
				cli_err(ctx, "no jurisdiction \"%s\"", pos[0]);
			store_close(s);
			return CLI_USAGE;
		}
	}
	memset(&t, 0, sizeof(t));
	t.s = s;
	t.jur = model_record_id(j);
	er = store_record_each(s, KIND_NOTICE, NULL, on_notice, &t);
	for (size_t i = 0; er == AT_OK && i < sizeof(walks) / sizeof(walks[0]);
	    i++) {
		t.walk = &walks[i];
		er = store_record_each(s, walks[i].kind, NULL, on_record, &t);
	}
	if (er == AT_OK) {
		if (t.n > 1)
			qsort(t.v, t.n, sizeof(*t.v), cmp);
		if (json) {
			json_t *a = json_array();
			char *js;

			if (a == NULL)
				abort();
			for (size_t i = 0; i < t.n; i++) {
				json_t *o = json_pack("{s:s, s:s, s:s}",
				    "jurisdiction", t.jur, "date", t.v[i].date,
				    "text", t.v[i].text);

				if (o == NULL ||
				    json_array_append_new(a, o) != 0)
					abort();
			}
			js = json_dumps(a, JSON_INDENT(2));
			json_decref(a);
			if (js == NULL)
				abort();
			printf("%s\n", js);
			free(js);
		} else {
			printf("timeline of %s (%s)\n",
			    cases_cli_get(j, "name"), t.jur);
			for (size_t i = 0; i < t.n; i++)
				printf("%s  %s\n", t.v[i].date, t.v[i].text);
			if (t.n == 0)
				printf("(nothing recorded)\n");
		}
	} else
		cli_err(ctx, "%s", at_strerror(er));
	for (size_t i = 0; i < t.n; i++)
		free(t.v[i].text);
	free(t.v);
	model_record_free(j);
	store_close(s);
	return cli_exit_for(er);
}
