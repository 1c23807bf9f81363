/* SPDX-License-Identifier: ISC */
/*
 * attest summary: what a database holds, for a person: the count of
 * each kind, then for every jurisdiction that received a notice its
 * awards and its history (notices with due dates, certifications,
 * actions) in date order.
 */
#include "cli/cli.h"
#include "cli/cmds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "store/store.h"

struct item {
	char *jur;  /* owned: jurisdiction id */
	char *date; /* owned: YYYY-MM-DD or "" */
	char *text; /* owned: one line */
};

struct items {
	struct item *v; /* owned */
	size_t n, cap;
	struct store *s;
};

static void
push(struct items *it, const char *jur, const char *date, char *text)
{
	if (it->n == it->cap) {
		it->cap = it->cap == 0 ? 64 : it->cap * 2;
		it->v = xreallocarray(it->v, it->cap, sizeof(*it->v));
	}
	it->v[it->n].jur = xstrdup(jur);
	it->v[it->n].date = xstrdup(date != NULL ? date : "");
	it->v[it->n].text = text;
	it->n++;
}

static const char *
f(const struct model_record *r, const char *name)
{
	int i = model_field_index(r->kind, name);
	const char *v = i < 0 ? NULL : model_record_text(r, (size_t)i);

	return v != NULL ? v : "";
}

static int
take(void *ctx, const struct model_record *r)
{
	struct items *it = ctx;
	struct buf b;
	const char *jur = f(r, "jurisdiction");

	buf_init(&b, 4096);
	switch (r->kind) {
	case KIND_NOTICE:
		buf_printf(&b, "notice %-22s %s", f(r, "kind"),
		    model_record_id(r));
		if (f(r, "due_date")[0] != '\0')
			buf_printf(&b, ", response due %s", f(r, "due_date"));
		break;
	case KIND_CERTIFICATION:
		buf_printf(&b, "certification %s", model_record_id(r));
		if (f(r, "signer")[0] != '\0')
			buf_printf(&b, " signed by %s", f(r, "signer"));
		if (f(r, "authority")[0] != '\0')
			buf_printf(&b, " (%s)", f(r, "authority"));
		break;
	case KIND_ACTION:
		buf_printf(&b, "action %s %s", f(r, "kind"),
		    f(r, "award")[0] != '\0' ? f(r, "award") : "");
		buf_printf(&b, ", amount %s",
		    f(r, "amount")[0] != '\0' ? f(r, "amount") : "unknown");
		break;
	case KIND_AWARD: {
		struct model_record *ag = NULL;

		if (store_record_get(it->s, KIND_AGENCY, f(r, "agency"), &ag) !=
		    AT_OK) {
			buf_fini(&b);
			return 0;
		}
		jur = f(ag, "jurisdiction");
		buf_printf(&b, "award  %s %s FY%s to %s, amount %s",
		    model_record_id(r), f(r, "program"), f(r, "fiscal_year"),
		    f(r, "agency"),
		    f(r, "amount")[0] != '\0' ? f(r, "amount") : "unknown");
		push(it, jur, f(r, "award_date"), buf_detach(&b, NULL));
		model_record_free(ag);
		return 0;
	}
	default:
		break;
	}
	push(it, jur, f(r, "date"), buf_detach(&b, NULL));
	return 0;
}

static int
cmp_item(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	int c = strcmp(x->jur, y->jur);

	if (c != 0)
		return c;
	return strcmp(x->date, y->date);
}

static bool
has_notice(const struct items *it, const char *jur)
{
	for (size_t i = 0; i < it->n; i++)
		if (strcmp(it->v[i].jur, jur) == 0 &&
		    strncmp(it->v[i].text, "notice", 6) == 0)
			return true;
	return false;
}

int
cmd_summary(struct cli_ctx *ctx)
{
	static const struct cli_opt opts[] = { { NULL, NULL, NULL, NULL } };
	const char *pos[1];
	size_t npos;
	int rc;
	struct store *s = NULL;
	struct items it;
	int64_t n, audit = 0;
	const char *last = "";

	if (cli_parse(ctx, opts, "", pos, 0, &npos, &rc) != 0)
		return rc;
	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		return rc;
	printf("%s holds:\n\n  %-16s %9s\n", ctx->db_url, "kind", "records");
	for (int k = 0; k < KIND__MAX; k++) {
		if (store_record_count(s, (enum model_kind)k, &n) != AT_OK)
			n = -1;
		printf("  %-16s %9lld\n", model_kind_desc((enum model_kind)k)->name,
		    (long long)n);
	}
	(void)store_audit_count(s, &audit);
	printf("  %-16s %9lld\n", "audit entries", (long long)audit);

	memset(&it, 0, sizeof(it));
	it.s = s;
	(void)store_record_each(s, KIND_AWARD, NULL, take, &it);
	(void)store_record_each(s, KIND_NOTICE, NULL, take, &it);
	(void)store_record_each(s, KIND_CERTIFICATION, NULL, take, &it);
	(void)store_record_each(s, KIND_ACTION, NULL, take, &it);
	qsort(it.v, it.n, sizeof(*it.v), cmp_item);
	if (it.n > 0)
		printf("\nThe process, by jurisdiction, in date order:\n");
	for (size_t i = 0; i < it.n; i++) {
		struct item *x = &it.v[i];

		if (!has_notice(&it, x->jur))
			continue;
		if (strcmp(x->jur, last) != 0) {
			struct model_record *j = NULL;

			if (store_record_get(s, KIND_JURISDICTION, x->jur, &j) ==
			    AT_OK) {
				printf("\n%s (%s)\n", model_record_text(j, 1),
				    x->jur);
				model_record_free(j);
			} else
				printf("\n%s\n", x->jur);
			last = x->jur;
		}
		printf("  %-10s %s\n", x->date[0] != '\0' ? x->date : "(no date)",
		    x->text);
	}
	for (size_t i = 0; i < it.n; i++) {
		free(it.v[i].jur);
		free(it.v[i].date);
		free(it.v[i].text);
	}
	free(it.v);
	store_close(s);
	return CLI_OK;
}
