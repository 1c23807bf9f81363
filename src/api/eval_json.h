/* SPDX-License-Identifier: ISC */
/*
 * Evaluation results and their explanation trees as JSON, written
 * straight into a struct buf with the streaming writer (json_out.h):
 * the same objects assess_result_json builds with jansson, at a
 * fraction of the cost, so `attest eval --json` over every
 * jurisdiction streams instead of building one tree of millions of
 * objects.
 */
#ifndef AT_API_EVAL_JSON_H
#define AT_API_EVAL_JSON_H

#include "core/date.h"
#include "rules/rules.h"

struct buf;

/* The explanation tree n (null for NULL): step, outcome, id, citation,
 * title, section or docket, type or kind, excerpt or summary,
 * valid_from, valid_to, reason, steps; absent values are left out. */
void eval_json_explanation(struct buf *b, const struct rules_node *n);

/* One result: jurisdiction, condition, as_of, interpretation, outcome,
 * underlying_outcome (only when not_enforced), explanation (when r has
 * one). */
void eval_json_result(struct buf *b, const char *jurisdiction,
    const char *target, struct at_date as_of, const char *interpretation,
    const struct rules_result *r);

#endif
