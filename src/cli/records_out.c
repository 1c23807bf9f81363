/* SPDX-License-Identifier: ISC */
/*
 * Record output in three shapes (see records_out.h).
 */
#include "cli/records_out.h"

#include <stdlib.h>
#include <string.h>

#include "store/store.h"

static int
width_of(const char *name)
{
	if (strcmp(name, "id") == 0)
		return 24;
	if (strcmp(name, "name") == 0 || strcmp(name, "title") == 0 ||
	    strcmp(name, "case_name") == 0 || strcmp(name, "citation") == 0)
		return 44;
	return 14;
}

/* Display text of field name in r: "unknown" for NULL money, "" else. */
static const char *
display(const struct model_record *r, int idx)
{
	const struct model_kind_desc *k = model_kind_desc(r->kind);
	const char *v;

	if (idx < 0)
		return "";
	v = model_record_text(r, (size_t)idx);
	if (v == NULL)
		return k->fields[idx].type == FT_CENTS ? "unknown" : "";
	return v;
}

void
out_table_header(FILE *f, enum model_kind kind)
{
	const char *const *cols = model_summary_fields(kind);

	for (size_t i = 0; cols[i] != NULL; i++)
		fprintf(f, "%s%-*s", i > 0 ? " " : "",
		    cols[i + 1] != NULL ? width_of(cols[i]) : 0, cols[i]);
	fputc('\n', f);
}

/* Print at most w display columns of s (UTF-8 aware), padded. */
static void
put_cell(FILE *f, const char *s, int w, bool last)
{
	int cols = 0;
	size_t i = 0;

	while (s[i] != '\0' && (last || cols < w)) {
		size_t n = 1;

		if (!last && cols == w - 1 && strlen(s + i) > 1) {
			/* leave room for the ellipsis */
			bool more = false;

			for (size_t k = i; s[k] != '\0'; k++)
				if ((s[k] & 0xc0) != 0x80 && k != i)
					more = true;
			if (more) {
				fputs("\xe2\x80\xa6", f);
				cols++;
				break;
			}
		}
		while ((s[i + n] & 0xc0) == 0x80)
			n++;
		if (s[i] == '\n' || s[i] == '\t')
			fputc(' ', f);
		else
			fwrite(s + i, 1, n, f);
		i += n;
		cols++;
	}
	if (!last)
		for (; cols < w; cols++)
			fputc(' ', f);
}

void
out_table_row(FILE *f, const struct model_record *r)
{
	const char *const *cols = model_summary_fields(r->kind);

	for (size_t i = 0; cols[i] != NULL; i++) {
		if (i > 0)
			fputc(' ', f);
		put_cell(f, display(r, model_field_index(r->kind, cols[i])),
		    width_of(cols[i]), cols[i + 1] == NULL);
	}
	fputc('\n', f);
}

static void
csv_field(FILE *f, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

void
out_csv_header(FILE *f, enum model_kind kind)
{
	const struct model_kind_desc *k = model_kind_desc(kind);

	for (size_t i = 0; i < k->nfields; i++) {
		if (i > 0)
			fputc(',', f);
		csv_field(f, k->fields[i].name);
	}
	fputs("\r\n", f);
}

void
out_csv_row(FILE *f, const struct model_record *r)
{
	const struct model_kind_desc *k = model_kind_desc(r->kind);

	for (size_t i = 0; i < k->nfields; i++) {
		const char *v = model_record_text(r, i);

		if (i > 0)
			fputc(',', f);
		if (v != NULL)
			csv_field(f, v);
	}
	fputs("\r\n", f);
}

void
out_fields(FILE *f, const struct model_record *r)
{
	const struct model_kind_desc *k = model_kind_desc(r->kind);

	for (size_t i = 0; i < k->nfields; i++) {
		const char *v = display(r, (int)i);

		fprintf(f, "%-16s %s\n", k->fields[i].name, v);
	}
}

void
out_begin(struct out_stream *o, enum out_form form, enum model_kind kind)
{
	o->form = form;
	o->n = 0;
	if (form == OUT_JSON)
		fputs("[", stdout);
	else if (form == OUT_CSV)
		out_csv_header(stdout, kind);
	else
		out_table_header(stdout, kind);
}

int
out_record(void *ctx, const struct model_record *r)
{
	struct out_stream *o = ctx;

	if (o->form == OUT_JSON) {
		char *j = store_record_json(r);

		printf("%s%s", o->n > 0 ? ",\n" : "\n", j);
		free(j);
	} else if (o->form == OUT_CSV)
		out_csv_row(stdout, r);
	else
		out_table_row(stdout, r);
	o->n++;
	return 0;
}

void
out_end(struct out_stream *o)
{
	if (o->form == OUT_JSON)
		fputs(o->n > 0 ? "\n]\n" : "]\n", stdout);
}
