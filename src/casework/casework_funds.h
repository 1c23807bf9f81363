/* SPDX-License-Identifier: ISC */
/*
 * Funds at risk on a day, for `attest report funds-at-risk`, the web's
 * funds page, its API and CSV export, and the dashboard.
 *
 * At risk: per jurisdiction and program, the awards tied to open
 * findings or overdue notices.  A case counts, as of the day (its
 * history replayed up to it), when: its notice is a preliminary finding
 * or a determination not yet answered by a clearance; or a second
 * reviewer approved a finding other than "complies" and the agency has
 * not yet determined the case; or it is waiting on a response past its
 * due date.  A case determined by a clearance, or withdrawn, does not
 * count; one determined by a preliminary finding passes the risk to that
 * finding's own case.  The awards are the notice's, else those of the
 * notice it answers.
 *
 * Withheld and released: the actions on awards taken on or before the
 * day (withhold and deobligate withhold; release releases).
 *
 * An amount that is not known is counted as unknown, never as zero:
 * every sum is a struct cases_sum (known cents, and how many were
 * unknown).
 */
#ifndef AT_CASEWORK_CASEWORK_FUNDS_H
#define AT_CASEWORK_CASEWORK_FUNDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cases/cases.h"
#include "core/date.h"
#include "core/err.h"

struct store;

#define CASEWORK_FUNDS_AWARDS 40 /* distinct awards per row */

/* One (jurisdiction, program) row at risk. */
struct casework_funds_row {
	char jur[16];
	char jname[300]; /* the jurisdiction's name, or its code */
	char program[80];
	char awards[CASEWORK_FUNDS_AWARDS][80];
	bool known[CASEWORK_FUNDS_AWARDS]; /* the award's amount is known */
	int64_t cents[CASEWORK_FUNDS_AWARDS];
	size_t nawards;
	struct cases_sum sum; /* of the awards' amounts */
	char *why;	      /* owned: the cases that put them at risk */
};

/* One action on an award: money withheld or released. */
struct casework_funds_act {
	char id[80];
	char kind[16]; /* withhold, deobligate, release */
	char date[AT_DATE_LEN];
	char jur[16];
	char jname[300];
	char award[80];
	char program[80]; /* the award's, or "" */
	bool known;
	int64_t cents;
};

struct casework_funds {
	char day[AT_DATE_LEN];
	struct casework_funds_row *rows; /* by jurisdiction, then program */
	size_t nrows;
	struct casework_funds_act *acts; /* by jurisdiction, award, date */
	size_t nacts;
	/* Totals, per award (an award in two rows counts twice). */
	struct cases_sum at_risk, withheld, released;
};

/* The report on day.  AT_OK and *out (free with casework_funds_fini),
 * or AT_DB. */
enum at_err casework_funds(struct store *s, struct at_date day,
    struct casework_funds *out);
void casework_funds_fini(struct casework_funds *f);

#endif
