/* SPDX-License-Identifier: ISC */
/*
 * The streaming reader under every evidence importer: the file's bytes
 * are hashed (SHA-256, OpenSSL, which uses the CPU's SHA instructions),
 * inflated when they are gzip (zlib, in the same pass, so the file is
 * read once), cut into physical lines and fed to libcsv line by line so
 * each record knows the line it started on.  Memory is the two fixed
 * buffers and one record; nothing grows with the file.
 *
 * Also here: the progress bar (drawn only when asked, i.e. when stderr is
 * a terminal, at most ten times a second) and the reject file.
 */
#include "evidence/evidence_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <csv.h>
#include <openssl/evp.h>
#include <zlib.h>

#include "core/parse.h"
#include "core/xalloc.h"

#define CHUNK ((size_t)256 << 10)

struct rd_state {
	struct ev_reader *r;
	ev_row_fn header, row;
	void *ctx;
	struct at_diag *d;
	struct ev_bytes bytes;		/* the current record's fields */
	size_t off[EV_FIELDS_MAX];
	size_t len[EV_FIELDS_MAX];
	size_t n;
	bool too_many, too_long, started, have_header;
	long line;			/* line being fed */
	long row_line;
	enum at_err er;
};

double
ev_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
draw(struct ev_reader *r, bool force)
{
	double now = ev_now(), el;
	int pct = 0, fill;
	char bar[31];

	if (!r->progress || (!force && now - r->last_draw < 0.1))
		return;
	r->last_draw = now;
	el = now - r->t0;
	if (r->size > 0)
		pct = (int)(r->bytes_in * 100 / r->size);
	if (pct > 100)
		pct = 100;
	fill = pct * 30 / 100;
	for (int i = 0; i < 30; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[30] = '\0';
	fprintf(stderr, "\r[%s] %3d%%  %lld rows  %.0f rows/s ", bar, pct,
	    (long long)r->rows, el > 0 ? (double)r->rows / el : 0.0);
	fflush(stderr);
}

void
ev_progress_done(struct ev_reader *r)
{
	if (!r->progress || r->last_draw == 0)
		return;
	fprintf(stderr, "\r%*s\r", 72, "");
	fflush(stderr);
}

static void
field_cb(void *s, size_t len, void *data)
{
	struct rd_state *st = data;

	if (!st->started) {
		st->started = true;
		st->row_line = st->line;
	}
	if (st->n >= EV_FIELDS_MAX) {
		st->too_many = true;
		return;
	}
	if (len > EV_FIELD_MAX) {
		st->too_long = true;
		len = 0;
	}
	st->off[st->n] = ev_bytes_put(&st->bytes, s, len);
	st->len[st->n] = len;
	st->n++;
}

static void
row_cb(int c, void *data)
{
	struct rd_state *st = data;
	struct ev_row row;
	enum at_err er = AT_OK;

	(void)c;
	if (st->er != AT_OK)
		goto reset;
	if (!st->started)
		st->row_line = st->line;
	row.line = st->row_line;
	if (st->too_many) {
		er = at_diag_set(st->d, AT_EINVAL, "",
		    "row has more than %d fields", EV_FIELDS_MAX);
		goto fail;
	}
	if (st->too_long || st->bytes.has_err) {
		er = at_diag_set(st->d, AT_LIMIT, "",
		    "a field is longer than %zu bytes", EV_FIELD_MAX);
		goto fail;
	}
	row.n = st->n;
	for (size_t i = 0; i < st->n; i++) {
		row.f[i] = st->bytes.p + st->off[i];
		row.len[i] = st->len[i];
	}
	if (!st->have_header) {
		st->have_header = true;
		/* A UTF-8 byte order mark before the first name. */
		if (row.n > 0 && row.len[0] >= 3 &&
		    memcmp(row.f[0], "\xEF\xBB\xBF", 3) == 0) {
			row.f[0] += 3;
			row.len[0] -= 3;
		}
		er = st->header(st->ctx, &row, st->d);
	} else {
		st->r->rows++;
		er = st->row(st->ctx, &row, st->d);
		if ((st->r->rows & 4095) == 0)
			draw(st->r, false);
	}
fail:
	if (er != AT_OK) {
		if (st->d != NULL && st->d->line == 0)
			st->d->line = st->row_line;
		st->er = er;
	}
reset:
	st->n = 0;
	st->too_many = st->too_long = false;
	st->started = false;
	st->bytes.len = 0;
}

/* Feed len bytes of text, line by line. */
static enum at_err
feed(struct rd_state *st, struct csv_parser *p, const char *s, size_t len)
{
	while (len > 0 && st->er == AT_OK) {
		const char *nl = memchr(s, '\n', len);
		size_t n = nl != NULL ? (size_t)(nl - s) + 1 : len;

		if (!st->started && st->line == 0)
			st->line = 1;
		if (csv_parse(p, s, n, field_cb, row_cb, st) != n) {
			if (st->er != AT_OK)
				break;
			if (st->d != NULL)
				st->d->line = st->started ? st->row_line :
				    st->line;
			return st->er = at_diag_set(st->d, AT_EINVAL, "",
			    "malformed CSV: %s", csv_strerror(csv_error(p)));
		}
		if (nl != NULL)
			st->line++;
		s += n;
		len -= n;
	}
	return st->er;
}

static void
hex(const unsigned char *h, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[h[i] >> 4];
		out[2 * i + 1] = digits[h[i] & 15];
	}
	out[2 * n] = '\0';
}

