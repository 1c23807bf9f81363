/* SPDX-License-Identifier: ISC */
/*
 * Checks a case step needs that are not the state machine: whether a
 * ruling stops a condition from being enforced, what an attached file
 * really is and its SHA-256, and money sums that keep unknown amounts
 * apart from known ones.
 */
#include "cases/cases.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "core/parse.h"
#include "model/model.h"

/* true if the ';'-separated list names id. */
static bool
list_has(const char *list, const char *id)
{
	size_t n = strlen(id);
	const char *p = list;

	if (list == NULL || n == 0)
		return false;
	while (*p != '\0') {
		size_t len = strcspn(p, ";");

		if (len == n && strncmp(p, id, n) == 0)
			return true;
		p += len;
		if (*p == ';')
			p++;
	}
	return false;
}

/* true if the list names a state whose subdivisions include j. */
static bool
list_has_state_of(const char *list, const char *j)
{
	const char *p = list;

	if (list == NULL)
		return false;
	while (*p != '\0') {
		size_t len = strcspn(p, ";");

		if (len == 2 && strncmp(p, j, 2) == 0)
			return true;
		p += len;
		if (*p == ';')
			p++;
	}
	return false;
}

static const char *
field(const struct model_record *r, const char *name)
{
	int i = model_field_index(r->kind, name);

	return i < 0 ? NULL : model_record_text(r, (size_t)i);
}

bool
cases_ruling_covers(const struct model_record *ruling, const char *condition,
    const char *jurisdiction, struct at_date on)
{
	const char *chain[1] = { jurisdiction };

	return cases_ruling_covers_chain(ruling, condition, chain, 1, on);
}

bool
cases_ruling_covers_chain(const struct model_record *ruling,
    const char *condition, const char *const *chain, size_t n,
    struct at_date on)
{
	const char *jurisdiction = n > 0 ? chain[0] : "";
	static const char *const suspending[] = { "preliminary_injunction",
		"permanent_injunction", "agency_notice", "order", "appellate",
		NULL };
	const char *kind, *scope, *from, *to;
	char day[AT_DATE_LEN];
	bool ok = false;

	if (ruling == NULL || ruling->kind != KIND_RULING)
		return false;
	kind = field(ruling, "kind");
	for (size_t i = 0; kind != NULL && suspending[i] != NULL; i++)
		if (strcmp(kind, suspending[i]) == 0)
			ok = true;
	if (!ok || !list_has(field(ruling, "conditions"), condition))
		return false;
	at_date_format(on, day);
	from = field(ruling, "valid_from");
	if (from == NULL)
		from = field(ruling, "date");
	to = field(ruling, "valid_to");
	/* ISO dates compare as strings; valid_to is exclusive. */
	if (from != NULL && strcmp(day, from) < 0)
		return false;
	if (to != NULL && strcmp(day, to) >= 0)
		return false;
	scope = field(ruling, "scope");
	if (scope == NULL)
		return false;
	if (strcmp(scope, "nationwide") == 0)
		return true;
	if (strcmp(scope, "named_plaintiffs") == 0)
		return list_has(field(ruling, "plaintiffs"), jurisdiction);
	if (strcmp(scope, "state_and_subdivisions") == 0) {
		if (list_has_state_of(
		        field(ruling, "plaintiffs"), jurisdiction))
			return true;
		for (size_t i = 0; i < n; i++)
			if (list_has(field(ruling, "plaintiffs"), chain[i]))
				return true;
	}
	return false;
}

static bool
starts(const unsigned char *p, size_t len, const char *magic, size_t n)
{
	return len >= n && memcmp(p, magic, n) == 0;
}

/* Case-insensitive prefix test after leading white space. */
static bool
starts_ci_ws(const unsigned char *p, size_t len, const char *s)
{
	size_t i = 0, n = strlen(s);

	while (i < len &&
	    (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
		i++;
	if (len - i < n)
		return false;
	for (size_t k = 0; k < n; k++) {
		unsigned char c = p[i + k];

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if (c != (unsigned char)s[k])
			return false;
	}
	return true;
}

const char *
cases_sniff_type(const unsigned char *p, size_t len)
{
	if (starts(p, len, "%PDF-", 5))
		return "application/pdf";
	if (starts(p, len, "\x89PNG\r\n\x1a\n", 8))
		return "image/png";
	if (starts(p, len, "\xff\xd8\xff", 3))
		return "image/jpeg";
	if (starts(p, len, "GIF87a", 6) || starts(p, len, "GIF89a", 6))
		return "image/gif";
	if (starts(p, len, "PK\x03\x04", 4))
		return "application/zip";
	if (starts(p, len, "{\\rtf", 5))
		return "application/rtf";
	if (len == 0 || memchr(p, '\0', len) != NULL ||
	    !text_is_utf8((const char *)p, len))
		return "application/octet-stream";
	if (starts_ci_ws(p, len, "<!doctype html") ||
	    starts_ci_ws(p, len, "<html"))
		return "text/html";
	return "text/plain";
}

void
cases_sha256_hex(const void *p, size_t len, char out[CASES_SHA256_HEX])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, p, len);
	sodium_bin2hex(out, CASES_SHA256_HEX, h, sizeof(h));
}

void
cases_sum_add(struct cases_sum *s, bool is_known, int64_t cents)
{
	if (is_known) {
		s->known += cents;
		s->nknown++;
	} else
		s->nunknown++;
}

void
cases_money_format(int64_t cents, char *out, size_t n)
{
	char digits[32], grouped[48];
	size_t len, g = 0;
	int rc;

	if (cents < 0)
		cents = 0;
	rc = snprintf(digits, sizeof(digits), "%lld", (long long)(cents / 100));
	if (rc < 0)
		digits[0] = '\0';
	len = strlen(digits);
	for (size_t i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			grouped[g++] = ',';
		grouped[g++] = digits[i];
	}
	grouped[g] = '\0';
	(void)snprintf(out, n, "$%s.%02lld", grouped, (long long)(cents % 100));
}

void
cases_sum_format(const struct cases_sum *s, char *out, size_t n)
{
	char m[48];

	if (s->nknown == 0 && s->nunknown > 0) {
		(void)snprintf(out, n, "unknown");
		return;
	}
	cases_money_format(s->known, m, sizeof(m));
	if (s->nunknown > 0)
		(void)snprintf(out, n, "%s + %zu unknown", m, s->nunknown);
	else
		(void)snprintf(out, n, "%s", m);
}
