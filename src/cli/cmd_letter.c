/* SPDX-License-Identifier: ISC */
/*
 * attest letter render NOTICE_ID [--pdf FILE] [--html FILE] [--text FILE]
 * [--template FILE]: a notice as a letter.
 *
 * The letter itself (its fields, template and outputs) is
 * casework/casework_letter.h's; this file parses the arguments, writes
 * the files and prints.  Every file written is recorded in the letters
 * table with its SHA-256, and the audit entry carries the hash too, so a
 * letter a recipient holds can be matched to the record.  Without an
 * output option the text goes to stdout and nothing is recorded.
 */
#include "cli/cli.h"
#include "cli/cmds.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cases/cases.h"
#include "casework/casework_letter.h"
#include "cli/cases_cli.h"
#include "core/buf.h"
#include "render/render.h"
#include "store/store.h"

/* Write bytes to path through a temporary file and a rename. */
static enum at_err
write_file(const char *path, const char *p, size_t len, struct at_diag *d)
{
	char tmp[4096];
	FILE *f;
	int rc;

	rc = snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	if (rc < 0 || (size_t)rc >= sizeof(tmp))
		return at_diag_set(d, AT_EINVAL, "file", "path too long");
	f = fopen(tmp, "wb");
	if (f == NULL)
		return at_diag_set(d, AT_IO, "file", "cannot write %s: %s", tmp,
		    strerror(errno));
	if (fwrite(p, 1, len, f) != len || fclose(f) != 0) {
		(void)remove(tmp);
		return at_diag_set(d, AT_IO, "file", "cannot write %s", tmp);
	}
	if (rename(tmp, path) != 0) {
		(void)remove(tmp);
		return at_diag_set(d, AT_IO, "file", "cannot rename to %s: %s",
		    path, strerror(errno));
	}
	return AT_OK;
}

struct output {
	const char *path;
	struct buf bytes;
	char sha[CASES_SHA256_HEX];
};

int
cmd_letter(struct cli_ctx *ctx)
{
	const char *paths[CASEWORK_LETTER__MAX] = { NULL, NULL, NULL };
	const char *tmpl = NULL, *as = NULL;
	const struct cli_opt opts[] = {
		{ "pdf", &paths[CASEWORK_LETTER_PDF], NULL,
		    "write the letter as PDF to FILE" },
		{ "html", &paths[CASEWORK_LETTER_HTML], NULL,
		    "write it as HTML to FILE" },
		{ "text", &paths[CASEWORK_LETTER_TEXT], NULL,
		    "write it as plain text to FILE" },
		{ "template", &tmpl, NULL,
		    "template file (default "
		    "templates/KIND.tmpl)" },
		{ "as", &as, NULL, "actor recorded in the audit log" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[2];
	size_t npos;
	int rc;
	struct store *s = NULL;
	struct casework_letter l;
	struct output outs[CASEWORK_LETTER__MAX];
	struct casework_letter_out rec[CASEWORK_LETTER__MAX];
	size_t nrec = 0;
	struct at_diag d;
	char when[32];
	bool any = false;
	enum at_err er = AT_OK;

	memset(&l, 0, sizeof(l));
	memset(outs, 0, sizeof(outs));
	for (size_t i = 0; i < CASEWORK_LETTER__MAX; i++)
		buf_init(&outs[i].bytes, CASEWORK_LETTER_MAX);
	if (cli_parse(ctx, opts,
	        "render NOTICE_ID [--pdf FILE] [--html FILE] "
	        "[--text FILE] [--template FILE]",
	        pos, 2, &npos, &rc) != 0)
		goto out;
	if (npos != 2 || strcmp(pos[0], "render") != 0) {
		cli_err(ctx,
		    "usage: attest letter render NOTICE_ID [--pdf "
		    "FILE] [--html FILE] [--text FILE]");
		rc = CLI_USAGE;
		goto out;
	}
	rc = cli_open_store(ctx, &s);
	if (rc != 0)
		goto out;
	(void)cases_cli_actor(s, as);
	at_diag_clear(&d);
	er = casework_letter_open(s, cli_data_dir(), pos[1], tmpl, &l, &d);
	if (er != AT_OK)
		goto fail;
	for (size_t i = 0; i < CASEWORK_LETTER__MAX; i++)
		any = any || paths[i] != NULL;
	if (!any) {
		struct output *o = &outs[CASEWORK_LETTER_TEXT];

		er = casework_letter_render(&l, CASEWORK_LETTER_TEXT,
		    &o->bytes, &d);
		if (er != AT_OK)
			goto fail;
		fwrite(buf_str(&o->bytes), 1, buf_len(&o->bytes), stdout);
		goto done;
	}
	for (size_t i = 0; i < CASEWORK_LETTER__MAX; i++) {
		enum casework_letter_format f = (enum casework_letter_format)i;

		if (paths[i] == NULL)
			continue;
		er = casework_letter_render(&l, f, &outs[i].bytes, &d);
		if (f == CASEWORK_LETTER_PDF)
			render_pdf_cleanup();
		if (er != AT_OK)
			goto fail;
		cases_sha256_hex(buf_str(&outs[i].bytes),
		    buf_len(&outs[i].bytes), outs[i].sha);
		er = write_file(paths[i], buf_str(&outs[i].bytes),
		    buf_len(&outs[i].bytes), &d);
		if (er != AT_OK)
			goto fail;
		rec[nrec].format = f;
		rec[nrec].size = buf_len(&outs[i].bytes);
		rec[nrec].sha = outs[i].sha;
		nrec++;
	}
	{
		time_t now = time(NULL);
		struct tm tm;

		if (gmtime_r(&now, &tm) == NULL ||
		    strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm) ==
		        0)
			(void)snprintf(when, sizeof(when), "unknown");
	}
	er = casework_letter_record(s, &l, rec, nrec, when, &d);
	if (er != AT_OK)
		goto fail;
	for (size_t i = 0; i < CASEWORK_LETTER__MAX; i++)
		if (paths[i] != NULL)
			printf("wrote %s (%s, %zu bytes, sha256 %s)\n",
			    paths[i],
			    casework_letter_format_name(
				(enum casework_letter_format)i),
			    buf_len(&outs[i].bytes), outs[i].sha);
done:
	rc = CLI_OK;
	goto out;
fail:
	rc = cases_cli_fail(ctx, s, er, &d);
	s = NULL;
out:
	for (size_t i = 0; i < CASEWORK_LETTER__MAX; i++)
		buf_fini(&outs[i].bytes);
	casework_letter_fini(&l);
	if (s != NULL)
		store_close(s);
	return rc;
}
