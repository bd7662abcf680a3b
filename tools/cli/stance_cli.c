/*
 * stance_cli.c
 *	  Command-line front end of the stance engine: analysis of files as JSON
 *	  or as a table, a record-oriented batch mode for the evaluator, and a
 *	  single-threaded throughput benchmark.
 *
 *	  stance-cli [--text] [FILE...]     analyse each file (stdin: none or "-")
 *	  stance-cli --batch                records "<byte length>\n<bytes>" on
 *	                                    stdin, one JSON line out per record
 *	  stance-cli --bench [--repeat N] FILE...
 *	  stance-cli --bench --batch [--repeat N] < records
 *
 *	  Every mode keeps words' readings in one StWordCache across the
 *	  documents it analyses, as the backend does; --no-cache analyses each
 *	  afresh (same output), --cache-size=BYTES sets its size.
 *
 *	  Positions in the output are 0-based code point offsets, end exclusive
 *	  (an invalid UTF-8 byte counts as one code point, as in the engine).
 *
 *	  Exit status: 0 success, 1 an analysis failed (the engine's StStatus),
 *	  2 usage or input/output error.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stance_core.h"
#include "stance.h"

#define EXIT_ANALYSIS 1
#define EXIT_USAGE 2

static const char *progname = "stance-cli";

/* the options of every analysis; word_cache set up by main unless --no-cache */
static StOptions cli_opts;

/* ---------- memory ---------- */

static void *
cli_alloc(void *ctx, size_t size)
{
	(void) ctx;
	return malloc(size);
}

static void
cli_free(void *ctx, void *ptr)
{
	(void) ctx;
	free(ptr);
}

static void *
xmalloc(size_t n)
{
	void	   *p = malloc(n ? n : 1);

	if (p == NULL)
	{
		fprintf(stderr, "%s: out of memory\n", progname);
		exit(EXIT_USAGE);
	}
	return p;
}

static void *
xrealloc(void *old, size_t n)
{
	void	   *p = realloc(old, n ? n : 1);

	if (p == NULL)
	{
		fprintf(stderr, "%s: out of memory\n", progname);
		exit(EXIT_USAGE);
	}
	return p;
}

/* ---------- input ---------- */

typedef struct Buf
{
	char	   *data;
	size_t		len;
} Buf;

/* Read a whole stream; returns 0 on success, -1 on a read error. */
static int
read_stream(FILE *f, Buf *out)
{
	size_t		cap = 1 << 16,
				len = 0,
				n;
	char	   *data = xmalloc(cap);

	for (;;)
	{
		if (len == cap)
		{
			cap *= 2;
			data = xrealloc(data, cap);
		}
		n = fread(data + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f))
	{
		free(data);
		return -1;
	}
	out->data = data;
	out->len = len;
	return 0;
}

/* Read FILE ("-" is stdin); prints the error and returns -1 on failure. */
static int
read_file(const char *path, Buf *out)
{
	FILE	   *f;
	int			rc;

	if (strcmp(path, "-") == 0)
	{
		if (read_stream(stdin, out) != 0)
		{
			fprintf(stderr, "%s: standard input: %s\n", progname, strerror(errno));
			return -1;
		}
		return 0;
	}
	f = fopen(path, "rb");
	if (f == NULL)
	{
		fprintf(stderr, "%s: %s: %s\n", progname, path, strerror(errno));
		return -1;
	}
	rc = read_stream(f, out);
	if (rc != 0)
		fprintf(stderr, "%s: %s: %s\n", progname, path, strerror(errno));
	fclose(f);
	return rc;
}

/*
 * Read one batch record "<decimal byte length>\n<bytes>" from f.
 * Returns 1 for a record, 0 at a clean end of input, -1 on a malformed or
 * truncated record (message printed).  *data is reused across calls.
 */
static int
read_record(FILE *f, char **data, size_t *cap, size_t *len, long recno)
{
	size_t		n = 0;
	int			c,
				digits = 0;

	c = getc(f);
	/* tolerate blank lines between records */
	while (c == '\n' || c == '\r')
		c = getc(f);
	if (c == EOF)
		return ferror(f) ? -1 : 0;
	while (c >= '0' && c <= '9')
	{
		if (n > ST_MAX_INPUT)
		{
			fprintf(stderr, "%s: record %ld: length too large\n", progname, recno);
			return -1;
		}
		n = n * 10 + (size_t) (c - '0');
		digits++;
		c = getc(f);
	}
	if (c == '\r')
		c = getc(f);
	if (n > ST_MAX_INPUT)
	{
		fprintf(stderr, "%s: record %ld: length too large\n", progname, recno);
		return -1;
	}
	if (digits == 0 || c != '\n')
	{
		fprintf(stderr, "%s: record %ld: expected \"<byte length>\\n\"\n",
				progname, recno);
		return -1;
	}
	if (n + 1 > *cap)
	{
		*cap = n + 1;
		*data = xrealloc(*data, *cap);
	}
	if (fread(*data, 1, n, f) != n)
	{
		fprintf(stderr, "%s: record %ld: truncated (expected %zu bytes)\n",
				progname, recno, n);
		return -1;
	}
	*len = n;
	return 1;
}

