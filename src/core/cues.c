/*
 * cues.c
 *	  Recognise reporting verbs in any inflection.
 *
 * lexicon/cues.txt lists lemmas and irregular forms; regular forms are
 * reduced here: -s -es -ies -ed -d -ied -ing, doubled final consonants
 * (admitted, admitting) and a dropped final e (arguing).
 */
#include "internal.h"
#include "lexicon.h"

#include <string.h>

static inline const char *
lemma_try(const char *w, int32_t n, const char *suffix_add)
{
	char		buf[48];
	int32_t		k = (int32_t) strlen(suffix_add);

	if (n <= 0 || n + k >= (int32_t) sizeof(buf))
		return NULL;
	memcpy(buf, w, n);
	memcpy(buf + n, suffix_add, k);
	/* the hash of all word lists says at once whether it is worth a search */
	if (!((st_lex_classes(buf, (size_t) (n + k)) >> st_lexbit_cues) & 1))
		return NULL;
	return LEX_FIND(cues, buf, n + k);
}

static inline bool
ends(const char *w, int32_t n, const char *suf)
{
	int32_t		k = (int32_t) strlen(suf);
	int32_t		i;

	if (n <= k)
		return false;
	for (i = 0; i < k; i++)
	{
		char		c = w[n - k + i];

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c != suf[i])
			return false;
	}
	return true;
}

/*
 * The cue lexicon entry for a word ("said" -> "said|say"), or NULL.
 * *form gets 'b' (base), 's', 'd' (past/participle), 'g' (-ing).
 */
const char *
st_cue_lookup(const char *w, int32_t n, char *form)
{
	if (n < 2 || n > 40)
		return NULL;
	return st_cue_lookup_lex(w, n, st_lex_classes(w, (size_t) n), form);
}

/* st_cue_lookup of a word whose classes (st_lex_classes) are known */
const char *
st_cue_lookup_lex(const char *w, int32_t n, unsigned lex, char *form)
{
	const char *e;
	char		f = 'b';

	if (n < 2 || n > 40)
		return NULL;
	if (((lex >> st_lexbit_cues) & 1) &&
		(e = LEX_FIND(cues, w, n)) != NULL)
	{
		if (st_lex_value(e) != NULL)
			f = 'd';
		else if (ends(w, n, "s") && !ends(w, n, "ss"))
			f = 's';
		if (form)
			*form = f;
		return e;
	}
	e = NULL;
	if (ends(w, n, "ies"))
		(e = lemma_try(w, n - 3, "y")) && (f = 's');
	if (!e && ends(w, n, "ied"))
		(e = lemma_try(w, n - 3, "y")) && (f = 'd');
	if (!e && ends(w, n, "es"))
		(e = lemma_try(w, n - 2, "")) && (f = 's');
	if (!e && ends(w, n, "s"))
		(e = lemma_try(w, n - 1, "")) && (f = 's');
	if (!e && ends(w, n, "ed"))
	{
		f = 'd';
		if (!(e = lemma_try(w, n - 2, "")) && !(e = lemma_try(w, n - 1, "")))
		{
			if (n >= 5 && w[n - 3] == w[n - 4])
				e = lemma_try(w, n - 3, "");
		}
	}
	if (!e && ends(w, n, "ing"))
	{
		f = 'g';
		if (!(e = lemma_try(w, n - 3, "")) && !(e = lemma_try(w, n - 3, "e")))
		{
			if (n >= 6 && w[n - 4] == w[n - 5])
				e = lemma_try(w, n - 4, "");
		}
	}
	if (e && form)
		*form = f;
	return e;
}
