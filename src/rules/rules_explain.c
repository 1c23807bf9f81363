/* SPDX-License-Identifier: ISC */
/*
 * Explanations as plain text: one step a line, indented by depth, each
 * with its outcome, what it names (id, citation, section, dates) and
 * its one-sentence reason.  JSON is built by the callers from the same
 * nodes (src/assess), keeping this module free of jansson.
 */
#include "rules/rules_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

static const char *const kind_names[RN__MAX] = {
	[RN_OUTCOME] = "outcome",
	[RN_CONDITION] = "condition",
	[RN_CLAUSE] = "clause",
	[RN_INTERPRETATION] = "interpretation",
	[RN_PROVISION] = "provision",
	[RN_RULING] = "ruling",
	[RN_NOTE] = "note",
};

const char *
rules_node_kind_name(enum rules_node_kind k)
{
	if ((int)k < 0 || k >= RN__MAX)
		abort();
	return kind_names[k];
}

static void
indent(struct buf *b, int depth)
{
	for (int i = 0; i < depth; i++)
		buf_puts(b, "  ");
}

static void
node_text(const struct rules_node *n, struct buf *b, int depth)
{
	indent(b, depth);
	if (n->kind != RN_OUTCOME) {
		buf_puts(b, rules_node_kind_name(n->kind));
		if (n->id != NULL)
			buf_printf(b, " %s", n->id);
	}
	if (n->kind == RN_PROVISION && n->type != NULL)
		buf_printf(b, " (%s)", n->type);
	if (n->citation != NULL && n->kind != RN_OUTCOME)
		buf_printf(b, ", %s", n->citation);
	if (n->section != NULL)
		buf_printf(b, " %s%s",
		    n->kind == RN_RULING	 ? "docket "
			: n->kind == RN_CONDITION ? "no. "
						  : "",
		    n->section);
	if (n->valid_from != NULL || n->valid_to != NULL)
		buf_printf(b, " [%s .. %s)",
		    n->valid_from != NULL ? n->valid_from : "",
		    n->valid_to != NULL ? n->valid_to : "");
	if (n->has_outcome && n->kind != RN_OUTCOME)
		buf_printf(b, ": %s", rules_outcome_name(n->outcome));
	if (n->kind != RN_OUTCOME)
		buf_puts(b, "\n");
	if (n->reason != NULL) {
		if (n->kind != RN_OUTCOME)
			indent(b, depth + 1);
		buf_printf(b, "%s\n", n->reason);
	}
	if (n->excerpt != NULL && n->kind == RN_PROVISION) {
		indent(b, depth + 1);
		buf_printf(b, "\"%s\"\n", n->excerpt);
	}
	for (const struct rules_node *c = n->child; c != NULL; c = c->next)
		node_text(c, b, depth + 1);
}

void
rules_explain_text(const struct rules_node *n, struct buf *b)
{
	if (n != NULL)
		node_text(n, b, 0);
}