/* ---------- output buffer ---------- */

typedef struct Out
{
	char	   *data;
	size_t		len;
	size_t		cap;
} Out;

static void
out_reserve(Out *o, size_t n)
{
	if (o->len + n > o->cap)
	{
		size_t		cap = o->cap ? o->cap : 4096;

		while (o->len + n > cap)
			cap *= 2;
		o->data = xrealloc(o->data, cap);
		o->cap = cap;
	}
}

static void
out_mem(Out *o, const char *s, size_t n)
{
	out_reserve(o, n);
	memcpy(o->data + o->len, s, n);
	o->len += n;
}

static void
out_str(Out *o, const char *s)
{
	out_mem(o, s, strlen(s));
}

static void
out_char(Out *o, char c)
{
	out_reserve(o, 1);
	o->data[o->len++] = c;
}

static void
out_int(Out *o, long long v)
{
	char		tmp[32];

	snprintf(tmp, sizeof(tmp), "%lld", v);
	out_str(o, tmp);
}

static void
out_flush(Out *o, FILE *f)
{
	if (o->len)
		fwrite(o->data, 1, o->len, f);
	o->len = 0;
}

/* ---------- UTF-8 ---------- */

/*
 * Length of the valid UTF-8 sequence at s[i] (i < len) and its code point,
 * or 0 when the byte at s[i] does not start one (it is then one invalid
 * byte).  Same rules as the engine: no overlong forms, no surrogates,
 * nothing beyond U+10FFFF.
 */
