/* SPDX-License-Identifier: ISC */
/*
 * Reminder mail through libcurl's SMTP client: one transaction per
 * message, plain-text UTF-8 bodies with CRLF line ends.  Only smtp://
 * and smtps:// are allowed, so a URL from the command line cannot make
 * curl read a file or fetch a page.  Header values come from the
 * database and are checked for CR/LF before they reach a header.
 */
#include "render/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "core/buf.h"

#define MAIL_MAX (256u * 1024u)

struct reader {
	const char *p;
	size_t left;
};

static size_t
read_cb(char *dst, size_t size, size_t nmemb, void *ctx)
{
	struct reader *r = ctx;
	size_t n = size * nmemb;

	if (n > r->left)
		n = r->left;
	memcpy(dst, r->p, n);
	r->p += n;
	r->left -= n;
	return n;
}

static bool
header_ok(const char *s)
{
	return s != NULL && strpbrk(s, "\r\n") == NULL;
}

static bool
addr_ok(const char *s)
{
	return header_ok(s) && s[0] != '\0' && strpbrk(s, " <>\t,;") == NULL &&
	    strchr(s, '@') != NULL;
}

static bool
has_prefix(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

/* The message text: headers, blank line, body with CRLF line ends. */
static void
compose(const struct render_mail *m, struct buf *b)
{
	char date[64];
	time_t now = time(NULL);
	struct tm tm;

	if (gmtime_r(&now, &tm) == NULL ||
	    strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm) ==
	        0)
		date[0] = '\0';
	buf_printf(b, "Date: %s\r\n", date);
	buf_printf(b, "From: <%s>\r\n", m->from);
	buf_printf(b, "To: <%s>\r\n", m->to);
	buf_printf(b, "Message-ID: <%s@attest.invalid>\r\n", m->msgid);
	buf_printf(b, "Subject: %s\r\n", m->subject);
	buf_puts(b,
	    "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: 8bit\r\n\r\n");
	for (const char *p = m->body; *p != '\0'; p++) {
		if (*p == '\r')
			continue;
		if (*p == '\n')
			buf_puts(b, "\r\n");
		else
			buf_putc(b, *p);
	}
	if (buf_len(b) < 2 || buf_str(b)[buf_len(b) - 1] != '\n')
		buf_puts(b, "\r\n");
}

enum at_err
render_mail_send(const char *url, const struct render_mail *m, size_t n,
    size_t *sent, struct at_diag *d)
{
	CURL *c = NULL;
	struct curl_slist *rcpt = NULL;
	struct buf msg;
	enum at_err er = AT_OK;
	char from[320], to[320];

	*sent = 0;
	buf_init(&msg, MAIL_MAX);
	if (url == NULL ||
	    !(has_prefix(url, "smtp://") || has_prefix(url, "smtps://")))
		return at_diag_set(d, AT_EINVAL, "smtp",
		    "the mail server must be an smtp:// or smtps:// URL");
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return at_diag_set(d, AT_IO, "smtp", "curl cannot start");
	for (size_t i = 0; i < n; i++) {
		CURLcode rc;

		if (!addr_ok(m[i].from) || !addr_ok(m[i].to) ||
		    !header_ok(m[i].subject) || !header_ok(m[i].msgid)) {
			er = at_diag_set(d, AT_EINVAL, "mail",
			    "message %zu has a bad address or a line break "
			    "in a header",
			    i + 1);
			goto out;
		}
		buf_reset(&msg);
		compose(&m[i], &msg);
		if (buf_err(&msg) != AT_OK) {
			er = at_diag_set(d, AT_LIMIT, "mail",
			    "message %zu is too long", i + 1);
			goto out;
		}
		(void)snprintf(from, sizeof(from), "<%s>", m[i].from);
		(void)snprintf(to, sizeof(to), "<%s>", m[i].to);
		c = curl_easy_init();
		if (c == NULL) {
			er = at_diag_set(d, AT_IO, "smtp", "curl cannot start");
			goto out;
		}
		rcpt = curl_slist_append(NULL, to);
		if (rcpt == NULL) {
			er = at_diag_set(d, AT_IO, "smtp", "out of memory");
			goto out;
		}
		{
			struct reader r = { buf_str(&msg), buf_len(&msg) };

			curl_easy_setopt(c, CURLOPT_URL, url);
			curl_easy_setopt(
			    c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
			curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
			curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
			curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
			curl_easy_setopt(c, CURLOPT_READDATA, &r);
			curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
			curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
			curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
			rc = curl_easy_perform(c);
		}
		curl_slist_free_all(rcpt);
		rcpt = NULL;
		curl_easy_cleanup(c);
		c = NULL;
		if (rc != CURLE_OK) {
			er = at_diag_set(d, AT_IO, "smtp",
			    "message %zu to %s: %s", i + 1, m[i].to,
			    curl_easy_strerror(rc));
			goto out;
		}
		(*sent)++;
	}
out:
	curl_slist_free_all(rcpt);
	if (c != NULL)
		curl_easy_cleanup(c);
	buf_fini(&msg);
	curl_global_cleanup();
	return er;
}