enum at_err
ev_read(struct ev_reader *r, ev_row_fn header, ev_row_fn row, void *ctx,
    struct at_diag *d)
{
	struct rd_state st;
	struct csv_parser p;
	struct stat sb;
	z_stream z;
	bool gz = false, zinit = false, pinit = false;
	unsigned char *in = NULL, *out = NULL;
	EVP_MD_CTX *md = NULL;
	const char *why;
	FILE *f = NULL;
	enum at_err er = AT_OK;
	size_t got;

	memset(&st, 0, sizeof(st));
	memset(&z, 0, sizeof(z));
	st.r = r;
	st.header = header;
	st.row = row;
	st.ctx = ctx;
	st.d = d;
	st.line = 1;
	ev_bytes_init(&st.bytes, EV_FIELD_MAX + EV_FIELDS_MAX * 2);
	r->t0 = ev_now();
	r->rows = r->bytes_in = 0;
	r->sha256[0] = '\0';
	f = fopen(r->path, "rb");
	if (f == NULL) {
		er = at_diag_set(d, AT_IO, "", "cannot open: %s",
		    strerror(errno));
		goto out;
	}
	r->size = fstat(fileno(f), &sb) == 0 ? (int64_t)sb.st_size : 0;
	if (!ev_crypto_load(&why)) {
		er = at_diag_set(d, AT_IO, "", "cannot hash the file: %s",
		    why);
		goto out;
	}
	md = EVP_MD_CTX_new();
	if (md == NULL || EVP_DigestInit_ex(md, EVP_sha256(), NULL) != 1)
		at_oom();
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		at_oom();
	pinit = true;
	in = xmalloc(CHUNK);
	out = xmalloc(CHUNK);
	while (st.er == AT_OK && (got = fread(in, 1, CHUNK, f)) > 0) {
		if (EVP_DigestUpdate(md, in, got) != 1)
			at_oom();
		if (r->bytes_in == 0 && got >= 2 && in[0] == 0x1f &&
		    in[1] == 0x8b) {
			gz = true;
			if (inflateInit2(&z, 15 + 32) != Z_OK)
				at_oom();
			zinit = true;
		}
		r->bytes_in += (int64_t)got;
		if (!gz) {
			er = feed(&st, &p, (const char *)in, got);
			continue;
		}
		z.next_in = in;
		z.avail_in = (uInt)got;
		while (er == AT_OK && z.avail_in > 0) {
			int zr;

			z.next_out = out;
			z.avail_out = (uInt)CHUNK;
			zr = inflate(&z, Z_NO_FLUSH);
			if (zr != Z_OK && zr != Z_STREAM_END &&
			    zr != Z_BUF_ERROR) {
				er = at_diag_set(d, AT_EINVAL, "",
				    "bad gzip data: %s",
				    z.msg != NULL ? z.msg : "inflate failed");
				break;
			}
			er = feed(&st, &p, (const char *)out,
			    CHUNK - z.avail_out);
			/* Concatenated gzip members go on. */
			if (zr == Z_STREAM_END && z.avail_in > 0 &&
			    inflateReset(&z) != Z_OK)
				at_oom();
			if (zr == Z_BUF_ERROR && z.avail_out == CHUNK)
				break;
		}
	}
	if (er == AT_OK && st.er != AT_OK)
		er = st.er;
	if (er == AT_OK && ferror(f))
		er = at_diag_set(d, AT_IO, "", "read error: %s",
		    strerror(errno));
	if (er == AT_OK && gz) {
		/* Flush what inflate still holds. */
		for (;;) {
			int zr;

			z.next_out = out;
			z.avail_out = (uInt)CHUNK;
			zr = inflate(&z, Z_FINISH);
			er = feed(&st, &p, (const char *)out,
			    CHUNK - z.avail_out);
			if (er != AT_OK || zr == Z_STREAM_END)
				break;
			if (zr != Z_OK && zr != Z_BUF_ERROR) {
				er = at_diag_set(d, AT_EINVAL, "",
				    "truncated gzip file");
				break;
			}
			if (z.avail_out == CHUNK) {
				er = at_diag_set(d, AT_EINVAL, "",
				    "truncated gzip file");
				break;
			}
		}
	}
	if (er == AT_OK && csv_fini(&p, field_cb, row_cb, &st) != 0) {
		/* An open quote at the end: name the record it started. */
		if (d != NULL)
			d->line = st.started ? st.row_line : st.line;
		er = at_diag_set(d, AT_EINVAL, "",
		    "malformed CSV at end of file: %s",
		    csv_strerror(csv_error(&p)));
	}
	if (er == AT_OK)
		er = st.er;
	if (er == AT_OK && !st.have_header)
		er = at_diag_set(d, AT_EINVAL, "",
		    "the file is empty (a header row is required)");
	if (er == AT_OK) {
		unsigned char h[EVP_MAX_MD_SIZE];
		unsigned int hl = 0;

		if (EVP_DigestFinal_ex(md, h, &hl) != 1 || hl != 32)
			at_oom();
		hex(h, hl, r->sha256);
		draw(r, true);
	}
out:
	if (pinit)
		csv_free(&p);
	if (zinit)
		inflateEnd(&z);
	EVP_MD_CTX_free(md);
	free(in);
	free(out);
	if (f != NULL)
		fclose(f);
	ev_bytes_fini(&st.bytes);
	if (er != AT_OK && d != NULL && d->file[0] == '\0')
		(void)snprintf(d->file, sizeof(d->file), "%s", r->path);
	return er;
}