static int
utf8_seq(const unsigned char *s, size_t len, size_t i, unsigned long *cp)
{
	unsigned char c = s[i];
	int			n,
				k;
	unsigned long v;

	if (c < 0x80)
	{
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
	{
		n = 1;
		v = c & 0x1F;
	}
	else if (c >= 0xE0 && c <= 0xEF)
	{
		n = 2;
		v = c & 0x0F;
	}
	else if (c >= 0xF0 && c <= 0xF4)
	{
		n = 3;
		v = c & 0x07;
	}
	else
		return 0;
	if (len - i <= (size_t) n)
		return 0;
	for (k = 1; k <= n; k++)
	{
		if ((s[i + k] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i + k] & 0x3F);
	}
	if ((n == 2 && v < 0x800) || (n == 3 && (v < 0x10000 || v > 0x10FFFF)) ||
		(v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return n + 1;
}

/* A JSON string literal of s[0, len): invalid bytes become U+FFFD. */
static void
out_json_str(Out *o, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *) str;
	size_t		i = 0,
				run = 0;		/* start of pending bytes to copy verbatim */
	static const char hex[] = "0123456789abcdef";

	out_char(o, '"');
	while (i < len)
	{
		unsigned char c = s[i];
		unsigned long cp;
		int			n;
		const char *esc = NULL;
		char		ubuf[7];

		if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\')
		{
			i++;
			continue;
		}
		if (c >= 0x80)
		{
			n = utf8_seq(s, len, i, &cp);
			/* U+2028/2029 are valid JSON but not valid JavaScript */
			if (n > 0 && cp != 0x2028 && cp != 0x2029)
			{
				i += n;
				continue;
			}
			out_mem(o, (const char *) s + run, i - run);
			if (n == 0)
			{
				out_str(o, "\xEF\xBF\xBD");	/* U+FFFD */
				i++;
			}
			else
			{
				out_str(o, cp == 0x2028 ? "\\u2028" : "\\u2029");
				i += n;
			}
			run = i;
			continue;
		}
		out_mem(o, (const char *) s + run, i - run);
		switch (c)
		{
			case '"':
				esc = "\\\"";
				break;
			case '\\':
				esc = "\\\\";
				break;
			case '\n':
				esc = "\\n";
				break;
			case '\r':
				esc = "\\r";
				break;
			case '\t':
				esc = "\\t";
				break;
			case '\b':
				esc = "\\b";
				break;
			case '\f':
				esc = "\\f";
				break;
			default:
				ubuf[0] = '\\';
				ubuf[1] = 'u';
				ubuf[2] = '0';
				ubuf[3] = '0';
				ubuf[4] = hex[c >> 4];
				ubuf[5] = hex[c & 0xF];
				ubuf[6] = '\0';
				esc = ubuf;
				break;
		}
		out_str(o, esc);
		i++;
		run = i;
	}
	out_mem(o, (const char *) s + run, i - run);
	out_char(o, '"');
}

static void
out_json_cstr(Out *o, const char *s)
{
	if (s == NULL)
		out_str(o, "null");
	else
		out_json_str(o, s, strlen(s));
}

/* ---------- byte to code point offsets ---------- */

typedef struct OffRef
{
	int32_t		byte;
	int32_t		slot;			/* index into the converted array */
} OffRef;

static int
offref_cmp(const void *a, const void *b)
{
	const OffRef *x = a,
			   *y = b;

	if (x->byte != y->byte)
		return x->byte < y->byte ? -1 : 1;
	return 0;
}

/*
 * The code point offsets of a result.  Slots: for sentence i, 2i and 2i+1;
 * then for statement j, 6 slots (content, mention, cue; start and end);
 * then one per speaker (its first mention).  Absent (-1) stays -1.
 */
typedef struct CpOffsets
{
	int64_t    *cp;
	int32_t		stmt_base;
	int32_t		spk_base;
	int32_t		n;
} CpOffsets;

static void
add_ref(OffRef *refs, int32_t *nrefs, int64_t *cp, int32_t slot, int32_t byte,
		size_t len)
{
	cp[slot] = -1;
	if (byte < 0)
		return;
	if ((size_t) byte > len)
		byte = (int32_t) len;	/* defensive: never read past the text */
	refs[*nrefs].byte = byte;
	refs[*nrefs].slot = slot;
	(*nrefs)++;
}

static void
convert_offsets(const char *text, size_t len, const StResult *r, CpOffsets *co)
{
	int32_t		n = 2 * r->nsentences + 6 * r->nstatements + r->nspeakers;
	OffRef	   *refs = xmalloc(sizeof(OffRef) * (size_t) (n ? n : 1));
	int32_t		nrefs = 0,
				i;
	int64_t		cpos = 0;
	int32_t		bpos = 0;

	co->cp = xmalloc(sizeof(int64_t) * (size_t) (n ? n : 1));
	co->n = n;
	co->stmt_base = 2 * r->nsentences;
	co->spk_base = co->stmt_base + 6 * r->nstatements;

	for (i = 0; i < r->nsentences; i++)
	{
		add_ref(refs, &nrefs, co->cp, 2 * i, r->sentences[i].span.start, len);
		add_ref(refs, &nrefs, co->cp, 2 * i + 1, r->sentences[i].span.end, len);
	}
	for (i = 0; i < r->nstatements; i++)
	{
		const StStatement *s = &r->statements[i];
		int32_t		b = co->stmt_base + 6 * i;

		add_ref(refs, &nrefs, co->cp, b + 0, s->content.start, len);
		add_ref(refs, &nrefs, co->cp, b + 1, s->content.end, len);
		add_ref(refs, &nrefs, co->cp, b + 2, s->mention.start, len);
		add_ref(refs, &nrefs, co->cp, b + 3, s->mention.end, len);
		add_ref(refs, &nrefs, co->cp, b + 4, s->cue.start, len);
		add_ref(refs, &nrefs, co->cp, b + 5, s->cue.end, len);
	}
	for (i = 0; i < r->nspeakers; i++)
		add_ref(refs, &nrefs, co->cp, co->spk_base + i, r->speakers[i].first, len);

	/*
	 * One forward pass over the text, decoding as the engine does.  An
	 * offset inside a multibyte sequence (the engine should never give one)
	 * maps to the code point containing it.
	 */
	qsort(refs, (size_t) nrefs, sizeof(OffRef), offref_cmp);
	for (i = 0; i < nrefs; i++)
	{
		while (bpos < refs[i].byte)
		{
			unsigned long cp;
			int			k = 1;

			if ((unsigned char) text[bpos] >= 0x80)
			{
				k = utf8_seq((const unsigned char *) text, len, (size_t) bpos, &cp);
				if (k == 0)
					k = 1;
			}
			if (bpos + k > refs[i].byte)
				break;			/* refs[i] is inside this sequence */
			bpos += k;
			cpos++;
		}
		co->cp[refs[i].slot] = cpos;
	}
	free(refs);
}

/* ---------- JSON output ---------- */

static void
out_span_text(Out *o, const char *text, size_t len, StSpan sp)
{
	if (sp.start < 0 || sp.end < sp.start || (size_t) sp.end > len)
		out_str(o, "null");
	else
		out_json_str(o, text + sp.start, (size_t) (sp.end - sp.start));
}

static void
out_cp(Out *o, int64_t v)
{
	if (v < 0)
		out_str(o, "null");
	else
		out_int(o, v);
}

/*
 * One article's result as a JSON object.  pretty: one element a line;
 * otherwise the whole object is on one line.  file may be NULL.
 */
static void
emit_json(Out *o, const char *file, const char *text, size_t len,
		  const StResult *r, int pretty)
{
	CpOffsets	co;
	const char *nl = pretty ? "\n  " : "";
	int32_t		i;

	convert_offsets(text, len, r, &co);

	out_char(o, '{');
	if (file)
	{
		out_str(o, "\"file\":");
		out_json_cstr(o, file);
		out_char(o, ',');
		out_str(o, pretty ? "\n " : "");
	}

	out_str(o, "\"sentences\":[");
	for (i = 0; i < r->nsentences; i++)
	{
		out_str(o, i ? "," : "");
		out_str(o, nl);
		out_str(o, "{\"n\":");
		out_int(o, i + 1);
		out_str(o, ",\"paragraph\":");
		out_int(o, r->sentences[i].paragraph);
		out_str(o, ",\"start\":");
		out_cp(o, co.cp[2 * i]);
		out_str(o, ",\"end\":");
		out_cp(o, co.cp[2 * i + 1]);
		out_char(o, '}');
	}
	out_str(o, "],");
	out_str(o, pretty ? "\n " : "");

	out_str(o, "\"statements\":[");
	for (i = 0; i < r->nstatements; i++)
	{
		const StStatement *s = &r->statements[i];
		const StSpeaker *spk = NULL;
		const int64_t *c = co.cp + co.stmt_base + 6 * i;

		if (s->speaker >= 0 && s->speaker < r->nspeakers)
			spk = &r->speakers[s->speaker];
		out_str(o, i ? "," : "");
		out_str(o, nl);
		out_str(o, "{\"n\":");
		out_int(o, i + 1);
		out_str(o, ",\"kind\":");
		out_json_cstr(o, st_kind_name(s->kind));
		out_str(o, ",\"speaker\":");
		out_json_cstr(o, spk ? spk->name : NULL);
		out_str(o, ",\"speaker_kind\":");
		out_json_cstr(o, spk ? st_speaker_kind_name(spk->kind) : NULL);
		out_str(o, ",\"mention\":");
		out_span_text(o, text, len, s->mention);
		out_str(o, ",\"role\":");
		out_json_cstr(o, spk ? spk->role : NULL);
		out_str(o, ",\"affiliation\":");
		out_json_cstr(o, spk ? spk->affiliation : NULL);
		out_str(o, ",\"cue\":");
		out_span_text(o, text, len, s->cue);
		out_str(o, ",\"act\":");
		out_json_cstr(o, s->act);
		out_str(o, ",\"content\":");
		out_span_text(o, text, len, s->content);
		out_str(o, ",\"target\":");
		out_json_cstr(o, s->target);
		out_str(o, ",\"stance\":");
		if (s->stance >= 0)
		{
			char		buf[32];

			snprintf(buf, sizeof(buf), "%s:%.2f",
					 st_stance_label_name(s->stance), s->confidence);
			out_json_cstr(o, buf);
		}
		else
			out_str(o, "null");
		out_str(o, s->negated ? ",\"negated\":true" : ",\"negated\":false");
		out_str(o, s->hedged ? ",\"hedged\":true" : ",\"hedged\":false");
		out_str(o, ",\"content_start\":");
		out_cp(o, c[0]);
		out_str(o, ",\"content_end\":");
		out_cp(o, c[1]);
		out_str(o, ",\"mention_start\":");
		out_cp(o, c[2]);
		out_str(o, ",\"mention_end\":");
		out_cp(o, c[3]);
		out_str(o, ",\"cue_start\":");
		out_cp(o, c[4]);
		out_str(o, ",\"cue_end\":");
		out_cp(o, c[5]);
		out_char(o, '}');
	}
	out_str(o, "],");
	out_str(o, pretty ? "\n " : "");

	out_str(o, "\"speakers\":[");
	for (i = 0; i < r->nspeakers; i++)
	{
		const StSpeaker *spk = &r->speakers[i];

		out_str(o, i ? "," : "");
		out_str(o, nl);
		out_str(o, "{\"n\":");
		out_int(o, i + 1);
		out_str(o, ",\"name\":");
		out_json_cstr(o, spk->name);
		out_str(o, ",\"kind\":");
		out_json_cstr(o, st_speaker_kind_name(spk->kind));
		out_str(o, ",\"role\":");
		out_json_cstr(o, spk->role);
		out_str(o, ",\"affiliation\":");
		out_json_cstr(o, spk->affiliation);
		out_str(o, ",\"mentions\":");
		out_int(o, spk->mentions);
		out_str(o, ",\"statements\":");
		out_int(o, spk->statements);
		out_str(o, ",\"first\":");
		out_cp(o, co.cp[co.spk_base + i]);
		out_char(o, '}');
	}
	out_str(o, "]}\n");

	free(co.cp);
}

/* ---------- text table output ---------- */

/* Display width of s[0, n): code points, control characters as spaces. */
static size_t
cp_width(const char *s, size_t n)
{
	return (size_t) st_utf8_count(s, n);
}

/*
 * s[0, n) as a table cell, a NUL-terminated malloc'd string: white space
 * runs (newlines too) collapse to one space, other control characters
 * become spaces, invalid bytes U+FFFD.  At most maxw code points (0: no
 * limit); a cut cell ends in "...".
 */
static char *
cell(const char *str, size_t n, size_t maxw)
{
	const unsigned char *s = (const unsigned char *) str;
	Out			o = {0};
	size_t		i = 0,
				w = 0,
				cut = 0;		/* byte length after maxw - 3 code points */
	int			space = 0;

	while (i < n)
	{
		unsigned long cp;
		int			k;

		if (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t' ||
			s[i] == '\f' || s[i] == '\v')
		{
			space = 1;
			i++;
			continue;
		}
		if (space && w > 0)
		{
			out_char(&o, ' ');
			w++;
			if (maxw > 3 && w == maxw - 3)
				cut = o.len;
		}
		space = 0;
		k = utf8_seq(s, n, i, &cp);
		if (k == 0)
		{
			out_str(&o, "\xEF\xBF\xBD");
			i++;
		}
		else
		{
			if (cp < 0x20 || cp == 0x7F)
				out_char(&o, ' ');
			else
				out_mem(&o, str + i, (size_t) k);
			i += (size_t) k;
		}
		w++;
		if (maxw > 3 && w == maxw - 3)
			cut = o.len;
	}
	if (maxw > 3 && w > maxw)
	{
		o.len = cut;
		out_str(&o, "...");
	}
	out_char(&o, '\0');
	return o.data;
}

static char *
span_cell(const char *text, size_t len, StSpan sp, size_t maxw)
{
	if (sp.start < 0 || sp.end < sp.start || (size_t) sp.end > len)
		return cell("-", 1, 0);
	return cell(text + sp.start, (size_t) (sp.end - sp.start), maxw);
}

static void
out_padded(Out *o, const char *s, size_t width)
{
	size_t		w = cp_width(s, strlen(s));

	out_str(o, s);
	while (w++ < width)
		out_char(o, ' ');
}

static void
emit_text(Out *o, const char *file, const char *text, size_t len,
		  const StResult *r)
{
	enum
	{
		C_N, C_KIND, C_SPEAKER, C_MENTION, C_CUE, C_CONTENT, NCOL
	};
	static const char *const head[NCOL] = {
		"n", "kind", "speaker", "mention", "cue", "content"
	};
	char	  **cells;
	size_t		width[NCOL];
	int32_t		i,
				nrows = r->nstatements + 1;
	int			c;

	if (file)
	{
		out_str(o, "== ");
		out_str(o, file);
		out_str(o, " ==\n");
	}
	out_int(o, r->nsentences);
	out_str(o, " sentences, ");
	out_int(o, r->nstatements);
	out_str(o, " statements, ");
	out_int(o, r->nspeakers);
	out_str(o, " speakers\n\n");

	cells = xmalloc(sizeof(char *) * (size_t) nrows * NCOL);
	for (c = 0; c < NCOL; c++)
	{
		cells[c] = cell(head[c], strlen(head[c]), 0);
		width[c] = strlen(head[c]);
	}
	for (i = 0; i < r->nstatements; i++)
	{
		const StStatement *s = &r->statements[i];
		const char *spk = (s->speaker >= 0 && s->speaker < r->nspeakers)
		? r->speakers[s->speaker].name : "-";
		char	  **row = cells + (size_t) (i + 1) * NCOL;
		char		num[16];

		snprintf(num, sizeof(num), "%d", (int) (i + 1));
		row[C_N] = cell(num, strlen(num), 0);
		row[C_KIND] = cell(st_kind_name(s->kind), strlen(st_kind_name(s->kind)), 0);
		row[C_SPEAKER] = cell(spk, strlen(spk), 30);
		row[C_MENTION] = span_cell(text, len, s->mention, 40);
		row[C_CUE] = span_cell(text, len, s->cue, 20);
		row[C_CONTENT] = span_cell(text, len, s->content, 0);
		for (c = 0; c < NCOL; c++)
		{
			size_t		w = cp_width(row[c], strlen(row[c]));

			if (w > width[c])
				width[c] = w;
		}
	}
	for (i = 0; i < nrows; i++)
	{
		for (c = 0; c < NCOL; c++)
		{
			char	   *s = cells[(size_t) i * NCOL + c];

			if (c == NCOL - 1)
				out_str(o, s);
			else
			{
				out_padded(o, s, width[c]);
				out_str(o, "  ");
			}
			free(s);
		}
		out_char(o, '\n');
	}
	free(cells);

	if (r->nspeakers > 0)
	{
		out_str(o, "\nspeakers:\n");
		for (i = 0; i < r->nspeakers; i++)
		{
			const StSpeaker *spk = &r->speakers[i];
			char	   *name = cell(spk->name, strlen(spk->name), 0);

			out_str(o, "  ");
			out_str(o, name);
			free(name);
			out_str(o, " (");
			out_str(o, st_speaker_kind_name(spk->kind));
			if (spk->role)
			{
				out_str(o, "; ");
				out_str(o, spk->role);
			}
			if (spk->affiliation)
			{
				out_str(o, "; ");
				out_str(o, spk->affiliation);
			}
			out_str(o, "): ");
			out_int(o, spk->statements);
			out_str(o, spk->statements == 1 ? " statement, " : " statements, ");
			out_int(o, spk->mentions);
			out_str(o, spk->mentions == 1 ? " mention\n" : " mentions\n");
		}
	}
	out_char(o, '\n');
}

/* ---------- analysis ---------- */

/*
 * Analyse text into a fresh arena (returned in *arena; the caller destroys
 * it).  Prints the error and returns the status on failure.
 */
static StStatus
analyze(const char *what, const char *text, size_t len, StArena **arena,
		StResult *r)
{
	StStatus	st;

	memset(r, 0, sizeof(*r));
	*arena = st_arena_create(cli_alloc, cli_free, NULL);
	if (*arena == NULL)
		st = ST_ERR_NOMEM;
	else if (len > ST_MAX_INPUT)
		st = ST_ERR_TOOLONG;
	else
		st = st_analyze(*arena, text, len, &cli_opts, r);
	if (st != ST_OK)
		fprintf(stderr, "%s: %s: %s\n", progname, what, st_status_message(st));
	return st;
}

/* ---------- modes ---------- */

static int
run_files(int nfiles, char **files, int text_mode)
{
	static char *stdin_name[] = {"-"};
	Out			o = {0};
	int			rc = 0,
				i;

	if (nfiles == 0)
	{
		nfiles = 1;
		files = stdin_name;
	}
	for (i = 0; i < nfiles; i++)
	{
		Buf			b;
		StArena    *arena;
		StResult	r;
		const char *label = strcmp(files[i], "-") == 0 ? "standard input" : files[i];

		if (read_file(files[i], &b) != 0)
		{
			rc = EXIT_USAGE;
			continue;
		}
		if (analyze(label, b.data, b.len, &arena, &r) != ST_OK)
		{
			if (rc == 0)
				rc = EXIT_ANALYSIS;
		}
		else if (text_mode)
			emit_text(&o, nfiles > 1 ? files[i] : NULL, b.data, b.len, &r);
		else
			emit_json(&o, nfiles > 1 ? files[i] : NULL, b.data, b.len, &r, 1);
		if (arena)
			st_arena_destroy(arena);
		free(b.data);
		out_flush(&o, stdout);
	}
	free(o.data);
	if (fflush(stdout) != 0)
	{
		fprintf(stderr, "%s: standard output: %s\n", progname, strerror(errno));
		return EXIT_USAGE;
	}
	return rc;
}

static int
run_batch(void)
{
	Out			o = {0};
	char	   *data = NULL;
	size_t		cap = 0,
				len = 0;
	long		recno = 0;
	int			rc = 0,
				got;

	while ((got = read_record(stdin, &data, &cap, &len, recno + 1)) == 1)
	{
		StArena    *arena;
		StResult	r;
		StStatus	st;
		char		what[48];

		recno++;
		snprintf(what, sizeof(what), "record %ld", recno);
		st = analyze(what, data, len, &arena, &r);
		if (st != ST_OK)
		{
			/* keep the output in step with the input: one line per record */
			out_str(&o, "{\"error\":");
			out_json_cstr(&o, st_status_message(st));
			out_str(&o, "}\n");
			rc = EXIT_ANALYSIS;
		}
		else
			emit_json(&o, NULL, data, len, &r, 0);
		if (arena)
			st_arena_destroy(arena);
		out_flush(&o, stdout);
		fflush(stdout);
	}
	free(data);
	free(o.data);
	if (got < 0)
		return EXIT_USAGE;
	return rc;
}

static double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

static int
run_bench(int nfiles, char **files, int from_batch, long repeat)
{
	Buf		   *docs = NULL;
	size_t		ndocs = 0,
				capdocs = 0,
				total = 0,
				i;
	long		rep,
				statements = 0,
				speakers = 0;
	double		t0,
				t1,
				secs;
	int			f;

	if (from_batch)
	{
		char	   *data = NULL;
		size_t		cap = 0,
					len = 0;
		int			got;

		while ((got = read_record(stdin, &data, &cap, &len, (long) ndocs + 1)) == 1)
		{
			if (ndocs == capdocs)
			{
				capdocs = capdocs ? 2 * capdocs : 64;
				docs = xrealloc(docs, sizeof(Buf) * capdocs);
			}
			docs[ndocs].data = xmalloc(len);
			memcpy(docs[ndocs].data, data, len);
			docs[ndocs].len = len;
			ndocs++;
		}
		free(data);
		if (got < 0)
			return EXIT_USAGE;
	}
	else
	{
		if (nfiles == 0)
		{
			fprintf(stderr, "%s: --bench needs files (or --batch records on stdin)\n",
					progname);
			return EXIT_USAGE;
		}
		docs = xmalloc(sizeof(Buf) * (size_t) nfiles);
		for (f = 0; f < nfiles; f++)
		{
			if (read_file(files[f], &docs[ndocs]) != 0)
				return EXIT_USAGE;
			ndocs++;
		}
	}
	for (i = 0; i < ndocs; i++)
		total += docs[i].len;

	t0 = now_seconds();
	for (rep = 0; rep < repeat; rep++)
	{
		for (i = 0; i < ndocs; i++)
		{
			StArena    *arena;
			StResult	r;
			char		what[48];

			snprintf(what, sizeof(what), "document %zu", i + 1);
			if (analyze(what, docs[i].data, docs[i].len, &arena, &r) != ST_OK)
			{
				if (arena)
					st_arena_destroy(arena);
				return EXIT_ANALYSIS;
			}
			if (rep == 0)
			{
				statements += r.nstatements;
				speakers += r.nspeakers;
			}
			st_arena_destroy(arena);
		}
	}
	t1 = now_seconds();
	secs = t1 - t0;

	printf("documents:   %zu\n", ndocs);
	printf("bytes:       %zu per pass, %ld pass%s\n", total, repeat,
		   repeat == 1 ? "" : "es");
	printf("statements:  %ld per pass\n", statements);
	printf("speakers:    %ld per pass\n", speakers);
	printf("seconds:     %.3f\n", secs);
	printf("throughput:  %.2f MB/s (1 MB = 10^6 bytes, single thread)\n",
		   secs > 0 ? (double) total * (double) repeat / secs / 1e6 : 0.0);
	if (cli_opts.word_cache != NULL)
		printf("word cache:  cleared %llu times\n",
			   (unsigned long long) st_word_cache_clears(cli_opts.word_cache));
	else
		printf("word cache:  none\n");
	for (i = 0; i < ndocs; i++)
		free(docs[i].data);
	free(docs);
	return 0;
}

static void
usage(FILE *f)
{
	fprintf(f,
			"Usage:\n"
			"  %s [--text] [FILE...]        analyse each file as one article\n"
			"                                      (no FILE or \"-\": standard input)\n"
			"  %s --batch                   records \"<byte length>\\n<bytes>\" on stdin,\n"
			"                                      one JSON object a line out per record\n"
			"  %s --bench [--repeat N] FILE...\n"
			"  %s --bench --batch [--repeat N] < records\n"
			"                                      single-threaded throughput\n"
			"  %s --version\n"
			"\n"
			"  --no-cache                          no word cache across documents\n"
			"  --cache-size=BYTES                  word cache size (default %zu)\n"
			"\n"
			"JSON positions are 0-based code point offsets, end exclusive.\n"
			"Exit status: 0 ok, 1 an analysis failed, 2 usage or I/O error.\n",
			progname, progname, progname, progname, progname,
			(size_t) ST_WORD_CACHE_SIZE);
}

int
main(int argc, char **argv)
{
	int			text_mode = 0,
				batch = 0,
				bench = 0,
				nfiles = 0,
				i,
				opts_done = 0;
	long		repeat = 1;
	int			use_cache = 1;
	size_t		cache_size = ST_WORD_CACHE_SIZE;
	void	   *cache_mem = NULL;
	char	  **files = xmalloc(sizeof(char *) * (size_t) (argc ? argc : 1));
	int			rc;

	for (i = 1; i < argc; i++)
	{
		const char *a = argv[i];

		if (!opts_done && a[0] == '-' && a[1] == '-')
		{
			if (strcmp(a, "--") == 0)
				opts_done = 1;
			else if (strcmp(a, "--text") == 0)
				text_mode = 1;
			else if (strcmp(a, "--batch") == 0)
				batch = 1;
			else if (strcmp(a, "--bench") == 0)
				bench = 1;
			else if (strcmp(a, "--repeat") == 0 || strncmp(a, "--repeat=", 9) == 0)
			{
				const char *v = a[8] == '=' ? a + 9 : (i + 1 < argc ? argv[++i] : NULL);
				char	   *end;

				if (v == NULL)
				{
					fprintf(stderr, "%s: --repeat needs a number\n", progname);
					return EXIT_USAGE;
				}
				errno = 0;
				repeat = strtol(v, &end, 10);
				if (errno || *end || end == v || repeat < 1)
				{
					fprintf(stderr, "%s: --repeat: not a positive number: %s\n",
							progname, v);
					return EXIT_USAGE;
				}
			}
			else if (strcmp(a, "--no-cache") == 0)
				use_cache = 0;
			else if (strncmp(a, "--cache-size=", 13) == 0)
			{
				char	   *end;
				unsigned long long v;

				errno = 0;
				v = strtoull(a + 13, &end, 10);
				if (errno || *end || end == a + 13 || v == 0)
				{
					fprintf(stderr, "%s: --cache-size: not a positive number: %s\n",
							progname, a + 13);
					return EXIT_USAGE;
				}
				cache_size = (size_t) v;
			}
			else if (strcmp(a, "--version") == 0)
			{
				printf("stance-cli %s (ICU %s)\n", ST_CORE_VERSION, st_icu_version());
				return 0;
			}
			else if (strcmp(a, "--help") == 0)
			{
				usage(stdout);
				return 0;
			}
			else
			{
				fprintf(stderr, "%s: unknown option: %s\n", progname, a);
				usage(stderr);
				return EXIT_USAGE;
			}
		}
		else if (!opts_done && a[0] == '-' && a[1] != '\0')
		{
			fprintf(stderr, "%s: unknown option: %s\n", progname, a);
			usage(stderr);
			return EXIT_USAGE;
		}
		else
			files[nfiles++] = argv[i];
	}

	if (use_cache)
	{
		/* malloc'd memory is aligned enough for the cache */
		cache_mem = xmalloc(cache_size);
		cli_opts.word_cache = st_word_cache_init(cache_mem, cache_size);
		if (cli_opts.word_cache == NULL)
		{
			fprintf(stderr, "%s: --cache-size: %zu bytes is too small\n",
					progname, cache_size);
			return EXIT_USAGE;
		}
	}

	if (bench)
	{
		if (text_mode || (batch && nfiles > 0))
		{
			fprintf(stderr, "%s: --bench takes FILEs or --batch, nothing else\n",
					progname);
			return EXIT_USAGE;
		}
		rc = run_bench(nfiles, files, batch, repeat);
	}
	else if (repeat != 1)
	{
		fprintf(stderr, "%s: --repeat goes with --bench\n", progname);
		return EXIT_USAGE;
	}
	else if (batch)
	{
		if (text_mode || nfiles > 0)
		{
			fprintf(stderr, "%s: --batch reads standard input only, as JSON\n",
					progname);
			return EXIT_USAGE;
		}
		rc = run_batch();
	}
	else
		rc = run_files(nfiles, files, text_mode);
	free(files);
	free(cache_mem);
	return rc;
}
