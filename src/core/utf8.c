/*
 * utf8.c
 *	  Tolerant UTF-8 decoding: an invalid byte decodes as U+FFFD, one byte long.
 */
#include "internal.h"

/*
 * Decode the code point at s[i]; returns the index after it.  Requires
 * i < len.
 */
int32_t
st_utf8_next(const char *s, int32_t len, int32_t i, int32_t *cp)
{
	const unsigned char *u = (const unsigned char *) s;
	unsigned char c = u[i];
	int32_t		n,
				v,
				k;

	if (c < 0x80)
	{
		*cp = c;
		return i + 1;
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
	{
		*cp = 0xFFFD;
		return i + 1;
	}
	if (len - i <= n)
	{
		*cp = 0xFFFD;
		return i + 1;
	}
	for (k = 1; k <= n; k++)
	{
		if ((u[i + k] & 0xC0) != 0x80)
		{
			*cp = 0xFFFD;
			return i + 1;
		}
		v = (v << 6) | (u[i + k] & 0x3F);
	}
	/* overlong forms, surrogates, beyond U+10FFFF */
	if ((n == 2 && v < 0x800) || (n == 3 && (v < 0x10000 || v > 0x10FFFF)) ||
		(v >= 0xD800 && v <= 0xDFFF))
	{
		*cp = 0xFFFD;
		return i + 1;
	}
	*cp = v;
	return i + 1 + n;
}

/*
 * Decode the code point that ends just before s[i] (i > 0); returns its
 * start.  Consistent with st_utf8_next for valid text; for invalid text it
 * steps back one byte.
 */
int32_t
st_utf8_prev(const char *s, int32_t i, int32_t *cp)
{
	const unsigned char *u = (const unsigned char *) s;
	int32_t		j = i - 1;
	int32_t		k;

	for (k = 0; k < 3 && j > 0 && (u[j] & 0xC0) == 0x80; k++)
		j--;
	if (st_utf8_next(s, i, j, cp) == i)
		return j;
	*cp = (u[i - 1] < 0x80) ? u[i - 1] : 0xFFFD;
	return i - 1;
}

int64_t
st_utf8_count(const char *text, size_t off)
{
	int64_t		n = 0;
	size_t		i = 0;
	int32_t		cp;

	while (i < off)
	{
		/* fast path for ASCII */
		if ((unsigned char) text[i] < 0x80)
		{
			i++;
			n++;
			continue;
		}
		i = (size_t) st_utf8_next(text, (int32_t) off, (int32_t) i, &cp);
		n++;
	}
	return n;
}
