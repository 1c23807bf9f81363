/* SPDX-License-Identifier: ISC */
/*
 * Checked conversions of outside text: whole-string integers with a
 * range, decimal money to integer cents, and text hygiene (UTF-8, no
 * control characters).  Nothing here allocates.
 */
#ifndef AT_CORE_PARSE_H
#define AT_CORE_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

/*
 * Parse all len bytes of s as a base-10 integer in [min, max].
 * Returns AT_OK, or AT_EINVAL (not a number, trailing bytes, out of
 * range).  *out is untouched on error.
 */
enum at_err parse_i64(const char *s, size_t len, int64_t min, int64_t max,
    int64_t *out);

/*
 * Parse a non-negative dollar amount ("975604", "975604.00", "1,200.5")
 * into integer cents without floating point.  Commas are allowed only
 * as thousands separators; at most two decimals.  Returns AT_OK or
 * AT_EINVAL; a leading '-' is refused with AT_EINVAL.
 */
enum at_err parse_cents(const char *s, size_t len, int64_t *out);

/* Write cents as "1234.56" (no separators) into out of size n. */
void format_cents(int64_t cents, char *out, size_t n);

/* true if s[0..len) is well-formed UTF-8 (no overlongs, no surrogates). */
bool text_is_utf8(const char *s, size_t len);

/*
 * true if s is UTF-8 and has no control characters other than tab, LF
 * and CR (those only when allow_newlines).
 */
bool text_is_clean(const char *s, size_t len, bool allow_newlines);

/* true if needle occurs in hay, ASCII letters compared without case (the
 * lists' search); an empty needle occurs everywhere. */
bool text_contains_ci(const char *hay, const char *needle);

#endif
