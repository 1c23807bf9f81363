/* SPDX-License-Identifier: ISC */
/*
 * Results and explanations as streamed JSON (see eval_json.h).
 */
#include "api/eval_json.h"

#include <stdbool.h>

#include "api/json_out.h"
#include "core/buf.h"

/* ,"key":"value" when value is not NULL; first says no comma yet. */
static void
field(struct buf *b, bool *first, const char *key, const char *val)
{
	if (val == NULL)
		return;
	if (!*first)
		buf_putc(b, ',');
	*first = false;
	json_put_key(b, key);
	json_put_str(b, val);
}

void
eval_json_explanation(struct buf *b, const struct rules_node *n)
{
	bool first = true, ruling;

	if (n == NULL) {
		buf_puts(b, "null");
		return;
	}
	ruling = n->kind == RN_RULING;
	buf_putc(b, '{');
	field(b, &first, "step", rules_node_kind_name(n->kind));
	if (n->has_outcome)
		field(b, &first, "outcome", rules_outcome_name(n->outcome));
	field(b, &first, "id", n->id);
	field(b, &first, "citation", n->citation);
	field(b, &first, "title", n->title);
	field(b, &first, ruling ? "docket" : "section", n->section);
	field(b, &first, ruling ? "kind" : "type", n->type);
	field(b, &first, ruling ? "summary" : "excerpt", n->excerpt);
	field(b, &first, "valid_from", n->valid_from);
	field(b, &first, "valid_to", n->valid_to);
	field(b, &first, "reason", n->reason);
	if (n->child != NULL) {
		if (!first)
			buf_putc(b, ',');
		json_put_key(b, "steps");
		buf_putc(b, '[');
		for (const struct rules_node *c = n->child; c != NULL;
		     c = c->next) {
			if (c != n->child)
				buf_putc(b, ',');
			eval_json_explanation(b, c);
		}
		buf_putc(b, ']');
	}
	buf_putc(b, '}');
}

void
eval_json_result(struct buf *b, const char *jurisdiction, const char *target,
    struct at_date as_of, const char *interpretation,
    const struct rules_result *r)
{
	char day[AT_DATE_LEN];
	bool first = true;

	at_date_format(as_of, day);
	buf_putc(b, '{');
	field(b, &first, "jurisdiction", jurisdiction);
	field(b, &first, "condition", target);
	field(b, &first, "as_of", day);
	field(b, &first, "interpretation", interpretation);
	field(b, &first, "outcome", rules_outcome_name(r->outcome));
	if (r->outcome == RULES_NOT_ENFORCED)
		field(b, &first, "underlying_outcome",
		    rules_outcome_name(r->underlying));
	if (r->explanation != NULL) {
		buf_putc(b, ',');
		json_put_key(b, "explanation");
		eval_json_explanation(b, r->explanation);
	}
	buf_putc(b, '}');
}
