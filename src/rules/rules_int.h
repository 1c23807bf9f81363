/* SPDX-License-Identifier: ISC */
/*
 * Private to src/rules: the bump arena everything is allocated from, the
 * generic statement tree the lexer builds, the compiled rule set and the
 * indexed facts.  Nothing here is seen outside the module.
 */
#ifndef AT_RULES_RULES_INT_H
#define AT_RULES_RULES_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "rules/rules.h"

/* ---- arena: many small allocations freed at once ---- */

struct rules_arena;

struct rules_arena *rarena_new(void);
void rarena_free(struct rules_arena *a);
void *rarena_alloc(struct rules_arena *a, size_t n);
char *rarena_strdup(struct rules_arena *a, const char *s);
char *rarena_strndup(struct rules_arena *a, const char *s, size_t n);
char *rarena_printf(struct rules_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ---- dates as day numbers; open ends are the extremes ---- */

#define RL_DAY_MIN INT32_MIN
#define RL_DAY_MAX INT32_MAX

/* Parse s (NULL or "" = open, giving dflt) into a day number. */
enum at_err rl_day_parse(const char *s, int32_t dflt, int32_t *out);
int32_t rl_day(struct at_date d);

/* ---- the statement tree (rules_lex.c) ---- */

struct rl_loc {
	const char *file; /* arena copy */
	long line, col;
};

struct rl_arg {
	const char *key;   /* NULL for a positional value */
	const char *val;   /* word or string contents */
	bool quoted;	   /* written as a string */
	struct rl_loc loc; /* of the key (or the value) */
};

struct rl_stmt {
	const char *kw;
	struct rl_loc loc;
	struct rl_arg *args;
	size_t nargs;
	bool has_block;
	struct rl_stmt *child; /* first statement of the block */
	struct rl_stmt *next;
};

/* Tokenise and build the tree of text into a; AT_EINVAL with d. */
enum at_err rl_lex_parse(struct rules_arena *a, const char *file,
    const char *text, size_t len, struct rl_stmt **out, struct at_diag *d);

/* Set d to "loc: message" and return AT_EINVAL. */
enum at_err rl_error(struct at_diag *d, const struct rl_loc *loc,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* ---- the compiled rule set (rules_parse.c) ---- */

#define RL_NTYPES 21 /* P01..P20 at 1..20; 0 unused */

enum rl_effect { EFF_NONE, EFF_CONFLICT, EFF_COMPLIES };
enum rl_role { ROLE_NONE, ROLE_SAVING, ROLE_SCOPE };

/* Parse "P01".."P20" into 1..20, or 0. */
int rl_type_parse(const char *s);

struct rl_reading {
	const char *interp; /* name, or "*" for every interpretation */
	size_t interp_ix;   /* resolved by finish; unused for "*" */
	uint8_t effect[RL_NTYPES];
	const char *reason[RL_NTYPES];
	uint32_t saved_by[RL_NTYPES]; /* bit t: a type-t provision saves */
	const char *save_reason[RL_NTYPES];
	struct rl_loc loc;
};

struct rl_version {
	int32_t from, to; /* [from, to) */
	const char *from_s, *to_s;
	const char *text;
	struct rl_reading *readings;
	size_t nreadings;
};

struct rl_requirement {
	const char *id, *citation, *title, *source;
	struct rl_version *versions;
	size_t nversions;
	struct rl_loc loc;
};

struct rl_condition {
	const char *id, *citation, *title, *program, *number, *due;
	int64_t fiscal_year; /* 0 when not given */
	bool reach_jurisdiction; /* judge every policy, not only those
				  * reaching the funded agencies */
	const char **requires;
	size_t nrequires;
	size_t *req_ix; /* resolved by finish */
	struct rl_loc loc;
};

struct rl_interp {
	const char *name, *desc;
	struct rl_loc loc;
};

struct rl_test {
	const char *name;
	const struct rl_stmt *st; /* the test statement and its block */
};

struct rules_set {
	struct rules_arena **arenas; /* one per accepted file */
	size_t narenas;
	struct rl_interp *interps;
	size_t ninterps;
	struct {
		const char *label;
		enum rl_role role;
		bool declared;
	} types[RL_NTYPES];
	const char **inherit; /* jurisdiction kinds whose policies flow down */
	size_t ninherit;
	bool inherit_agencies; /* a policy without binds binds every agency */
	struct rl_requirement *reqs;
	size_t nreqs;
	struct rl_condition *conds;
	size_t nconds;
	struct rl_test *tests;
	size_t ntests;
	bool finished;
};

const struct rl_requirement *rl_set_requirement(const struct rules_set *rs,
    const char *id);
const struct rl_condition *rl_set_condition(const struct rules_set *rs,
    const char *id);
bool rl_set_inherits(const struct rules_set *rs, const char *kind);

/* ---- facts (rules_facts.c) ---- */

struct rl_idlist {
	const char **ids;
	int32_t *ix; /* resolved indexes, -1 when not a fact */
	size_t n;
};

struct fj {
	const char *id, *name, *kind, *parent_s;
	int32_t parent; /* index or -1 */
	int32_t from, to;
	uint32_t pol0, npol; /* range in f->jur_pol */
	uint32_t ag0, nag;   /* range in f->jur_ag */
};

struct fa {
	const char *id, *name, *jur_s;
	int32_t jur;
	uint32_t aw0, naw; /* range in f->ag_aw */
};

struct fp {
	const char *id, *jur_s, *kind, *title, *citation, *adopted;
	int32_t jur;
	struct rl_idlist binds; /* agencies; n == 0: all */
	int32_t from, to;
	const char *from_s, *to_s;
	uint32_t pv0, npv; /* range in f->pol_pv */
};

/* What only explanations print of a provision; lean facts keep none. */
struct fv_text {
	const char *section, *excerpt, *exceptions, *from_s, *to_s;
};

/* Kept small: a national load holds about a million. */
struct fv {
	const char *id, *pol_s;
	const struct fv_text *text; /* NULL in lean facts */
	int32_t pol;
	int type; /* 1..20 */
	struct rl_idlist *scope; /* agencies; NULL: all the policy binds */
	int32_t from, to;
};

/* "P01".."P20" for 1..20. */
const char *rl_type_name(int t);

struct fw {
	const char *id, *ag_s, *program;
	int32_t ag;
	int64_t fy;
	int32_t date; /* RL_DAY_MIN when undated */
	const char *date_s;
};

struct fc {
	const char *id, *program, *number, *title;
	int64_t fy;
	struct rl_idlist reqs;
	int32_t from, to;
};

struct fr_req {
	const char *id, *citation, *title;
};

enum rl_scope { SC_NAMED, SC_MEMBERS, SC_STATE, SC_NATIONWIDE, SC_NONE };

struct fr {
	const char *id, *case_name, *court, *docket, *kind, *scope_s;
	const char *members_of, *target_s, *superseded_s, *summary;
	const char *date_s, *from_s, *to_s;
	enum rl_scope scope;
	bool narrows;  /* a stay or vacatur: it narrows its target */
	bool protects; /* an order or notice that suspends enforcement */
	int32_t from, to;
	struct rl_idlist conds;
	struct rl_idlist plaintiffs; /* jurisdictions */
	int32_t target, superseded_by;
};

struct rl_hash {
	int32_t *slot; /* index + 1, 0 = empty */
	size_t cap;    /* power of two */
};

struct rules_facts {
	struct rules_arena *arena;
	struct fj *jur;
	size_t njur, capjur;
	struct fa *ag;
	size_t nag, capag;
	struct fp *pol;
	size_t npol, cappol;
	struct fv *pv;
	size_t npv, cappv;
	struct fw *aw;
	size_t naw, capaw;
	struct fc *cond;
	size_t ncond, capcond;
	struct fr_req *req;
	size_t nreq, capreq;
	struct fr *rul;
	size_t nrul, caprul;
	uint32_t *jur_pol, *jur_ag, *ag_aw, *pol_pv;
	struct rl_hash hjur, hag, hpol, hcond, hreq, hrul;
	bool lean;	/* keep no text only explanations print */
	/* The last reference strings copied: rows of one policy (agency)
	 * come together, so their copies are shared, and finish resolves
	 * each once. */
	const char *last_pol_s, *last_ag_s, *last_program;
	bool finished;
};

int32_t rl_facts_jur(const struct rules_facts *f, const char *id);
int32_t rl_facts_cond(const struct rules_facts *f, const char *id);
int32_t rl_facts_req(const struct rules_facts *f, const char *id);

#endif