void
ev_bytes_init(struct ev_bytes *b, size_t max)
{
	memset(b, 0, sizeof(*b));
	b->max = max;
	b->cap = max < 4096 ? max : 4096;
	b->p = xmalloc(b->cap);
}

void
ev_bytes_fini(struct ev_bytes *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}

void
ev_bytes_grow(struct ev_bytes *b, size_t need)
{
	size_t cap = b->cap;

	if (b->has_err)
		return;
	if (need > b->max || b->len > b->max - need) {
		b->has_err = true;
		return;
	}
	while (cap - b->len < need)
		cap = cap > b->max / 2 ? b->max : cap * 2;
	b->p = xreallocarray(b->p, cap, 1);
	b->cap = cap;
}

bool
ev_clean(const char *s, size_t len, bool allow_newlines)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c >= 0x7f)
			return text_is_clean(s, len, allow_newlines);
	}
	return true;
}

enum at_err
ev_reject_open(struct ev_reject *rj, const char *path, struct at_diag *d)
{
	memset(rj, 0, sizeof(*rj));
	rj->f = fopen(path, "w");
	if (rj->f == NULL)
		return at_diag_set(d, AT_IO, "reject-file", "cannot create %s: %s",
		    path, strerror(errno));
	if (pthread_mutex_init(&rj->mu, NULL) != 0)
		at_oom();
	fputs("line,field,reason,row\n", rj->f);
	return AT_OK;
}

static void
csv_put(FILE *f, const char *s)
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
ev_reject_write(struct ev_reject *rj, long line, const char *field,
    const char *reason, const struct ev_row *row)
{
	struct buf b;

	buf_init(&b, (size_t)16 << 20);
	if (row != NULL)
		for (size_t i = 0; i < row->n; i++) {
			if (i > 0)
				buf_putc(&b, ',');
			if (strpbrk(row->f[i], ",\"\r\n") == NULL)
				buf_puts(&b, row->f[i]);
			else {
				buf_putc(&b, '"');
				for (const char *s = row->f[i]; *s; s++) {
					if (*s == '"')
						buf_putc(&b, '"');
					buf_putc(&b, *s);
				}
				buf_putc(&b, '"');
			}
		}
	pthread_mutex_lock(&rj->mu);
	fprintf(rj->f, "%ld,", line);
	csv_put(rj->f, field != NULL ? field : "");
	fputc(',', rj->f);
	csv_put(rj->f, reason != NULL ? reason : "");
	fputc(',', rj->f);
	csv_put(rj->f, buf_str(&b));
	fputc('\n', rj->f);
	rj->n++;
	pthread_mutex_unlock(&rj->mu);
	buf_fini(&b);
}

enum at_err
ev_reject_close(struct ev_reject *rj, struct at_diag *d)
{
	int bad;

	if (rj->f == NULL)
		return AT_OK;
	bad = ferror(rj->f);
	if (fclose(rj->f) != 0)
		bad = 1;
	rj->f = NULL;
	pthread_mutex_destroy(&rj->mu);
	if (bad)
		return at_diag_set(d, AT_IO, "reject-file", "write failed");
	return AT_OK;
}
