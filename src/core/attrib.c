/*
 * attrib.c
 *	  Statements with quotations and their speakers.
 *
 * Sentences are first joined into units so that no unit boundary falls
 * inside a quotation.  Each unit with a quotation is read as one of
 *	  Q , [NP] CUE [NP] [Q ...]		  "...," Zakharova warned.  "...," said X.
 *	  NP CUE [: , that] ... Q ...	  X said: "..."   X said the plan was "bad"
 *	  ... Q ... , NP CUE			  The plan "is bad," she said.
 *	  Q (no cue)					  follow-on: the previous speaker goes on
 * Quotations with no cue that do not follow a statement (scare quotes,
 * titles of works) are not statements.  Speaker mentions are then resolved
 * (names.c) to canonical speakers.
 */
#include "internal.h"
#include "lexicon.h"
#include "names.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const char *st_cue_lookup(const char *w, int32_t n, char *form);

static int32_t quote_opening_at(const StDoc *d, int32_t k);

/* the period of "Mr." "Dr." or an initial, not the end of a sentence */
static bool
abbrev_period(const StDoc *d, int32_t k)
{
	return k > 0 && d->toks[k - 1].e == d->toks[k].s &&
		(((d->toks[k - 1].lex >> st_lexbit_titles) & 1) ||
		 ((d->toks[k - 1].lex >> st_lexbit_abbreviations) & 1) ||
		 (tok_len(d, k - 1) == 1 && (d->toks[k - 1].f & TK_CAP)));
}

/* a token inside a top-level quotation, or one of its marks */
static bool
in_quote_tok(const StDoc *d, int32_t k)
{
	return d->toks[k].quote >= 0 || quote_opening_at(d, k) >= 0 ||
		(k > 0 && (d->toks[k].f & TK_QMARK) && d->toks[k - 1].quote >= 0);
}
static bool is_weekday_or_time(const StDoc *d, int32_t k);
static const char *cue_lemma(const StDoc *d, int32_t c);
static bool lemma_is(const char *lemma, const char *w);

typedef struct Unit
{
	int32_t		t0;
	int32_t		t1;
	int32_t		ci0;			/* the index in d->cue_toks of its first cue
								 * token (or of the first after it) */
	int32_t		ai0;			/* the same in d->according */
	int32_t		para;
} Unit;

/* ---------- word classes ---------- */

static bool
is_word(const StDoc *d, int32_t k)
{
	return (d->toks[k].f & TK_WORD) != 0;
}

#define TOK_IN(d, k, name) (((d)->toks[(k)].lex >> st_lexbit_##name) & 1)

static bool
is_pronoun(const StDoc *d, int32_t k)
{
	return is_word(d, k) && TOK_IN(d, k, pronouns) &&
		!(tok_is(d, k, "it") && (d->toks[k].f & TK_SSTART) && k + 1 < d->ntoks &&
		  (tok_is(d, k + 1, "is") || tok_is(d, k + 1, "was")));
}

static bool
is_adverb_or_aux(const StDoc *d, int32_t k)
{
	int32_t		n = tok_len(d, k);

	if ((d->toks[k].f & TK_POSS) && k > 0 && is_pronoun(d, k - 1))
		return true;
	if (!is_word(d, k) || (d->toks[k].f & TK_CAP))
		return false;
	if (TOK_IN(d, k, auxiliaries))
		return true;
	/* -ly adverbs */
	return n > 4 && tok_ptr(d, k)[n - 2] == 'l' && tok_ptr(d, k)[n - 1] == 'y';
}

static bool
is_determiner_word(const StDoc *d, int32_t k)
{
	/* literals: tok_is turns most words away by their length alone */
	if (tok_len(d, k) <= 5 &&
		(tok_is(d, k, "a") || tok_is(d, k, "an") || tok_is(d, k, "the") ||
		 tok_is(d, k, "his") || tok_is(d, k, "her") || tok_is(d, k, "its") ||
		 tok_is(d, k, "their") || tok_is(d, k, "our") || tok_is(d, k, "my") ||
		 tok_is(d, k, "your") || tok_is(d, k, "this") || tok_is(d, k, "that") ||
		 tok_is(d, k, "these") || tok_is(d, k, "those") || tok_is(d, k, "no") ||
		 tok_is(d, k, "any") || tok_is(d, k, "each") || tok_is(d, k, "every") ||
		 tok_is(d, k, "such") || tok_is(d, k, "stark")))
		return true;
	return (d->toks[k].f & TK_POSS) != 0;
}

static bool
is_preposition(const StDoc *d, int32_t k)
{
	return TOK_IN(d, k, prepositions);
}

static bool
is_be(const StDoc *d, int32_t k)
{
	/* all but "be" are auxiliaries (lexicon/auxiliaries.txt): test the bit first */
	return tok_is(d, k, "be") ||
		(TOK_IN(d, k, auxiliaries) &&
		 (tok_is(d, k, "been") || tok_is(d, k, "being") ||
		  tok_is(d, k, "is") || tok_is(d, k, "are") || tok_is(d, k, "was") ||
		  tok_is(d, k, "were")));
}

/* "claimed four lives", "claimed victory": taking, not saying */
static bool
claim_of_taking(const StDoc *d, int32_t k)
{
	int32_t		j;

	if (!((tok_ptr(d, k)[0] | 0x20) == 'c' &&
		  (tok_is(d, k, "claim") || tok_is(d, k, "claims") || tok_is(d, k, "claimed") ||
		   tok_is(d, k, "claiming"))))
		return false;
	for (j = k + 1; j < d->ntoks && j <= k + 5 && is_word(d, j); j++)
		if (tok_is(d, j, "lives") || tok_is(d, j, "life") || tok_is(d, j, "victory") ||
			tok_is(d, j, "responsibility") || tok_is(d, j, "credit") ||
			tok_is(d, j, "title") || tok_is(d, j, "seat") || tok_is(d, j, "win") ||
			tok_is(d, j, "prize") || tok_is(d, j, "that"))
			return !tok_is(d, j, "that");
	return false;
}

/*
 * Is token k a reporting verb used as a verb?  *form as st_cue_lookup.
 */
static bool
is_cue_verb_uncached(const StDoc *d, int32_t k, int32_t t0, char *form)
{
	char		f;
	const StTok *t = &d->toks[k];

	if (!(t->f & TK_WORD) || (t->f & TK_POSS) || t->quote >= 0)
		return false;
	if ((t->f & TK_CAP) && !(t->f & TK_SSTART))
		return false;
	if ((f = tok_cue_form(d, k)) == 0)
		return false;
	if (k > t0 && is_determiner_word(d, k - 1) &&
		!((d->toks[k - 1].f & TK_POSS) && k - 1 > t0 && is_pronoun(d, k - 2)))
		return false;
	/* "of Republican claims", "series of tweets" are nouns */
	if ((f == 's' || f == 'b') && !(k > t0 && tok_is(d, k - 1, "to")) &&
		((k > t0 && is_preposition(d, k - 1)) ||
		 (k - 1 > t0 && is_preposition(d, k - 2) && !tok_is(d, k - 2, "to"))))
		return false;
	/* "a stark warning", "the new claims" are nouns; "the minister said" */
	if (k - 1 > t0 && (tok_is(d, k - 2, "a") || tok_is(d, k - 2, "an") ||
					   tok_is(d, k - 2, "the")) && !is_pronoun(d, k - 1) &&
		f != 'd' && !(f == 's' && (TOK_IN(d, k - 1, roles) || TOK_IN(d, k - 1, orgnouns) ||
								   TOK_IN(d, k - 1, titles))))
		return false;
	if (f == 'b')
	{
		/* a base form is a verb after a plural subject, I, we, you, to... */
		int32_t		p = k - 1;
		bool		aux;

		while (p >= t0 && is_adverb_or_aux(d, p))
			p--;
		if (p < t0)
			return false;
		/* "did not say", "doesn't think", "will tell": an auxiliary licenses it */
		aux = p + 1 < k && is_adverb_or_aux(d, p + 1) &&
			!tok_is(d, p + 1, "also") &&
			(tok_ptr(d, p + 1)[tok_len(d, p + 1) - 1] == 't' || tok_is(d, p + 1, "will") ||
			 tok_is(d, p + 1, "would") || tok_is(d, p + 1, "did") || tok_is(d, p + 1, "do") ||
			 tok_is(d, p + 1, "does") || tok_is(d, p + 1, "can") || tok_is(d, p + 1, "could") ||
			 tok_is(d, p + 1, "may") || tok_is(d, p + 1, "might") || tok_is(d, p + 1, "should") ||
			 tok_is(d, p + 1, "must") || tok_is(d, p + 1, "never"));

		if (!aux &&
			!(tok_is(d, p, "they") || tok_is(d, p, "we") || tok_is(d, p, "i") ||
			  tok_is(d, p, "you") || tok_is(d, p, "will") || tok_is(d, p, "would") ||
			  tok_is(d, p, "did") || tok_is(d, p, "to") ||
			  (is_word(d, p) && tok_len(d, p) > 3 && tok_ptr(d, p)[tok_len(d, p) - 1] == 's' &&
			   !(d->toks[p].f & TK_POSS) && !TOK_IN(d, p, prepositions) &&
			   !TOK_IN(d, p, auxiliaries) && tok_cue_form(d, p) == 0)))
			return false;
	}
	/* "the Sunday morning shows, Carson said": a bare -s or base form before
	 * punctuation is a noun */
	if ((f == 's' || f == 'b') && k + 1 < d->ntoks &&
		(tok_char(d, k + 1, ',') || tok_char(d, k + 1, '.') || tok_char(d, k + 1, ';')) &&
		k > t0 && is_word(d, k - 1) && !(d->toks[k - 1].f & TK_CAP) &&
		!is_pronoun(d, k - 1) && !TOK_IN(d, k - 1, roles) && !TOK_IN(d, k - 1, orgnouns) &&
		!is_adverb_or_aux(d, k - 1))
		return false;
	/* "talking points", "come back", "his comments", "federal judges", "to add" */
	if (((f == 's' || f == 'b') && (tok_is(d, k, "points") || tok_is(d, k, "point")) &&
		 !(k + 1 < d->ntoks && (tok_is(d, k + 1, "out") || tok_is(d, k + 1, "to")))) ||
		(f == 'b' && (tok_is(d, k, "back") || tok_is(d, k, "add") || tok_is(d, k, "report"))) ||
		(f == 's' && (tok_is(d, k, "comments") || tok_is(d, k, "judges") ||
					  tok_is(d, k, "reports") || tok_is(d, k, "backs"))))
		return false;
	/* "spoke at a rally" is no statement; "spoke about X", "spoke to X" may be */
	if ((tok_ptr(d, k)[0] | 0x20) == 's' &&
		(tok_is(d, k, "spoke") || tok_is(d, k, "speaks") || tok_is(d, k, "speaking")) &&
		!(k + 1 < d->ntoks && (tok_is(d, k + 1, "about") || tok_is(d, k + 1, "of") ||
							   tok_is(d, k + 1, "out") || tok_is(d, k + 1, "on") ||
							   tok_char(d, k + 1, ':') || tok_char(d, k + 1, ',') ||
							   (d->toks[k + 1].f & TK_QMARK))))
		return false;
	/* "the states", "United States" are places; "the Saudis state", "he states" report */
	if ((f == 's' || f == 'b') && (tok_is(d, k, "states") || tok_is(d, k, "state")) &&
		!(k > t0 && (is_pronoun(d, k - 1) ||
					 ((d->toks[k - 1].f & TK_CAP) && !tok_is(d, k - 1, "united") &&
					  !(d->toks[k - 1].f & TK_SSTART)))))
		return false;
	/* "continued:" introduces a quotation; "continues to rise" does not report */
	if (tok_len(d, k) >= 8 && strncmp(tok_ptr(d, k), "continu", 7) == 0 &&
		!(k + 1 < d->ntoks && (tok_char(d, k + 1, ':') || (d->toks[k + 1].f & TK_QMARK) ||
							   (tok_char(d, k + 1, ',') && k + 2 < d->ntoks &&
								(d->toks[k + 2].f & TK_QMARK)))))
		return false;
	/* "has been mocked", "was criticized": a passive has no speaker as subject */
	if (f == 'd')
	{
		int32_t		p = k - 1;

		while (p >= t0 && is_adverb_or_aux(d, p) && !is_be(d, p))
			p--;
		if (p >= t0 && is_be(d, p) && !(k + 1 < d->ntoks && tok_is(d, k + 1, "by")))
			return false;
	}
	/* "claimed four lives", "claimed victory": taking, not saying */
	if (claim_of_taking(d, k))
		return false;
	if (form)
		*form = f;
	return true;
}

/*
 * is_cue_verb, computed once per token for the whole document (d->cue_cache,
 * filled by st_attribute for each unit) and then looked up: the passes ask
 * about the same tokens many times, mostly with the unit's start as t0.
 */

static inline bool
is_cue_verb(const StDoc *d, int32_t k, int32_t t0, char *form)
{
	if (!(d->toks[k].f & TK_CUE_MASK))
		return false;			/* no cue form: never a cue verb */
	if (d->cue_cache != NULL && d->cue_cache_t0[k] == t0)
	{
		uint8_t		c = d->cue_cache[k];

		if (c && form)
			*form = (char) c;
		return c != 0;
	}
	return is_cue_verb_uncached(d, k, t0, form);
}

/* ---------- noun phrases ---------- */

static bool
is_quantifier(const StDoc *d, int32_t k)
{
	/* only words of seven letters at most, with these initials, can be one */
	if (tok_len(d, k) > 7 || strchr("saombf", tok_ptr(d, k)[0] | 0x20) == NULL)
		return false;
	return tok_is(d, k, "several") || tok_is(d, k, "another") ||
		tok_is(d, k, "others") || tok_is(d, k, "many") || tok_is(d, k, "some") ||
		tok_is(d, k, "both") || tok_is(d, k, "most") || tok_is(d, k, "few") ||
		tok_is(d, k, "one") || tok_is(d, k, "all");
}

static bool
np_word(const StDoc *d, int32_t k)
{
	const StTok *t = &d->toks[k];

	if (t->quote >= 0)
		return false;
	if (t->f & TK_POSS)
		return true;
	/* the apostrophe of a plural possessive: "Farmers' unions" */
	if ((t->f & TK_QMARK) && k > 0 && d->toks[k - 1].e == t->s &&
		(d->toks[k - 1].f & TK_WORD) && tok_ptr(d, k - 1)[tok_len(d, k - 1) - 1] == 's' &&
		k + 1 < d->ntoks && d->toks[k + 1].s > t->e && (d->toks[k + 1].f & TK_WORD) &&
		quote_opening_at(d, k) < 0 && !(d->toks[k - 1].quote >= 0))
		return true;
	if (!(t->f & TK_WORD))
		return tok_char(d, k, '.') && k > 0 && d->toks[k - 1].e == t->s &&
			(TOK_IN(d, k - 1, titles) || tok_len(d, k - 1) == 1);
	/* "Bill de Blasio", "Osama bin Laden" */
	if (k + 1 < d->ntoks && (d->toks[k + 1].f & TK_CAP) && !(t->f & TK_CAP) &&
		(tok_is(d, k, "de") || tok_is(d, k, "bin") || tok_is(d, k, "van") ||
		 tok_is(d, k, "von") || tok_is(d, k, "al") || tok_is(d, k, "da") ||
		 tok_is(d, k, "del") || tok_is(d, k, "la") || tok_is(d, k, "le") ||
		 tok_is(d, k, "di") || tok_is(d, k, "du")))
		return true;
	if (t->f & TK_CAP)
		return !(TOK_IN(d, k, notnames) && !TOK_IN(d, k, determiners)) ||
			(t->f & TK_SSTART && TOK_IN(d, k, determiners));
	return TOK_IN(d, k, determiners) || TOK_IN(d, k, roles) ||
		TOK_IN(d, k, orgnouns) || TOK_IN(d, k, titles) ||
		tok_is(d, k, "his") || tok_is(d, k, "her") || tok_is(d, k, "their") ||
		tok_is(d, k, "and") || tok_is(d, k, "of") || tok_is(d, k, "for") ||
		tok_is(d, k, "u.s.") || (t->f & TK_NUM);
}

static bool
np_head_ok(const StDoc *d, int32_t a, int32_t b)
{
	int32_t		k;

	for (k = a; k < b; k++)
	{
		const StTok *t = &d->toks[k];

		if ((t->f & TK_WORD) && !(t->f & TK_POSS) &&
			(((t->f & TK_CAP) && !TOK_IN(d, k, determiners) && !TOK_IN(d, k, notnames)) ||
			 TOK_IN(d, k, roles) || TOK_IN(d, k, orgnouns) ||
			 (TOK_IN(d, k, titles) && k == b - 1)))
			return true;
	}
	return false;
}

/* trim connective words at the edges of an NP */
static void
np_trim(const StDoc *d, int32_t *a, int32_t *b)
{
	/* (the words tested are of three letters at most) */
	while (*a < *b && ((tok_len(d, *a) <= 3 &&
						(tok_is(d, *a, "and") || tok_is(d, *a, "of") ||
						 tok_is(d, *a, "for"))) || (d->toks[*a].f & TK_POSS) ||
					   tok_char(d, *a, '.')))
		(*a)++;
	while (*b > *a && tok_len(d, *b - 1) <= 3 &&
		   (tok_is(d, *b - 1, "and") || tok_is(d, *b - 1, "of") ||
			tok_is(d, *b - 1, "for") || tok_is(d, *b - 1, "the") ||
			tok_is(d, *b - 1, "a") || tok_is(d, *b - 1, "an")))
		(*b)--;
}

/* a parenthetical "(D-Wis.)" ending at token b - 1: its first token, or -1 */
static int32_t
paren_left(const StDoc *d, int32_t a, int32_t b)
{
	int32_t		k;

	if (b - 1 < a || !tok_char(d, b - 1, ')'))
		return -1;
	for (k = b - 2; k >= a && b - k <= 10; k--)
		if (tok_char(d, k, '('))
			return k;
	return -1;
}

/* a lower-case word that can head a description: "the announcer" */
static bool
generic_head(const StDoc *d, int32_t k)
{
	const StTok *t = &d->toks[k];

	return (t->f & TK_WORD) && !(t->f & (TK_CAP | TK_NUM | TK_POSS)) &&
		t->quote < 0 && tok_len(d, k) >= 3 && !TOK_IN(d, k, notnames) &&
		!TOK_IN(d, k, pronouns) &&
		(tok_cue_form(d, k) == 0 || tok_cue_form(d, k) == 'b' || tok_cue_form(d, k) == 's');
}

/* a lower-case word that can modify a noun: not a verb, auxiliary or link word */
static bool
plain_modifier(const StDoc *d, int32_t k)
{
	const StTok *t = &d->toks[k];

	return (t->f & TK_WORD) && !(t->f & (TK_CAP | TK_NUM | TK_POSS)) && t->quote < 0 &&
		tok_len(d, k) >= 3 && tok_cue_form(d, k) == 0 && !TOK_IN(d, k, auxiliaries) &&
		!TOK_IN(d, k, prepositions) && !TOK_IN(d, k, connectives) &&
		!TOK_IN(d, k, pronouns) && !TOK_IN(d, k, notnames) && !is_be(d, k) &&
		!is_determiner_word(d, k);
}

/* a lower-case noun naming a role: in the role list or ending like one */
static bool
role_like(const StDoc *d, int32_t k)
{
	const char *w = tok_ptr(d, k);
	int32_t		n = tok_len(d, k);

	if (!plain_modifier(d, k) && !TOK_IN(d, k, roles))
		return false;
	if (TOK_IN(d, k, roles))
		return true;
	if (n < 5)
		return false;
	return (w[n - 2] == 'e' && w[n - 1] == 'r') || (w[n - 2] == 'o' && w[n - 1] == 'r') ||
		(n > 5 && strncmp(w + n - 3, "ist", 3) == 0) || strncmp(w + n - 3, "ant", 3) == 0 ||
		strncmp(w + n - 3, "ent", 3) == 0 || strncmp(w + n - 3, "ian", 3) == 0 ||
		strncmp(w + n - 3, "ate", 3) == 0 || strncmp(w + n - 3, "eon", 3) == 0;
}

/* the NP that ends just before token b, not before a; false if none */
static bool
np_core_left(const StDoc *d, int32_t a, int32_t b, int32_t *na, int32_t *nb)
{
	int32_t		k = b - 1;
	int32_t		p;

	if (k < a)
		return false;
	if (is_pronoun(d, k))
	{
		*na = k;
		*nb = k + 1;
		return true;
	}
	/* "opponents say", "authorities said": a bare plural noun */
	if (k == b - 1 && generic_head(d, k) && !np_word(d, k) && tok_len(d, k) > 3 &&
		tok_ptr(d, k)[tok_len(d, k) - 1] == 's' &&
		(k == a || !(is_word(d, k - 1) && !(d->toks[k - 1].f & TK_CAP) &&
					 !TOK_IN(d, k - 1, determiners) && !is_determiner_word(d, k - 1) &&
					 !tok_is(d, k - 1, "and") && !tok_is(d, k - 1, "of"))))
	{
		int32_t		m = k - 1;

		/* with its modifiers: "Democratic strategists", "the experts" */
		while (m >= a && k - m <= 6 && np_word(d, m))
			m--;
		*na = m + 1;
		*nb = b;
		np_trim(d, na, nb);
		return *na < *nb;
	}
	/* Rep. Gwen Moore (D-Wis.) said */
	if ((p = paren_left(d, a, b)) > a && is_word(d, p - 1) && (d->toks[p - 1].f & TK_CAP))
		k = p - 1;
	/* "the announcer said", "Gary Johnson's doctor is calling" */
	if (generic_head(d, k) && !np_word(d, k) && k - 1 >= a &&
		(np_word(d, k - 1) || generic_head(d, k - 1)))
	{
		int32_t		j = k - 1;

		if (generic_head(d, j) && !np_word(d, j) && j - 1 >= a && np_word(d, j - 1))
			j--;			/* "the ad's narrator", "his top aide" */
		if (np_word(d, j))
		{
			int32_t		m = j;

			while (m >= a && k - m <= 10 && np_word(d, m))
				m--;
			if (is_determiner_word(d, m + 1) || (d->toks[j].f & (TK_CAP | TK_POSS | TK_NUM)) ||
				TOK_IN(d, m + 1, determiners))
			{
				*na = m + 1;
				*nb = b;
				np_trim(d, na, nb);
				if (*na <= k)
					return true;
			}
		}
	}
	while (k >= a && b - k <= 12 && np_word(d, k))
		k--;
	/*
	 * A role noun before a name: "Retired neurosurgeon Ben Carson", "former
	 * George W. Bush speechwriter Noam Neusner", "state delegate Mary Susan".
	 */
	while (k >= a && k + 1 < b && (d->toks[k + 1].f & TK_CAP) && role_like(d, k))
	{
		k--;
		while (k >= a && b - k <= 14 && (np_word(d, k) || (plain_modifier(d, k) &&
															k + 1 < b && role_like(d, k + 1))))
			k--;
	}
	/*
	 * Adjectives between a determiner and the rest: "A defensive Obama",
	 * "three current and former Podesta employees", "An earlier report".
	 */
	if (k >= a && k < b - 1 && plain_modifier(d, k))
	{
		int32_t		j = k;

		while (j >= a && k - j < 3 && (plain_modifier(d, j) || tok_is(d, j, "and")))
			j--;
		if (j >= a && (is_determiner_word(d, j) || TOK_IN(d, j, determiners) ||
					   (d->toks[j].f & TK_NUM)))
		{
			k = j - 1;
			while (k >= a && b - k <= 12 && np_word(d, k))
				k--;
		}
	}
	*na = k + 1;
	*nb = b;
	/* "of" and "for" only inside a name or title: Secretary of State */
	np_trim(d, na, nb);
	if (*na < *nb && !np_head_ok(d, *na, *nb) && *nb - *na == 1 && (d->toks[*na].f & TK_NUM) &&
		b == *nb)
		return true;			/* "43 said", "59 percent said" */
	if (!(*na < *nb && np_head_ok(d, *na, *nb)))
		return false;

	/*
	 * A noun phrase with a prepositional phrase: "attorneys for the family",
	 * "elected officials from both parties", "regulators and advisers to
	 * Patriot".  One level, when a plain noun phrase stands before the
	 * preposition.
	 */
	if (*na - 2 >= a && (tok_is(d, *na - 1, "for") || tok_is(d, *na - 1, "from") ||
						 tok_is(d, *na - 1, "to") || tok_is(d, *na - 1, "at") ||
						 tok_is(d, *na - 1, "with") || tok_is(d, *na - 1, "in")) &&
		(generic_head(d, *na - 2) || TOK_IN(d, *na - 2, roles)) &&
		tok_ptr(d, *na - 2)[tok_len(d, *na - 2) - 1] == 's')
	{
		int32_t		p = *na - 2;

		while (p - 1 >= a && (plain_modifier(d, p - 1) || np_word(d, p - 1)) && *na - p < 6)
			p--;
		if (p == a || !is_word(d, p - 1) || tok_char(d, p - 1, ',') ||
			is_determiner_word(d, p) || TOK_IN(d, p, determiners))
			*na = p;
	}
	return true;
}

/* the NP that starts at token a, before b */
static bool
np_core_right(const StDoc *d, int32_t a, int32_t b, int32_t *na, int32_t *nb)
{
	int32_t		k = a;

	if (k >= b)
		return false;
	if (is_pronoun(d, k))
	{
		*na = k;
		*nb = k + 1;
		return true;
	}
	while (k < b && k - a < 10 && np_word(d, k))
	{
		/* "the ministry said" : stop before a cue */
		if (k > a && is_word(d, k) && !(d->toks[k].f & TK_CAP) &&
			tok_cue_form(d, k) != 0 &&
			!TOK_IN(d, k, roles))
			break;
		k++;
	}
	/* "the New York businessman said" */
	if (k < b && k > a && generic_head(d, k) && k + 1 < b &&
		(is_determiner_word(d, a) || TOK_IN(d, a, determiners)))
	{
		int32_t		c = k + 1;

		while (c < b && is_adverb_or_aux(d, c))
			c++;
		if (c < b && tok_cue_form(d, c) != 0)
			k++;
	}
	/* "Sen. Susan Collins (Maine)": a parenthetical after a name */
	if (k > a && k < b && tok_char(d, k, '(') && (d->toks[k - 1].f & TK_CAP))
	{
		int32_t		e = k + 1;

		while (e < b && e - k < 8 && !tok_char(d, e, ')') && !in_quote_tok(d, e))
			e++;
		if (e < b && tok_char(d, e, ')'))
			k = e + 1;
	}
	*na = a;
	*nb = k;
	np_trim(d, na, nb);
	return *na < *nb && (np_head_ok(d, *na, *nb) || generic_head(d, *nb - 1));
}

/*
 * The subject NP of a cue at token c: skips adverbs and auxiliaries, and an
 * appositive or relative clause set off by commas ("X, the spokeswoman for
 * Y, said").  The appositive goes to apa, apb (or -1).
 */
static bool
subject_left(const StDoc *d, int32_t t0, int32_t c, int32_t *na, int32_t *nb,
			 int32_t *apa, int32_t *apb)
{
	int32_t		b = c;

	*apa = *apb = -1;
	while (b - 1 >= t0 && is_adverb_or_aux(d, b - 1))
		b--;
	if (b - 1 < t0)
		return false;
	if (tok_char(d, b - 1, ','))
	{
		int32_t		k;
		int32_t		fa = -1,
					fb = -1,
					fap = -1;
		int			segments = 0;

		/*
		 * The clause's first noun phrase, when a comma closes it and only
		 * commas and words lie between it and the cue: "Elward Edd, an
		 * official at the Housing Authority in Arizona, which has ..., said".
		 */
		{
			int32_t		xa,
						xb,
						j;
			bool		clean = true;

			for (j = t0; j < b - 1 && clean; j++)
				if (in_quote_tok(d, j))
					clean = false;
			if (clean && b - t0 < 60 && np_core_right(d, t0, b - 1, &xa, &xb) &&
				xa == t0 && xb < b - 1 && tok_char(d, xb, ',') &&
				(is_pronoun(d, xb - 1) || (d->toks[xb - 1].f & TK_CAP) ||
				 TOK_IN(d, xb - 1, roles) || TOK_IN(d, xb - 1, orgnouns)))
			{
				*na = xa;
				*nb = xb;
				*apa = xb + 1;
				*apb = b - 1;
				return true;
			}
		}

		/*
		 * Walk back over comma-separated segments ("Clinton, 35, the
		 * daughter of X, said"; "Sanders, meanwhile, who sits ..., said"):
		 * the first segment that ends in a name or a pronoun is the subject;
		 * failing that, the nearest noun phrase.
		 */
		for (k = b - 2; k >= t0 && b - k < 60 && segments < 4; k--)
		{
			if (d->toks[k].quote >= 0 || quote_opening_at(d, k) >= 0 ||
				(k > 0 && (d->toks[k].f & TK_QMARK) && d->toks[k - 1].quote >= 0))
				break;
			if (tok_char(d, k, ',') || tok_char(d, k, '('))
			{
				int32_t		xa,
							xb;

				segments++;
				if (np_core_left(d, t0, k, &xa, &xb))
				{
					if (is_pronoun(d, xb - 1) || (d->toks[xb - 1].f & TK_CAP))
					{
						*na = xa;
						*nb = xb;
						*apa = k + 1;
						*apb = b - 1;
						return true;
					}
					if (fa < 0)
					{
						fa = xa;
						fb = xb;
						fap = k + 1;
					}
				}
			}
		}
		if (fa >= 0)
		{
			*na = fa;
			*nb = fb;
			*apa = fap;
			*apb = b - 1;
			return true;
		}
		return false;
	}
	/* "Several said", "Another said", "Others said" */
	if (is_quantifier(d, b - 1) && (b - 1 == t0 || !is_word(d, b - 2) ||
									 tok_is(d, b - 2, "yet") || tok_is(d, b - 2, "but") ||
									 tok_is(d, b - 2, "and")))
	{
		*na = b - 1;
		*nb = b;
		return true;
	}
	return np_core_left(d, t0, b, na, nb);
}

/* ---------- statements ---------- */

typedef struct Ctx
{
	StDoc	   *d;
	Unit	   *units;
	int32_t		nunits;
	StStmt	   *stmts;
	int32_t		nstmts;
	int32_t		scap;
	const int32_t *cue_toks;	/* the tokens with a cue form, in order
								 * (d->cue_toks) */
	int32_t		ncue_toks;
	int32_t		qcursor;		/* first_in_quote's place in d->quotes */
} Ctx;

/* the index in x->cue_toks of the first cue token of unit u (or after it) */
static inline int32_t
first_cue_tok(const Ctx *x, const Unit *u)
{
	(void) x;
	return u->ci0;
}

static StStmt *
new_stmt(Ctx *x)
{
	StStmt	   *s;

	x->stmts = st_grow(x->d->arena, x->stmts, &x->scap, x->nstmts, sizeof(StStmt));
	if (x->stmts == NULL)
		return NULL;
	s = &x->stmts[x->nstmts++];
	memset(s, 0, sizeof(StStmt));
	s->cue0 = s->cue1 = s->m0 = s->m1 = s->ap0 = s->ap1 = -1;
	s->inherit = -1;
	s->speaker = -1;
	return s;
}

/* index of the top-level quote whose opening mark is token k, or -1 */
static int32_t
quote_opening_at(const StDoc *d, int32_t k)
{
	if (k + 1 < d->ntoks && d->toks[k].f & TK_QMARK && d->toks[k + 1].quote >= 0 &&
		d->quotes[d->toks[k + 1].quote].open == d->toks[k].s)
		return d->toks[k + 1].quote;
	if (k + 1 < d->ntoks && d->toks[k].f & TK_QMARK)
	{
		/* an empty or one-mark quotation: binary search by opening offset */
		int32_t		lo = 0,
					hi = d->nquotes - 1,
					off = d->toks[k].s;

		while (lo <= hi)
		{
			int32_t		mid = (lo + hi) / 2;

			if (d->quotes[mid].open == off)
				return mid;
			if (d->quotes[mid].open < off)
				lo = mid + 1;
			else
				hi = mid - 1;
		}
	}
	return -1;
}

/* is token k part of a top-level quotation (marks included)? */
static inline int32_t
in_quote(const StDoc *d, int32_t k, int32_t *qidx)
{
	if (d->toks[k].quote >= 0)
	{
		*qidx = d->toks[k].quote;
		return 1;
	}
	if (d->toks[k].f & TK_QMARK)
	{
		/* marks: opening mark is followed by quote tokens; closing preceded */
		if (k + 1 < d->ntoks && d->toks[k + 1].quote >= 0 &&
			d->quotes[d->toks[k + 1].quote].open == d->toks[k].s)
		{
			*qidx = d->toks[k + 1].quote;
			return 1;
		}
		if (k > 0 && d->toks[k - 1].quote >= 0 &&
			d->quotes[d->toks[k - 1].quote].close == d->toks[k].s)
		{
			*qidx = d->toks[k - 1].quote;
			return 1;
		}
	}
	return 0;
}

/*
 * The first token of [a, b) that in_quote holds for, or -1, from the
 * quotation table rather than token by token.  in_quote holds for the
 * tokens [tok0, tok1) of a quotation with any, and for the marks on either
 * side of them when it says so; for no other token.
 */
static int32_t
first_in_quote(const StDoc *d, int32_t *cursor, int32_t a, int32_t b)
{
	int32_t		lo = *cursor,
				q,
				r;

	/*
	 * The first quotation whose tokens do not all come before a: the calls
	 * come in text order, so from where the last one stopped.
	 */
	if (lo > 0 && d->quotes[lo - 1].tok1 >= a)
		lo = 0;
	while (lo < d->nquotes && d->quotes[lo].tok1 < a)
		lo++;
	*cursor = lo;
	for (q = lo; q < d->nquotes && d->quotes[q].tok0 - 1 < b; q++)
	{
		const StQuote *Q = &d->quotes[q];

		if (Q->tok0 >= Q->tok1)
			continue;			/* no token inside: in_quote holds for none */
		/* its marks, if in_quote takes them */
		if (Q->tok0 - 1 >= a && in_quote(d, Q->tok0 - 1, &r))
			return Q->tok0 - 1;
		if (Q->tok1 > a)
			return Q->tok0 > a ? (Q->tok0 < b ? Q->tok0 : -1) : (a < b ? a : -1);
		if (Q->tok1 == a && a < b && a < d->ntoks && in_quote(d, a, &r))
			return a;
	}
	return -1;
}

/* the token range of quote q including its marks */
static void
quote_tokens(const StDoc *d, int32_t q, int32_t *a, int32_t *b)
{
	const StQuote *Q = &d->quotes[q];

	*a = Q->tok0 - 1;
	*b = (Q->flags & (QF_CONT_NEXT | QF_UNCLOSED)) ? Q->tok1 : Q->tok1 + 1;
}

static bool
is_clause_connective(const StDoc *d, int32_t k)
{
	return TOK_IN(d, k, connectives);
}

static bool
is_end_punct(const StDoc *d, int32_t k)
{
	return tok_char(d, k, '.') || tok_char(d, k, ',') || tok_char(d, k, ';') ||
		tok_char(d, k, ':') || tok_char(d, k, '!') || tok_char(d, k, '?') ||
		(tok_len(d, k) == 3 && (unsigned char) tok_ptr(d, k)[0] == 0xE2 &&
		 (unsigned char) tok_ptr(d, k)[1] == 0x80 &&
		 ((unsigned char) tok_ptr(d, k)[2] == 0x94 || (unsigned char) tok_ptr(d, k)[2] == 0xA6));
}

/*
 * st_cue_lookup of token c.  A lower-case word with no cue form is none:
 * st_classify_tokens looked it up (or its filters, which never turn a cue
 * away, did), so only other tokens take the lookup.
 */
static const char *
cue_lookup_tok(const StDoc *d, int32_t c)
{
	uint16_t	f = d->toks[c].f;

	if (!(f & TK_CUE_MASK) && (f & (TK_WORD | TK_CAP | TK_POSS | TK_NUM)) == TK_WORD)
		return NULL;
	/* a token with a cue form: st_classify_tokens kept its entry */
	if ((f & TK_CUE_MASK) && d->cue_ent != NULL)
		return d->cue_ent[c];
	return st_cue_lookup(tok_ptr(d, c), tok_len(d, c), NULL);
}

/* the lemma of the cue at token c ("say" for "said"), or NULL */
static const char *
cue_lemma(const StDoc *d, int32_t c)
{
	const char *e = cue_lookup_tok(d, c);
	const char *v;

	if (e == NULL)
		return NULL;
	v = st_lex_value(e);
	return v ? v : e;
}

/* does a lemma (an entry "say|" or a value "say") equal w? */
static bool
lemma_is(const char *lemma, const char *w)
{
	size_t		n = strlen(w);

	return strncmp(lemma, w, n) == 0 && (lemma[n] == '\0' || lemma[n] == '|');
}

/* verbs whose object is the hearer: tell X that, ask X whether */
static bool
hearer_verb(const StDoc *d, int32_t c)
{
	const char *e = cue_lookup_tok(d, c);
	const char *v = e ? st_lex_value(e) : NULL;
	int			n;
	static const char *const w[] = {
		"tell", "ask", "remind", "inform", "assure", "notify", "advise",
		"reassure", "promise", "warn", "caution", "instruct", NULL
	};
	int			i;

	if (e == NULL)
		return false;
	if (v == NULL)
	{
		v = e;
		n = (int) (strchr(e, '|') - e);
	}
	else
		n = (int) strlen(v);
	/* w[i] is v when their first n bytes match and w[i] ends there */
	for (i = 0; w[i]; i++)
		if (w[i][0] == v[0] && strncmp(w[i], v, n) == 0 && w[i][n] == '\0')
			return true;
	return false;
}

static bool
is_object_pronoun(const StDoc *d, int32_t k)
{
	return tok_is(d, k, "him") || tok_is(d, k, "her") || tok_is(d, k, "them") ||
		tok_is(d, k, "us") || tok_is(d, k, "me") || tok_is(d, k, "you") ||
		tok_is(d, k, "reporters") || tok_is(d, k, "journalists") ||
		tok_is(d, k, "supporters") || tok_is(d, k, "voters");
}

/*
 * Content of a cue-before statement: from token a to the clause edge after
 * the last quotation, not past token lim (the next cue's clause).
 */
static void
content_after_cue(Ctx *x, int32_t a, int32_t lim, int32_t *c0, int32_t *c1,
				  StKind *kind)
{
	StDoc	   *d = x->d;
	int32_t		k,
				q,
				last_q = -1,
				first_q = -1,
				nq = 0;
	int32_t		end;

	/* skip ':' ',' after the cue */
	while (a < lim && (tok_char(d, a, ':') || tok_char(d, a, ',')))
		a++;
	/*
	 * "said in an interview Wednesday that ...", "told a crowded hall that":
	 * adjuncts between the cue and its "that" or "whether" are not content.
	 */
	{
		int32_t		j;
		char		f;

		for (j = a; j < lim && j - a < 20; j++)
		{
			/* a verb between means "that" belongs to a clause of the content */
			if (in_quote(d, j, &q) || (d->toks[j].f & TK_QMARK) || tok_char(d, j, ';') ||
				tok_char(d, j, ':') || tok_char(d, j, ',') || is_cue_verb(d, j, a, &f) ||
				is_be(d, j) ||
				(TOK_IN(d, j, auxiliaries) &&
				 (tok_is(d, j, "has") || tok_is(d, j, "have") ||
				  tok_is(d, j, "had") || tok_is(d, j, "will") || tok_is(d, j, "would") ||
				  tok_is(d, j, "can") || tok_is(d, j, "could") || tok_is(d, j, "should") ||
				  tok_is(d, j, "must") || tok_is(d, j, "may") || tok_is(d, j, "might"))))
				break;
			if (j > a && (tok_is(d, j, "that") || tok_is(d, j, "whether")))
			{
				a = j;
				break;
			}
		}
	}
	/* "told reporters (that)", "asked Pence whether": the hearer is no content */
	if (a > 0 && a < lim && hearer_verb(d, a - 1))
	{
		int32_t		na,
					nb;

		if (is_object_pronoun(d, a))
			a++;
		else if (np_core_right(d, a, lim, &na, &nb) && na == a && nb < lim &&
				 !(d->toks[nb].f & TK_PUNCT))
			a = nb;
	}
	/* a colon or a comma right before the first quotation introduces it */
	for (k = a; k < lim && k < a + 12; k++)
	{
		if (in_quote(d, k, &q))
			break;
		if ((tok_char(d, k, ':') || tok_char(d, k, ',')) && k + 1 < lim &&
			quote_opening_at(d, k + 1) >= 0)
		{
			a = k + 1;
			break;
		}
	}
	for (k = a; k < lim; k++)
	{
		if (in_quote(d, k, &q))
		{
			int32_t		qa,
						qb;

			if (first_q < 0)
				first_q = q;
			if (q != last_q)
				nq++;
			last_q = q;
			quote_tokens(d, q, &qa, &qb);
			if (qb > k + 1)
				k = qb - 1;
		}
	}
	/* the clause edge after the last quotation */
	end = lim;
	if (last_q >= 0)
	{
		int32_t		qa,
					qb;

		quote_tokens(d, last_q, &qa, &qb);
		/* "'going along well,' with ..." : a comma inside the last quotation */
		if (qb < lim && is_clause_connective(d, qb) && qb - 2 >= 0 &&
			tok_char(d, qb - 2, ','))
			end = qb;
		for (k = qb; k < end; k++)
		{
			if (tok_char(d, k, ';') || tok_char(d, k, ':') ||
				(tok_char(d, k, ',') && k + 1 < lim && is_clause_connective(d, k + 1)) ||
				(tok_len(d, k) == 3 && (unsigned char) tok_ptr(d, k)[2] == 0x94 &&
				 (unsigned char) tok_ptr(d, k)[0] == 0xE2))
			{
				end = k;
				break;
			}
		}
	}
	/* drop final punctuation outside quotations */
	while (end > a && d->toks[end - 1].quote < 0 &&
		   !(d->toks[end - 1].f & TK_QMARK) && is_end_punct(d, end - 1))
		end--;
	if (end <= a)
	{
		*c0 = *c1 = -1;
		return;
	}
	if (nq == 1 && first_q >= 0)
	{
		int32_t		qa,
					qb;

		quote_tokens(d, first_q, &qa, &qb);
		if (qa == a && qb >= end)
		{
			*kind = ST_KIND_DIRECT;
			*c0 = d->quotes[first_q].open_e;
			*c1 = d->quotes[first_q].close;
			return;
		}
	}
	*kind = ST_KIND_MIXED;
	*c0 = d->toks[a].s;
	*c1 = d->toks[end - 1].e;
}

/* extend a statement over following cue-less units that are quotations */
static int32_t
absorb_followers(Ctx *x, StStmt *s, int32_t ui)
{
	StDoc	   *d = x->d;

	while (ui + 1 < x->nunits && x->units[ui + 1].para == x->units[ui].para)
	{
		Unit	   *u = &x->units[ui + 1];
		int32_t		q = quote_opening_at(d, u->t0);
		int32_t		qa,
					qb,
					k;
		bool		ok = true;

		if (q < 0)
			break;
		quote_tokens(d, q, &qa, &qb);
		for (k = qb; k < u->t1; k++)
			if (!is_end_punct(d, k) && !(d->toks[k].f & TK_QMARK))
				ok = false;
		if (!ok)
			break;
		s->c1 = d->quotes[q].close;
		s->kind = ST_KIND_MIXED;
		ui++;
	}
	return ui;
}

/* Q , [NP] CUE [NP] : the attribution after a quotation */
static bool
attribution_after(Ctx *x, int32_t a, int32_t t1, StStmt *s)
{
	StDoc	   *d = x->d;
	int32_t		k = a;
	int32_t		na,
				nb;
	char		f;

	while (k < t1 && (is_end_punct(d, k) || tok_char(d, k, '-')) &&
		   !tok_char(d, k, '.'))
		k++;
	if (k >= t1 || k == a)
	{
		/* needs a comma (or ? ! —) between the quotation and its cue,
		 * except for a cue right after the mark: "Yes" she said */
		if (k >= t1)
			return false;
	}
	/* "... ," said X */
	if (is_cue_verb(d, k, a, &f) && f != 'g')
	{
		int32_t		c = k;

		s->cue0 = c;
		s->cue1 = c + 1;
		if (np_core_right(d, c + 1, t1, &na, &nb))
		{
			s->m0 = na;
			s->m1 = nb;
			/* ", the spokeswoman for ..." */
			if (nb + 1 < t1 && tok_char(d, nb, ','))
			{
				int32_t		e = nb + 1;

				while (e < t1 && !tok_char(d, e, ',') &&
					   !(tok_char(d, e, '.') && !abbrev_period(d, e)) &&
					   d->toks[e].quote < 0 && !(d->toks[e].f & TK_QMARK))
					e++;
				if (e > nb + 1)
				{
					s->ap0 = nb + 1;
					s->ap1 = e;
				}
			}
			return true;
		}
		/* cue with no NP after it: "...," added Mr. X later */
		return false;
	}
	/* "... ," X [, appositive,] [adverb] cue */
	if (np_core_right(d, k, t1, &na, &nb))
	{
		int32_t		c = nb;
		int32_t		apa = -1,
					apb = -1;

		/* "Jason Chaffetz (R-Utah) said" */
		if (c < t1 && tok_char(d, c, '('))
		{
			int32_t		e = c + 1;

			while (e < t1 && e - c < 10 && !tok_char(d, e, ')'))
				e++;
			if (e < t1 && tok_char(d, e, ')'))
				c = e + 1;
		}

		if (c < t1 && tok_char(d, c, ','))
		{
			int32_t		e = c + 1;

			while (e < t1 && e - c < 30 && !tok_char(d, e, ',') &&
				   d->toks[e].quote < 0 && !(d->toks[e].f & TK_QMARK))
				e++;
			if (e < t1 && tok_char(d, e, ','))
			{
				apa = c + 1;
				apb = e;
				c = e + 1;
			}
		}
		while (c < t1 && is_adverb_or_aux(d, c))
			c++;
		if (c < t1 && is_cue_verb(d, c, a, &f) && (f != 'b' || is_pronoun(d, nb - 1) ||
												 tok_ptr(d, nb - 1)[tok_len(d, nb - 1) - 1] == 's'))
		{
			s->cue0 = c;
			s->cue1 = c + 1;
			s->m0 = na;
			s->m1 = nb;
			s->ap0 = apa;
			s->ap1 = apb;
			return true;
		}
	}
	return false;
}

/* extend a cue over a following particle or phrase: "pointed out", "told reporters" */
static int32_t
cue_extent(const StDoc *d, int32_t c, int32_t t1)
{
	if (c + 1 < t1 && (tok_is(d, c + 1, "out") || tok_is(d, c + 1, "to") ||
					   tok_is(d, c + 1, "on")) &&
		(tok_is(d, c, "pointed") || tok_is(d, c, "points") ||
		 tok_is(d, c, "point") || tok_is(d, c, "went") || tok_is(d, c, "goes") ||
		 tok_is(d, c, "pointing")))
		return c + 2;
	return c + 1;
}

/* a cue in a relative clause: "who served", "which endorsed" */
static bool
is_relative_cue(const StDoc *d, int32_t c, int32_t t0)
{
	int32_t		p = c - 1;

	while (p >= t0 && is_adverb_or_aux(d, p))
		p--;
	return p >= t0 && (tok_is(d, p, "who") || tok_is(d, p, "which") ||
					   tok_is(d, p, "whom") || tok_is(d, p, "whose"));
}

/* a cue coordinated with the one before: "and claimed" */
static bool
is_coordinated(const StDoc *d, int32_t c, int32_t t0)
{
	return c > t0 && (tok_is(d, c - 1, "and") || tok_is(d, c - 1, "but"));
}

/* a participle cue after a comma: ", adding", ", saying" */
static bool
is_participle_cue(const StDoc *d, int32_t c, int32_t t0)
{
	return c > t0 && tok_char(d, c - 1, ',') &&
		tok_cue_form(d, c) == 'g';
}

/* "” ― Sonya Herridge": a name after a dash right after the quotation */
static bool
dash_attribution(const StDoc *d, int32_t a, int32_t t1, int32_t *na, int32_t *nb)
{
	const char *p;

	if (a >= t1 || tok_len(d, a) != 3)
		return false;
	p = tok_ptr(d, a);
	/* ― — – */
	if (!((unsigned char) p[0] == 0xE2 && (unsigned char) p[1] == 0x80 &&
		  ((unsigned char) p[2] == 0x95 || (unsigned char) p[2] == 0x94 ||
		   (unsigned char) p[2] == 0x93)))
		return false;
	if (!np_core_right(d, a + 1, t1, na, nb) || is_pronoun(d, *na))
		return false;
	return true;
}

/* does content [a, b) hold a top-level quotation? */
static bool
has_quote_in(const StDoc *d, int32_t a, int32_t b)
{
	int32_t		k,
				q;

	for (k = a; k < b; k++)
		if (in_quote(d, k, &q))
			return true;
	return false;
}

/* the end of an NP-like stretch after token a: up to a comma or the end */
static int32_t
stretch_end(const StDoc *d, int32_t a, int32_t t1)
{
	int32_t		k,
				q;

	for (k = a; k < t1 && k - a < 25; k++)
		if (tok_char(d, k, ',') || tok_char(d, k, ';') || in_quote(d, k, &q) ||
			(tok_char(d, k, '.') && k + 1 >= t1))
			break;
	return k;
}

/*
 * "(When) asked whom she supported, ...": a question put to the speaker,
 * whose answer follows; the question is a statement with no source named.
 */
static StStatus
asked_clause(Ctx *x, Unit *u)
{
	StDoc	   *d = x->d;
	int32_t		k = u->t0,
				a,
				e;
	StStmt	   *s;

	if (k < u->t1 && (tok_is(d, k, "when") || tok_is(d, k, "if") || tok_is(d, k, "after")))
		k++;
	if (k + 2 >= u->t1 || !tok_is(d, k, "asked"))
		return ST_OK;
	a = k + 1;
	while (a < u->t1 && (is_weekday_or_time(d, a) || tok_is(d, a, "about") ||
						 tok_is(d, a, "by")))
	{
		if (tok_is(d, a, "by"))
			return ST_OK;		/* "asked by a reporter": the asker is named */
		a++;
	}
	for (e = a; e < u->t1 && e - a < 25; e++)
		if (tok_char(d, e, ',') || in_quote_tok(d, e))
			break;
	if (e >= u->t1 || !tok_char(d, e, ',') || e - a < 1)
		return ST_OK;
	if (!(s = new_stmt(x)))
		return ST_ERR_NOMEM;
	s->para = u->para;
	s->kind = ST_KIND_INDIRECT;
	s->cue0 = k;
	s->cue1 = k + 1;
	s->c0 = d->toks[a].s;
	s->c1 = d->toks[e - 1].e;
	return ST_OK;
}

/*
 * "According to X, ..." and "..., according to X."  Returns true when the
 * unit's statement was made here.
 */
static StStatus
according_to(Ctx *x, Unit *u, bool *done)
{
	StDoc	   *d = x->d;
	int32_t		k,
				q;
	StStmt	   *s;

	*done = false;
	/* the unit's tokens "according", from st_classify_tokens' list */
	for (int32_t ai = u->ai0;
		 ai < d->naccording && (k = d->according[ai]) + 2 < u->t1; ai++)
	{
		int32_t		a,
					e,
					c0,
					c1;

		if (!tok_is(d, k + 1, "to"))
			continue;
		if (in_quote(d, k, &q))
			continue;
		a = k + 2;
		e = stretch_end(d, a, u->t1);
		if (e == a)
			return ST_OK;
		if (k == u->t0 || (k == u->t0 + 1 && (d->toks[u->t0].f & TK_PUNCT)))
		{
			/* According to X, CONTENT */
			if (e >= u->t1 || !tok_char(d, e, ','))
				return ST_OK;
			c0 = e + 1;
			c1 = u->t1;
			while (c1 > c0 && !(d->toks[c1 - 1].f & TK_QMARK) && is_end_punct(d, c1 - 1))
				c1--;
		}
		else if (tok_char(d, k - 1, ',') && (e >= u->t1 - 1))
		{
			/* CONTENT, according to X. */
			c0 = u->t0;
			c1 = k - 1;
			while (c1 > c0 && !(d->toks[c1 - 1].f & TK_QMARK) && is_end_punct(d, c1 - 1))
				c1--;
		}
		else if (tok_char(d, k - 1, ',') && e < u->t1 && tok_char(d, e, ','))
		{
			/* CONTENT, according to X, CONTENT: the sentence around it */
			c0 = u->t0;
			c1 = u->t1;
			while (c1 > c0 && !(d->toks[c1 - 1].f & TK_QMARK) && is_end_punct(d, c1 - 1))
				c1--;
		}
		else
			return ST_OK;
		if (c1 - c0 < 3)
			return ST_OK;
		while (e > a && is_end_punct(d, e - 1))
			e--;
		if (!(s = new_stmt(x)))
			return ST_ERR_NOMEM;
		s->para = u->para;
		s->kind = has_quote_in(d, c0, c1) ? ST_KIND_MIXED : ST_KIND_INDIRECT;
		s->cue0 = k;
		s->cue1 = k + 2;
		s->m0 = a;
		s->m1 = e;
		s->c0 = d->toks[c0].s;
		s->c1 = d->toks[c1 - 1].e;
		*done = true;
		return ST_OK;
	}
	return ST_OK;
}

/*
 * "Kasich: 'We will go all the way.'", "Q: Did they take care of you?":
 * a name and a colon opening a paragraph's unit speak the rest of it.
 */
static StStatus
speaker_colon(Ctx *x, Unit *u, bool *done)
{
	StDoc	   *d = x->d;
	int32_t		na,
				nb,
				c0,
				c1;
	StStmt	   *s;

	*done = false;
	if (!(d->toks[u->t0].f & TK_PSTART) || !np_core_right(d, u->t0, u->t1, &na, &nb) ||
		na != u->t0 || nb - na > 4 || nb + 2 >= u->t1 || !tok_char(d, nb, ':') ||
		!(d->toks[nb - 1].f & TK_CAP) || tok_is(d, nb - 1, "note") ||
		tok_is(d, nb - 1, "update") || tok_is(d, nb - 1, "correction") ||
		tok_is(d, nb - 1, "editor") || tok_is(d, nb - 1, "photo") ||
		tok_is(d, nb - 1, "source") || tok_is(d, nb - 1, "video"))
		return ST_OK;
	c0 = nb + 1;
	c1 = u->t1;
	while (c1 > c0 && !(d->toks[c1 - 1].f & TK_QMARK) && is_end_punct(d, c1 - 1))
		c1--;
	{
		int32_t		k,
					words = 0;

		for (k = c0; k < c1; k++)
			if (is_word(d, k) && !(d->toks[k].f & TK_NUM))
				words++;
		if (words < 3)
			return ST_OK;		/* "Size: 10 m2." is a label */
	}
	if (!(s = new_stmt(x)))
		return ST_ERR_NOMEM;
	s->para = u->para;
	s->m0 = na;
	s->m1 = nb;
	s->cue0 = nb;
	s->cue1 = nb + 1;
	s->c0 = d->toks[c0].s;
	s->c1 = d->toks[c1 - 1].e;
	s->kind = has_quote_in(d, c0, c1) ? ST_KIND_MIXED : ST_KIND_INDIRECT;
	{
		int32_t		q = quote_opening_at(d, c0);

		if (q >= 0 && d->quotes[q].close_e >= d->toks[c1 - 1].e - 1)
		{
			s->kind = ST_KIND_DIRECT;
			s->c0 = d->quotes[q].open_e;
			s->c1 = d->quotes[q].close;
		}
	}
	*done = true;
	return ST_OK;
}

/* verbs that invert after their content: "..., said X" (not "accused X") */
static bool
inversion_verb(const StDoc *d, int32_t c)
{
	static const char *const w[] = {
		"say", "add", "write", "tell", "ask", "explain", "note", "continue",
		"warn", "insist", "argue", "conclude", "recall", "reply", "respond",
		"report", "announce", "observe", "remark", "quip", "joke", "declare",
		"claim", "state", "suggest", "predict", "acknowledge", "admit",
		"concede", "caution", "counter", "retort", "tweet", "write", NULL
	};
	const char *lemma = cue_lemma(d, c);
	int			i;

	if (lemma == NULL)
		return false;
	for (i = 0; w[i]; i++)
		if (lemma_is(lemma, w[i]))
			return true;
	return false;
}

/* after an inverted speaker: an appositive, then nothing but adjuncts */
static bool
inverted_tail_ok(const StDoc *d, int32_t nb, int32_t t1)
{
	int32_t		k = nb;

	if (k < t1 && tok_char(d, k, ','))
		k = stretch_end(d, k + 1, t1);
	while (k < t1 && (is_end_punct(d, k) || is_weekday_or_time(d, k)))
		k++;
	return k >= t1;
}

/*
 * Where the clause of the cue at c ends, given the next cue at lim: before
 * the next cue's subject and the "and", "but" or comma that joins them.
 */
static int32_t
clause_limit(const StDoc *d, const Unit *u, int32_t c, int32_t lim)
{
	int32_t		na,
				nb,
				a,
				b;

	if (!is_participle_cue(d, lim, u->t0) &&
		!tok_is(d, lim - 1, "and") && !tok_is(d, lim - 1, "but") &&
		subject_left(d, c + 1, lim, &na, &nb, &a, &b))
		lim = na;
	while (lim > c + 1 && (tok_is(d, lim - 1, "and") || tok_is(d, lim - 1, "but") ||
						   tok_char(d, lim - 1, ',') || is_adverb_or_aux(d, lim - 1)))
		lim--;
	return lim;
}

/*
 * Reported speech in a unit without quotation marks:
 *	  CONTENT , NP CUE [adjuncts] .		(the ministry said on Monday)
 *	  NP CUE [that] CONTENT				(X warned that ...)
 * Only the main clause's cue makes a statement; cues inside its content
 * were dropped by the caller.
 */
static StStatus
indirect_statements(Ctx *x, Unit *u, const int32_t *cues, int32_t ncues,
					int32_t adverbial_end, int32_t last_cue)
{
	StDoc	   *d = x->d;
	int32_t		k;
	StStmt	   *s;

	/* CONTENT , said NP . */
	if (last_cue > u->t0 + 3 && tok_char(d, last_cue - 1, ',') && u->t1 - last_cue <= 30)
	{
		int32_t		c = last_cue,
					na,
					nb,
					e;
		char		f;

		if ((f = tok_cue_form(d, c)) != 0 && f != 'g' && inversion_verb(d, c) &&
			np_core_right(d, c + 1, u->t1, &na, &nb) &&
			inverted_tail_ok(d, nb, u->t1))
		{
			if (!(s = new_stmt(x)))
				return ST_ERR_NOMEM;
			s->para = u->para;
			s->kind = ST_KIND_INDIRECT;
			s->cue0 = c;
			s->cue1 = c + 1;
			s->m0 = na;
			s->m1 = nb;
			if (nb + 1 < u->t1 && tok_char(d, nb, ','))
			{
				s->ap0 = nb + 1;
				s->ap1 = stretch_end(d, nb + 1, u->t1);
			}
			e = c - 1;
			while (e > u->t0 && is_end_punct(d, e - 1))
				e--;
			s->c0 = d->toks[u->t0].s;
			s->c1 = d->toks[e - 1].e;
			return ST_OK;
		}
	}

	if (ncues == 0 && last_cue < 0)
		return ST_OK;

	/* CONTENT , NP CUE : the last cue, near the end of the unit */
	if (last_cue >= 0 && u->t1 - last_cue <= 12)
	{
		int32_t		c = last_cue;
		int32_t		na,
					nb,
					apa,
					apb,
					e;

		int32_t		rest = 0,
					j;

		/* "X, she argued, will ..." : words after a comma make it parenthetical */
		for (j = c + 1; j < u->t1; j++)
			if (tok_char(d, j, ','))
			{
				for (j++; j < u->t1; j++)
					if (is_word(d, j))
						rest++;
				break;
			}
		if (u->t1 - c <= 8 && rest < 3 &&
			subject_left(d, u->t0, c, &na, &nb, &apa, &apb) &&
			na - 1 > u->t0 + 2 && tok_char(d, na - 1, ','))
		{
			if (!(s = new_stmt(x)))
				return ST_ERR_NOMEM;
			s->para = u->para;
			s->kind = ST_KIND_INDIRECT;
			s->cue0 = c;
			s->cue1 = cue_extent(d, c, u->t1);
			s->m0 = na;
			s->m1 = nb;
			s->ap0 = apa;
			s->ap1 = apb;
			e = na - 1;
			while (e > u->t0 && is_end_punct(d, e - 1))
				e--;
			s->c0 = d->toks[u->t0].s;
			s->c1 = d->toks[e - 1].e;
			return ST_OK;
		}
	}

	/* NP CUE [that] CONTENT : each main or coordinated cue */
	for (k = 0; k < ncues; k++)
	{
		int32_t		c = cues[k];
		int32_t		lim = (k + 1 < ncues) ? cues[k + 1] : u->t1;
		int32_t		na,
					nb,
					apa,
					apb,
					c0,
					c1,
					words = 0,
					j;
		StKind		kind = ST_KIND_INDIRECT;
		bool		participle = is_participle_cue(d, c, u->t0) ||
			is_coordinated(d, c, u->t0);

		if (k + 1 < ncues)
			lim = clause_limit(d, u, c, lim);
		for (j = c + 1; j < lim; j++)
			if (is_word(d, j))
				words++;
		if (words < 2)
			continue;
		if (!(s = new_stmt(x)))
			return ST_ERR_NOMEM;
		s->para = u->para;
		s->cue0 = c;
		s->cue1 = cue_extent(d, c, lim);
		if (participle && x->nstmts >= 2 && x->stmts[x->nstmts - 2].para == u->para &&
			x->stmts[x->nstmts - 2].c1 <= d->toks[c].s &&
			x->stmts[x->nstmts - 2].c1 >= d->toks[u->t0].s)
		{
			s->inherit = x->nstmts - 2;
			s->m0 = x->stmts[s->inherit].m0;
			s->m1 = x->stmts[s->inherit].m1;
		}
		else if (!participle && subject_left(d, u->t0, c, &na, &nb, &apa, &apb))
		{
			s->m0 = na;
			s->m1 = nb;
			s->ap0 = apa;
			s->ap1 = apb;
		}
		else if (participle &&
				 np_core_right(d, adverbial_end >= 0 ? adverbial_end + 1 : u->t0, c, &na, &nb))
		{
			s->m0 = na;
			s->m1 = nb;
		}
		else
		{
			x->nstmts--;
			continue;
		}
		content_after_cue(x, s->cue1, lim, &c0, &c1, &kind);
		if (c0 < 0)
		{
			x->nstmts--;
			continue;
		}
		s->c0 = c0;
		s->c1 = c1;
		s->kind = ST_KIND_INDIRECT;

		/*
		 * "He hoped, he said, that the paper would ...": an attribution set
		 * off by commas inside its content; the content is the sentence.
		 */
		if (k == 0 && s->m0 > u->t0 + 2 && tok_char(d, s->m0 - 1, ',') &&
			s->cue1 < u->t1 && tok_char(d, s->cue1, ','))
		{
			int32_t		e = u->t1;

			while (e > u->t0 && is_end_punct(d, e - 1))
				e--;
			s->c0 = d->toks[u->t0].s;
			s->c1 = d->toks[e - 1].e;
		}
	}
	return ST_OK;
}

/*
 * Attributions inside other clauses: "Juanita Broaddrick, who said Clinton
 * raped her, ...", "after Trump said he is open to a deal".  Each reporting
 * verb not yet used, with a subject right before it and a clause after it,
 * is a statement of its own (nested in the outer one, as PolNeAR annotates).
 */
static StStatus
embedded_statements(Ctx *x, Unit *u, int32_t first_stmt)
{
	StDoc	   *d = x->d;
	int32_t		k,
				j,
				q;
	char		f;

	/* only tokens with a cue form can be cue verbs: those of x->cue_toks */
	for (int32_t ci = first_cue_tok(x, u);
		 ci < x->ncue_toks && (k = x->cue_toks[ci]) < u->t1; ci++)
	{
		int32_t		na = -1,
					nb = -1,
					apa = -1,
					apb = -1,
					lim,
					words = 0,
					c0,
					c1,
					p;
		bool		used = false;
		StKind		kind = ST_KIND_INDIRECT;
		StStmt	   *s;

		if (in_quote(d, k, &q) || !is_cue_verb(d, k, u->t0, &f))
			continue;
		/* of the participles only "with X describing Y": an absolute clause */
		if (f == 'g')
		{
			int32_t		xa,
						xb;

			if (!(np_core_left(d, u->t0, k, &xa, &xb) && xb == k && xa - 1 >= u->t0 &&
				  tok_is(d, xa - 1, "with")))
				continue;
		}
		for (j = first_stmt; j < x->nstmts; j++)
			if (x->stmts[j].cue0 <= k && k < x->stmts[j].cue1)
				used = true;
		if (used)
			continue;
		p = k - 1;
		while (p >= u->t0 && is_adverb_or_aux(d, p))
			p--;
		if (p < u->t0)
			continue;
		if (tok_is(d, p, "who") || tok_is(d, p, "which") || tok_is(d, p, "that"))
		{
			na = p;
			nb = p + 1;
		}
		else if (!np_core_left(d, u->t0, p + 1, &na, &nb) || na - 1 < u->t0 ||
				 !(tok_is(d, na - 1, "after") || tok_is(d, na - 1, "when") ||
				   tok_is(d, na - 1, "as") || tok_is(d, na - 1, "before") ||
				   tok_is(d, na - 1, "because") || tok_is(d, na - 1, "while") ||
				   tok_is(d, na - 1, "since") || tok_is(d, na - 1, "although") ||
				   tok_is(d, na - 1, "though") || tok_is(d, na - 1, "if") ||
				   tok_is(d, na - 1, "that") || tok_is(d, na - 1, "with")))
			continue;
		/* the clause runs to the next cue with a subject, or the unit's end */
		lim = u->t1;
		for (j = k + 1; j < u->t1; j++)
		{
			int32_t		xa,
						xb;

			if (in_quote(d, j, &q))
				continue;
			if (tok_char(d, j, ';'))
			{
				lim = j;
				break;
			}
			if (is_cue_verb(d, j, u->t0, &f) && j - 1 > k &&
				np_core_left(d, k + 1, j, &xa, &xb))
			{
				lim = xa;
				break;
			}
		}
		for (j = k + 1; j < lim; j++)
			if (is_word(d, j))
				words++;
		if (words < 3)
			continue;
		/* quotations belong to the outer statement */
		if (has_quote_in(d, k + 1, lim))
			continue;
		/* "X, who said Clinton raped her, recounted": to the clause's comma */
		if (tok_is(d, na, "who") || tok_is(d, na, "which"))
			for (j = k + 1; j < lim; j++)
				if (tok_char(d, j, ','))
				{
					lim = j;
					break;
				}
		content_after_cue(x, cue_extent(d, k, lim), lim, &c0, &c1, &kind);
		if (c0 < 0)
			continue;
		if (!(s = new_stmt(x)))
			return ST_ERR_NOMEM;
		s->para = u->para;
		s->cue0 = k;
		s->cue1 = cue_extent(d, k, lim);
		s->m0 = na;
		s->m1 = nb;
		s->ap0 = apa;
		s->ap1 = apb;
		s->c0 = c0;
		s->c1 = c1;
		s->kind = has_quote_in(d, s->cue1, lim) ? kind : ST_KIND_INDIRECT;
	}
	return ST_OK;
}

static StStatus
unit_statements(Ctx *x, int32_t *uip)
{
	StDoc	   *d = x->d;
	int32_t		ui = *uip;
	Unit	   *u = &x->units[ui];
	int32_t		k,
				q;
	int32_t		cues[64];
	int32_t		ncues = 0;
	int32_t		first_q = -1;
	char		f;
	StStmt	   *s;
	int32_t		handled_upto = u->t0;
	int32_t		main_stmt = -1;		/* the statement of the main clause */
	bool		main_cue = false;
	int32_t		adverbial_end = -1;
	int32_t		last_cue = -1;
	bool		done;
	StStatus	rc;

	if ((rc = asked_clause(x, u)) != ST_OK)
		return rc;
	if ((rc = according_to(x, u, &done)) != ST_OK || done)
		return rc;
	if ((rc = speaker_colon(x, u, &done)) != ST_OK || done)
		return rc;

	/*
	 * A sentence-initial adverbial ("In a message posted Friday,", "Speaking
	 * at a rally,", "Asked about it,") holds no cue of the sentence.
	 */
	{
		int32_t		a = u->t0;

		if (a < u->t1 && (d->toks[a].f & TK_QMARK))
			a++;
		if (a < u->t1 && (is_preposition(d, a) || tok_is(d, a, "following") ||
						  tok_is(d, a, "while") || tok_is(d, a, "when") ||
						  tok_is(d, a, "as") || tok_is(d, a, "since") ||
						  tok_is(d, a, "despite") ||
						  ((f = tok_cue_form(d, a)) == 'g' || f == 'd')))
		{
			for (k = a + 1; k < u->t1 && k - a < 25; k++)
			{
				if (in_quote(d, k, &q))
					break;
				if (tok_char(d, k, ','))
				{
					adverbial_end = k;
					break;
				}
			}
		}
	}

	first_q = first_in_quote(d, &x->qcursor, u->t0, u->t1);
	/* only tokens with a cue form can be cue verbs: those of x->cue_toks */
	for (int32_t ci = first_cue_tok(x, u);
		 ci < x->ncue_toks && (k = x->cue_toks[ci]) < u->t1; ci++)
	{
		if (in_quote(d, k, &q))
			continue;
		if (k < adverbial_end)
			continue;
		if (u->t1 - k <= 30 && is_cue_verb(d, k, u->t0, &f))
			last_cue = k;
		if (ncues < 64 && is_cue_verb(d, k, u->t0, &f))
		{
			/*
			 * PolNeAR and readers take the outermost attribution: after the
			 * main clause's cue ("X said [that] ..."), later cues belong to
			 * its content, unless coordinated with it ("and claimed") or a
			 * participle after a comma (", adding").
			 */
			if (main_cue && !(tok_is(d, k - 1, "and") || tok_is(d, k - 1, "but") ||
							  is_participle_cue(d, k, u->t0)))
				continue;
			/* "X, which endorsed Y, said": a relative clause's cue */
			if (is_relative_cue(d, k, u->t0))
				continue;
			cues[ncues++] = k;
			if (!is_participle_cue(d, k, u->t0) &&
				!((d->toks[k].f & TK_SSTART) && f == 'd'))
				main_cue = true;
		}
	}
	if (first_q < 0)
		return indirect_statements(x, u, cues, ncues, adverbial_end, last_cue);

	/* 1. the unit opens with a quotation: look for the attribution after it */
	q = quote_opening_at(d, u->t0);
	if (q >= 0 || (u->t0 + 1 < u->t1 && (d->toks[u->t0].f & TK_PUNCT) &&
				   (q = quote_opening_at(d, u->t0 + 1)) >= 0) ||
		(adverbial_end >= 0 && adverbial_end + 1 < u->t1 &&
		 (q = quote_opening_at(d, adverbial_end + 1)) >= 0))
	{
		int32_t		qa,
					qb,
					na,
					nb;
		StStmt		tmp;

		quote_tokens(d, q, &qa, &qb);
		memset(&tmp, 0, sizeof(tmp));
		tmp.cue0 = tmp.cue1 = tmp.m0 = tmp.m1 = tmp.ap0 = tmp.ap1 = -1;
		if (qb < u->t1 && attribution_after(x, qb, u->t1, &tmp))
		{
			int32_t		j;
			int32_t		after = tmp.cue1;

			/* past "X, the leader of the opposition, warned" and "said X, the ..." */
			if (tmp.m1 > after)
				after = tmp.m1;
			if (tmp.ap1 > after)
				after = tmp.ap1;

			if (!(s = new_stmt(x)))
				return ST_ERR_NOMEM;
			tmp.speaker = -1;
			tmp.inherit = -1;
			*s = tmp;
			s->para = u->para;
			s->kind = ST_KIND_DIRECT;
			s->c0 = d->quotes[q].open_e;
			s->c1 = d->quotes[q].close;
			s->cue1 = cue_extent(d, s->cue0, u->t1);
			main_stmt = x->nstmts - 1;
			handled_upto = after;
			/* more quotations after the attribution, up to another cue */
			for (j = after; j < u->t1; j++)
			{
				int32_t		q2;

				if (!in_quote(d, j, &q2) && is_cue_verb(d, j, u->t0, &f))
					break;
				if (in_quote(d, j, &q2) && q2 != q)
				{
					int32_t		a2,
								b2;

					quote_tokens(d, q2, &a2, &b2);
					x->stmts[main_stmt].c1 = d->quotes[q2].close;
					x->stmts[main_stmt].kind = ST_KIND_MIXED;
					j = b2 - 1;
					handled_upto = b2;
				}
			}
			if (handled_upto >= u->t1 || j >= u->t1)
			{
				*uip = absorb_followers(x, &x->stmts[main_stmt], ui);
				return ST_OK;
			}
		}
		else if (dash_attribution(d, qb, u->t1, &na, &nb) ||
				 (qb >= u->t1 && ui + 1 < x->nunits && x->units[ui + 1].para == u->para &&
				  dash_attribution(d, x->units[ui + 1].t0, x->units[ui + 1].t1, &na, &nb)))
		{
			if (!(s = new_stmt(x)))
				return ST_ERR_NOMEM;
			s->para = u->para;
			s->kind = ST_KIND_DIRECT;
			s->c0 = d->quotes[q].open_e;
			s->c1 = d->quotes[q].close;
			s->m0 = na;
			s->m1 = nb;
			return ST_OK;
		}
	}

	/* 2. cues before quotations, each taking the quotations up to the next */
	for (k = 0; k < ncues; k++)
	{
		int32_t		c = cues[k];
		int32_t		lim = (k + 1 < ncues) ? cues[k + 1] : u->t1;
		int32_t		na,
					nb,
					apa,
					apb;
		int32_t		j;
		bool		has_q = false;
		StKind		kind = ST_KIND_MIXED;
		int32_t		c0,
					c1;

		if (c < handled_upto)
			continue;
		/* the next cue's subject and coordinator are not our content */
		if (k + 1 < ncues)
			lim = clause_limit(d, u, c, lim);
		for (j = c + 1; j < lim; j++)
			if (in_quote(d, j, &q))
				has_q = true;
		if (!has_q)
		{
			int32_t		words = 0;

			for (j = c + 1; j < lim; j++)
				if (is_word(d, j))
					words++;
			if (words < 2)
			{
				if (main_stmt < 0 && !is_participle_cue(d, c, u->t0))
					main_stmt = -2; /* a main clause without content */
				continue;
			}
		}

		if (!(s = new_stmt(x)))
			return ST_ERR_NOMEM;
		s->para = u->para;
		s->cue0 = c;
		s->cue1 = cue_extent(d, c, lim);
		if (is_participle_cue(d, c, u->t0) || is_coordinated(d, c, u->t0))
		{
			/* ", adding ...", "and claimed ...": the subject goes on */
			if (main_stmt >= 0)
			{
				s->inherit = main_stmt;
				s->m0 = x->stmts[main_stmt].m0;
				s->m1 = x->stmts[main_stmt].m1;
			}
			else if (np_core_right(d, adverbial_end >= 0 ? adverbial_end + 1 : u->t0, c, &na, &nb))
			{
				s->m0 = na;
				s->m1 = nb;
			}
		}
		else if (subject_left(d, u->t0, c, &na, &nb, &apa, &apb))
		{
			s->m0 = na;
			s->m1 = nb;
			s->ap0 = apa;
			s->ap1 = apb;
		}
		content_after_cue(x, s->cue1, lim, &c0, &c1, &kind);
		if (c0 < 0)
		{
			x->nstmts--;
			continue;
		}
		s->c0 = c0;
		s->c1 = c1;
		s->kind = has_q ? kind : ST_KIND_INDIRECT;
		if (!has_q && s->m0 < 0 && s->inherit < 0)
		{
			x->nstmts--;
			continue;
		}
		if (main_stmt == -1 || (main_stmt >= 0 && s->inherit < 0 && s->m0 >= 0))
			main_stmt = x->nstmts - 1;
		handled_upto = lim;
	}
	if (x->nstmts > 0 && x->stmts[x->nstmts - 1].para == u->para &&
		x->stmts[x->nstmts - 1].c1 > d->toks[u->t0].s)
		return ST_OK;

	/* 3. ... Q ... , NP CUE : the attribution after the content */
	for (k = 0; k < ncues; k++)
	{
		int32_t		c = cues[k];
		int32_t		na,
					nb,
					apa,
					apb,
					j,
					lastq_end = -1;

		for (j = u->t0; j < c; j++)
		{
			int32_t		qa,
						qb;

			if (in_quote(d, j, &q))
			{
				quote_tokens(d, q, &qa, &qb);
				lastq_end = qb;
				j = qb - 1;
			}
		}
		if (lastq_end < 0)
			continue;
		if (!subject_left(d, lastq_end, c, &na, &nb, &apa, &apb))
			continue;
		/* the NP follows a comma (or the quotation's own closing mark) */
		j = na - 1;
		if (j < lastq_end - 1 || !(tok_char(d, j, ',') || (d->toks[j].f & TK_QMARK)))
			continue;
		if (!(s = new_stmt(x)))
			return ST_ERR_NOMEM;
		s->para = u->para;
		s->cue0 = c;
		s->cue1 = cue_extent(d, c, u->t1);
		s->m0 = na;
		s->m1 = nb;
		s->ap0 = apa;
		s->ap1 = apb;
		s->kind = ST_KIND_MIXED;
		s->c0 = d->toks[u->t0].s;
		{
			int32_t		e = na;

			while (e > u->t0 && !(d->toks[e - 1].f & TK_QMARK) && is_end_punct(d, e - 1))
				e--;
			s->c1 = d->toks[e - 1].e;
		}
		if (q >= 0 && s->c0 == d->quotes[q].open && d->quotes[q].close_e == s->c1 &&
			d->toks[u->t0].s == d->quotes[q].open)
		{
			s->kind = ST_KIND_DIRECT;
			s->c0 = d->quotes[q].open_e;
			s->c1 = d->quotes[q].close;
		}
		*uip = absorb_followers(x, s, ui);
		return ST_OK;
	}

	/* 4. no cue: a quotation that follows a statement continues it */
	q = quote_opening_at(d, u->t0);
	if (q >= 0 && x->nstmts > 0)
	{
		StStmt	   *prev = &x->stmts[x->nstmts - 1];
		int32_t		qa,
					qb;
		bool		whole = true;

		quote_tokens(d, q, &qa, &qb);
		for (k = qb; k < u->t1; k++)
			if (!is_end_punct(d, k) && !(d->toks[k].f & TK_QMARK))
				whole = false;
		if ((d->quotes[q].flags & QF_CONT_PREV) && prev->para == u->para - 1 &&
			prev->c1 >= d->paras[prev->para].e - 4)
		{
			/* a quotation running over paragraphs is one statement */
			prev->c1 = d->quotes[q].close;
			prev->para = u->para;
			*uip = absorb_followers(x, prev, ui);
			return ST_OK;
		}
		if (whole && ncues == 0 && prev->para >= u->para - 1 &&
			d->quotes[q].nwords >= 3)
		{
			int32_t		pi = (int32_t) (prev - x->stmts);

			if (!(s = new_stmt(x)))
				return ST_ERR_NOMEM;
			s->para = u->para;
			s->kind = ST_KIND_DIRECT;
			s->c0 = d->quotes[q].open_e;
			s->c1 = d->quotes[q].close;
			s->inherit = pi;
			/* in the same unit's paragraph, right after its attribution */
			if (prev->para == u->para && prev->cue0 >= 0 &&
				d->toks[prev->cue0].s > prev->c1)
			{
				s->m0 = prev->m0;
				s->m1 = prev->m1;
				s->cue0 = prev->cue0;
				s->cue1 = prev->cue1;
			}
			*uip = absorb_followers(x, s, ui);
		}
	}
	return ST_OK;
}

/*
 * “Really?” she asked.  ICU ends a sentence after ?” and !”; the
 * attribution that follows belongs to the quotation.
 */
static bool
attribution_follows(const StDoc *d, int32_t b, int32_t e)
{
	int32_t		qp,
				k,
				na,
				nb;
	char		f;

	if (b < 2 || !(d->toks[b - 1].f & TK_QMARK) || d->toks[b - 2].quote < 0)
		return false;
	qp = d->toks[b - 2].quote;
	if (d->quotes[qp].close != d->toks[b - 1].s ||
		!(tok_char(d, b - 2, '?') || tok_char(d, b - 2, '!') || tok_char(d, b - 2, '.')))
		return false;
	if (tok_char(d, b - 2, '.'))
	{
		/* after a period only a bare attribution joins: “...” Trump said. */
		if (!np_core_right(d, b, e, &na, &nb))
			return false;
		k = nb;
		while (k < e && is_adverb_or_aux(d, k))
			k++;
		if (!(k < e && is_cue_verb(d, k, b, &f) && f == 'd'))
			return false;
		for (k++; k < e; k++)
			if (!is_end_punct(d, k) && !is_weekday_or_time(d, k))
				return false;
		return true;
	}
	if (is_cue_verb(d, b, b, &f) && f != 'g')
		return true;
	if (np_core_right(d, b, e, &na, &nb))
	{
		k = nb;
		while (k < e && is_adverb_or_aux(d, k))
			k++;
		return k < e && is_cue_verb(d, k, b, &f);
	}
	return false;
}

static StStatus
build_units(Ctx *x)
{
	StDoc	   *d = x->d;
	int32_t		i = 0,
				cap = 0,
				ci = 0,
				ai = 0;

	while (i < d->nsents)
	{
		int32_t		t0 = d->sents[i].tok0;
		int32_t		t1 = d->sents[i].tok1;
		Unit	   *u;

		/* join while the boundary falls inside a quotation */
		while (i + 1 < d->nsents && d->sents[i + 1].para == d->sents[i].para)
		{
			int32_t		b = d->sents[i + 1].tok0;
			int32_t		q = d->toks[b].quote;
			int32_t		qp = d->toks[b - 1].quote;

			if ((q >= 0) ||
				(qp >= 0 && (d->toks[b].f & TK_QMARK) &&
				 d->quotes[qp].close == d->toks[b].s) ||
				((d->toks[b - 1].f & TK_QMARK) && b - 1 >= t0 &&
				 quote_opening_at(d, b - 1) >= 0) ||
				attribution_follows(d, b, d->sents[i + 1].tok1))
			{
				i++;
				t1 = d->sents[i].tok1;
				continue;
			}
			break;
		}
		x->units = st_grow(d->arena, x->units, &cap, x->nunits, sizeof(Unit));
		if (x->units == NULL)
			return ST_ERR_NOMEM;
		u = &x->units[x->nunits++];
		u->t0 = t0;
		u->t1 = t1;
		u->para = d->sents[i].para;
		/* the units come in token order: the cue cursor only moves on */
		while (ci < x->ncue_toks && x->cue_toks[ci] < t0)
			ci++;
		u->ci0 = ci;
		while (ai < d->naccording && d->according[ai] < t0)
			ai++;
		u->ai0 = ai;
		i++;
	}
	return ST_OK;
}

/* a paragraph ending "X said:" introduces the next paragraph's quotation */
static StStatus
colon_introductions(Ctx *x, int32_t ui)
{
	StDoc	   *d = x->d;
	Unit	   *u = &x->units[ui];
	Unit	   *n;
	int32_t		q,
				c,
				na,
				nb,
				apa,
				apb;
	char		f;
	StStmt	   *s;

	if (ui + 1 >= x->nunits || u->t1 - u->t0 < 2 || !tok_char(d, u->t1 - 1, ':'))
		return ST_OK;
	n = &x->units[ui + 1];
	if (n->para != u->para + 1 || (q = quote_opening_at(d, n->t0)) < 0)
		return ST_OK;
	for (c = u->t1 - 2; c >= u->t0 && u->t1 - c < 8; c--)
		if (is_cue_verb(d, c, u->t0, &f))
			break;
	if (c < u->t0 || u->t1 - c >= 8)
		return ST_OK;
	if (!subject_left(d, u->t0, c, &na, &nb, &apa, &apb))
		return ST_OK;
	if (!(s = new_stmt(x)))
		return ST_ERR_NOMEM;
	s->para = n->para;
	s->kind = ST_KIND_DIRECT;
	s->cue0 = c;
	s->cue1 = c + 1;
	s->m0 = na;
	s->m1 = nb;
	s->ap0 = apa;
	s->ap1 = apb;
	s->c0 = d->quotes[q].open_e;
	s->c1 = d->quotes[q].close;
	return ST_OK;
}

static bool
is_weekday_or_time(const StDoc *d, int32_t k)
{
	static const char *const w[] = {
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
		"sunday", "today", "yesterday", "tonight", "recently", "earlier",
		"later", "again", NULL
	};
	int			i;

	for (i = 0; w[i]; i++)
		if (tok_is(d, k, w[i]))
			return true;
	return false;
}

/*
 * The end of the adjuncts from token k: "Monday", "then", "last week", "in a
 * statement", "in a recent interview", "at a briefing Monday", "on Twitter".
 */
static int32_t
adjunct_end(const StDoc *d, int32_t k, int32_t lim)
{
	for (;;)
	{
		int32_t		j;

		if (k < lim && (is_weekday_or_time(d, k) || tok_is(d, k, "then")))
		{
			k++;
			continue;
		}
		if (k + 1 < lim && (tok_is(d, k, "last") || tok_is(d, k, "this")) &&
			(tok_is(d, k + 1, "week") || tok_is(d, k + 1, "month") ||
			 tok_is(d, k + 1, "year") || tok_is(d, k + 1, "weekend") ||
			 is_weekday_or_time(d, k + 1)))
		{
			k += 2;
			continue;
		}
		if (k + 1 < lim && (tok_is(d, k, "in") || tok_is(d, k, "at") || tok_is(d, k, "on")))
		{
			for (j = k + 1; j < lim && j - k <= 4; j++)
			{
				if (tok_is(d, j, "statement") || tok_is(d, j, "interview") ||
					tok_is(d, j, "briefing") || tok_is(d, j, "speech") ||
					tok_is(d, j, "conference") || tok_is(d, j, "rally") ||
					tok_is(d, j, "hearing") || tok_is(d, j, "twitter") ||
					tok_is(d, j, "facebook") || tok_is(d, j, "television") ||
					tok_is(d, j, "radio") || tok_is(d, j, "email") ||
					tok_is(d, j, "tweet") || tok_is(d, j, "post") || tok_is(d, j, "letter") ||
					tok_is(d, j, "call") || tok_is(d, j, "event"))
					break;
				if (!(tok_is(d, j, "a") || tok_is(d, j, "an") || tok_is(d, j, "the") ||
					  tok_is(d, j, "his") || tok_is(d, j, "her") || tok_is(d, j, "their") ||
					  tok_is(d, j, "recent") || tok_is(d, j, "written") ||
					  tok_is(d, j, "televised") || tok_is(d, j, "news") ||
					  tok_is(d, j, "press") || tok_is(d, j, "phone") ||
					  tok_is(d, j, "telephone") || tok_is(d, j, "conference") ||
					  tok_is(d, j, "campaign")))
				{
					j = lim;
					break;
				}
			}
			if (j < lim && j - k <= 4)
			{
				k = j + 1;
				continue;
			}
		}
		return k;
	}
}

/*
 * Reporting verbs with the particle that belongs to them: "responded to",
 * "asked about", "warned of", "called for", "shrugged off".
 */
static bool
cue_particle(const StDoc *d, int32_t c, int32_t k)
{
	static const char *const pairs[] = {
		"respond", "to", "reply", "to", "react", "to", "object", "to", "appeal", "to",
		"ask", "about", "talk", "about", "brag", "about", "worry", "about",
		"complain", "about", "boast", "of", "warn", "of", "accuse", "of", "speak", "of",
		"think", "of", "charge", "with", "agree", "with", "disagree", "with",
		"concur", "with", "counter", "with", "call", "for", "plead", "for",
		"hope", "for", "believe", "in", "weigh", "in", "hint", "at", "shrug", "off",
		"spell", "out", "speak", "out", "call", "out", NULL
	};
	const char *lemma;
	int			i;

	if (k >= d->ntoks || !is_word(d, k) || tok_len(d, k) > 5 ||
		!(TOK_IN(d, k, prepositions) || tok_is(d, k, "off") || tok_is(d, k, "out")) ||
		(lemma = cue_lemma(d, c)) == NULL)
		return false;
	for (i = 0; pairs[i]; i += 2)
		if (tok_is(d, k, pairs[i + 1]) && lemma_is(lemma, pairs[i]))
			return true;
	return false;
}

/*
 * Widen a statement's cue over the auxiliaries and adverbs before it ("has
 * also said"), a day after it ("said Thursday"), "in a statement", and a
 * preposition that opens the content ("spoke about", "responded with").
 */
static void
widen_cue(const StDoc *d, StStmt *s)
{
	int32_t		a,
				b,
				cstart;

	if (s->cue0 < 0)
		return;
	a = s->cue0;
	b = s->cue1;
	while (a - 1 >= 0 && is_adverb_or_aux(d, a - 1) &&
		   (!(d->toks[a - 1].f & TK_POSS) || (a - 2 >= 0 && is_pronoun(d, a - 2))) &&
		   (s->m1 < 0 || a - 1 >= s->m1) && d->toks[a - 1].e <= d->toks[a].s &&
		   d->toks[a - 1].quote < 0 && (d->toks[a - 1].e < s->c0 || d->toks[a - 1].s >= s->c1))
		a--;
	/*
	 * "urged Congress to act", "time to say": an infinitive cue after a noun
	 * keeps its "to"; after a verb ("refused to say") the chain would be
	 * the cue, and that is left as it is
	 */
	if (a - 2 >= 0 && tok_is(d, a - 1, "to") && is_word(d, a - 2) &&
		d->toks[a - 1].quote < 0 && (s->m1 < 0 || a - 1 >= s->m1 || s->m0 > a) &&
		(d->toks[a - 1].e <= s->c0 || d->toks[a - 1].s >= s->c1) &&
		tok_cue_form(d, a - 2) == 0 && !TOK_IN(d, a - 2, auxiliaries) &&
		!TOK_IN(d, a - 2, prepositions) && !(d->toks[a - 2].f & TK_NUM))
	{
		const char *w = tok_ptr(d, a - 2);
		int32_t		n = tok_len(d, a - 2);
		static const char *const verbs[] = {
			"on", "likely", "able", "going", "want", "wants", "need", "needs",
			"used", "try", "tries", "seek", "seeks", "refuse", "refuses", "seem",
			"seems", "appear", "appears", "back", "quick", "off", "ready", "set",
			"due", "got", "get", "gets", "went", "goes", "go", "came", "come",
			"comes", "began", "begin", "begins", "plan", "plans", "decline",
			"declines", "hope", "hopes", "vow", "vows", "promise", "promises",
			"fail", "fails", "expect", "expects", "agree", "agrees", "chose",
			"choose", "sought", "took", "taken", "ought", "order", NULL
		};
		int			i;
		bool		verb = (n > 2 && w[n - 2] == 'e' && w[n - 1] == 'd') ||
			(n > 3 && w[n - 3] == 'i' && w[n - 2] == 'n' && w[n - 1] == 'g');

		for (i = 0; !verb && verbs[i]; i++)
			if (tok_is(d, a - 2, verbs[i]))
				verb = true;
		if (!verb)
			a--;
	}
	/* only what lies between the cue and the content may join it */
	cstart = -1;
	if (s->c0 >= d->toks[b - 1].e)
	{
		int32_t		k = b;

		while (k < d->ntoks && d->toks[k].s < s->c0)
			k++;
		cstart = k;
	}
	if (cstart >= 0)
	{
		int32_t		k = adjunct_end(d, b, cstart);

		/* the words up to the content, when they are only these */
		if (k == cstart || (k < cstart && tok_char(d, k, ',') && k + 1 == cstart) ||
			(k < cstart && tok_char(d, k, ':') && k + 1 == cstart))
			b = k;
	}
	else if (s->c1 <= d->toks[a].s && (s->m0 < 0 || s->m0 < s->cue0))
	{
		/* content before the cue: "..., Trump said in an interview on Monday." */
		int32_t		end = d->toks[b - 1].sent >= 0 ? d->sents[d->toks[b - 1].sent].tok1 : b;
		int32_t		k = adjunct_end(d, b, end);

		if (k > b)
		{
			int32_t		j = k;

			while (j < end && is_end_punct(d, j))
				j++;
			if (j >= end)
				b = k;
		}
	}
	/* "spoke about X": the preposition opening the content is the cue's */
	if (cstart >= 0 && b == cstart && b < d->ntoks && d->toks[b].s == s->c0 &&
		(tok_is(d, b, "about") || tok_is(d, b, "against") ||
		 tok_is(d, b, "on") || tok_is(d, b, "for") || tok_is(d, b, "as")) &&
		b + 1 < d->ntoks && d->toks[b + 1].s < s->c1 &&
		/* not "said on Tuesday", "said as she left", "is seen as" */
		!(tok_is(d, b, "on") && (is_weekday_or_time(d, b + 1) ||
								 (d->toks[b + 1].f & TK_NUM))) &&
		!(tok_is(d, b, "as") && (is_pronoun(d, b + 1) ||
								 lemma_is(cue_lemma(d, s->cue1 - 1) ? cue_lemma(d, s->cue1 - 1) : "", "see"))))
	{
		b++;
		s->c0 = d->toks[b].s;
	}
	/* "responded to X", "X, he warned of": the verb's own particle */
	if (b == s->cue1 && b < d->ntoks && cue_particle(d, s->cue1 - 1, b) &&
		(s->c0 >= d->toks[b].e || s->c1 <= d->toks[s->cue0].s ||
		 (s->c0 == d->toks[b].s && b + 1 < d->ntoks && d->toks[b + 1].s < s->c1)))
	{
		if (s->c0 == d->toks[b].s)
			s->c0 = d->toks[b + 1].s;
		b++;
	}
	s->cue0 = a;
	s->cue1 = b;
}


/* ---------- learned fallback: cue words no rule used ---------- */

/*
 * A cue word that no pattern above turned into a statement ("Farmers in the
 * valley who lost their crops said the dam came too late") is scored by a
 * linear model over hashed features of its context (cuemodel.c, trained on
 * PolNeAR train by tools/train_cue.py); above zero it becomes a statement
 * with the nearest subject to its left as source and the clause after it
 * (or, at the end of a clause, the words before it) as content.  The
 * features of the words around it are scored first; the subject is looked
 * for only when its features could still lift the score above zero, and
 * the content only for a cue taken.
 */

/* a word as a feature value: lower case, or its class */
static uint32_t
fb_word(const StDoc *d, int32_t k)
{
	uint32_t	h = 2166136261u;
	int32_t		i,
				n;
	const char *p;

	if (k < 0 || k >= d->ntoks)
		return 1;
	if (d->toks[k].f & TK_QMARK)
		return 2;
	if ((d->toks[k].f & TK_CAP) && !(d->toks[k].f & TK_SSTART) &&
		!TOK_IN(d, k, pronouns) && !TOK_IN(d, k, determiners))
		return 3;
	p = tok_ptr(d, k);
	n = tok_len(d, k) < 16 ? tok_len(d, k) : 16;
	for (i = 0; i < n; i++)
	{
		char		c = p[i];

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		h = (h ^ (unsigned char) c) * 16777619u;
	}
	return h;
}

/*
 * A cheap stem of cue word k of form f as a feature value: lower case, its
 * inflection ("s", "ed", "ing") and final e's off, a doubled last letter
 * single ("argues", "argued", "arguing" -> "argu"; "admitted" -> "admit").
 * Irregular forms keep their own ("said").
 */
static uint32_t
fb_stem(const StDoc *d, int32_t k, char f)
{
	char		w[24];
	int32_t		n = tok_len(d, k),
				i;
	uint32_t	h = 2166136261u;

	if (n > (int32_t) sizeof(w))
		n = (int32_t) sizeof(w);
	for (i = 0; i < n; i++)
	{
		char		c = tok_ptr(d, k)[i];

		w[i] = (c >= 'A' && c <= 'Z') ? (char) (c + 'a' - 'A') : c;
	}
	if (f == 's' && n > 3 && w[n - 1] == 's')
		n--;
	else if (f == 'd' && n > 4 && w[n - 2] == 'e' && w[n - 1] == 'd')
		n -= 2;
	else if (f == 'g' && n > 5 && w[n - 3] == 'i' && w[n - 2] == 'n' && w[n - 1] == 'g')
		n -= 3;
	while (n > 2 && w[n - 1] == 'e')
		n--;
	if (n > 3 && w[n - 1] == w[n - 2])
		n--;
	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char) w[i]) * 16777619u;
	return h;
}

/*
 * A subject found as the last noun phrase of a longer one, widened to the
 * whole when what is left of it reaches back to the clause's start: "[the
 * next group of] harbour pilots", "[a close reading of] the minister's
 * letters", "[The latest survey in] Norland".
 */
static int32_t
fb_expand_left(const StDoc *d, int32_t t0, int32_t na)
{
	for (;;)
	{
		int32_t		a = na - 1,
					j;

		if (a - 1 < t0 || !(tok_is(d, a, "of") || tok_is(d, a, "in") ||
							tok_is(d, a, "by") || tok_is(d, a, "for") ||
							tok_is(d, a, "on") || tok_is(d, a, "at") ||
							tok_is(d, a, "from") || tok_is(d, a, "among")))
			return na;
		for (j = a; j - 1 >= t0 && a - (j - 1) <= 6; j--)
		{
			int32_t		p = j - 1;

			if (!is_word(d, p) || TOK_IN(d, p, connectives) || TOK_IN(d, p, auxiliaries) ||
				is_preposition(d, p) || tok_is(d, p, "that") || tok_is(d, p, "and") ||
				tok_is(d, p, "but") || tok_is(d, p, "or") || in_quote_tok(d, p) ||
				(tok_cue_form(d, p) != 0 && !(d->toks[p].f & TK_CAP) &&
				 !TOK_IN(d, p, determiners)))
				break;
		}
		if (j >= a)
			return na;
		/* it must open the clause, with a determiner, a number or a name */
		if (!(j == t0 || (d->toks[j].f & TK_SSTART) || !is_word(d, j - 1) ||
			  TOK_IN(d, j - 1, connectives) || tok_is(d, j - 1, "that") ||
			  tok_is(d, j - 1, "and") || tok_is(d, j - 1, "but")) ||
			!(is_determiner_word(d, j) || TOK_IN(d, j, determiners) ||
			  (d->toks[j].f & (TK_CAP | TK_NUM))))
			return na;
		na = j;
	}
}

/*
 * The subject of the clause a cue without one belongs to ("Tom Brandt refused
 * to say", "She said ..., noting that"): the noun phrase opening the unit,
 * after an opening adverbial ("On Friday,").
 */
static bool
fb_clause_subject(const StDoc *d, int32_t t0, int32_t c, int32_t *na, int32_t *nb)
{
	int32_t		a = t0,
				k;

	if (a < c && (d->toks[a].f & TK_QMARK))
		return false;
	if (a < c && (is_preposition(d, a) || TOK_IN(d, a, connectives) ||
				  tok_cue_form(d, a) == 'g' || tok_cue_form(d, a) == 'd'))
	{
		for (k = a + 1; k < c && k - a < 25; k++)
			if (tok_char(d, k, ','))
				break;
		if (k >= c || k - a >= 25)
			return false;
		a = k + 1;
	}
	if (!np_core_right(d, a, c, na, nb) || *na != a || *nb >= c)
		return false;
	/* the noun phrase is the clause's subject: a verb-like word follows */
	k = *nb;
	while (k < c && is_adverb_or_aux(d, k))
		k++;
	return k < c && k > *nb ? true : (k < c && is_word(d, k) && !is_preposition(d, k) &&
									 !TOK_IN(d, k, connectives) && !tok_is(d, k, "of"));
}

/* feature template t with values a, b */
#define FB_F(t, a, b) st_feat_mix((t), (a), (b))

enum
{
	FB_BIAS = 1, FB_L, FB_LF, FB_W, FB_P1, FB_N1, FB_P2P1, FB_LP1, FB_LN1,
	FB_FCV, FB_LCV, FB_SS, FB_NEST, FB_LNEST, FB_SUBJ, FB_LSUBJ,
	FB_BOUND					/* not a feature: the most FB_SUBJ + FB_LSUBJ add */
};

static StStatus
fallback_statements(Ctx *x)
{
	StDoc	   *d = x->d;
	uint8_t    *used;
	int32_t		ui,
				i,
				k,
				nbase = x->nstmts;

	used = st_arena_alloc(d->arena, (size_t) d->ntoks + 1);
	if (used == NULL)
		return ST_ERR_NOMEM;
	for (i = 0; i < nbase; i++)
		if (x->stmts[i].cue0 >= 0)
			for (k = x->stmts[i].cue0; k < x->stmts[i].cue1 && k < d->ntoks; k++)
				used[k] = 1;
#ifdef ST_CUE_DUMP
	fprintf(stderr, "DOC\n");
#endif
	for (ui = 0; ui < x->nunits; ui++)
	{
		Unit	   *u = &x->units[ui];
		int32_t		ci;

		/* only tokens with a cue form can be one: those of x->cue_toks */
		for (ci = first_cue_tok(x, u);
			 ci < x->ncue_toks && (k = x->cue_toks[ci]) < u->t1; ci++)
		{
			char		form;
			bool		cv,
						nested = false,
						subj_pron = false;
			int32_t		subj = 0,
						na = -1,
						nb = -1,
						apa = -1,
						apb = -1,
						c0 = -1,
						c1 = -1,
						p,
						nf = 0;
			StKind		kind = ST_KIND_INDIRECT;
			uint32_t	h[24],
						lm,
						w,
						p1,
						n1;
			float		score;
			StStmt	   *s;

			if (!(d->toks[k].f & TK_CUE_MASK) || used[k] || (d->toks[k].f & TK_POSS) ||
				in_quote_tok(d, k) || claim_of_taking(d, k))
				continue;
			form = tok_cue_form(d, k);
			/* "was criticized (by the unions)": a passive is no statement here */
			if (form == 'd')
			{
				p = k - 1;
				while (p >= u->t0 && is_adverb_or_aux(d, p) && !is_be(d, p))
					p--;
				if (p >= u->t0 && is_be(d, p))
					continue;
			}
			cv = is_cue_verb(d, k, u->t0, NULL);
			lm = fb_stem(d, k, form);
			w = fb_word(d, k);
			p1 = fb_word(d, k - 1);
			n1 = fb_word(d, k + 1);
			h[nf++] = FB_F(FB_BIAS, 0, 0);
			h[nf++] = FB_F(FB_L, lm, 0);
			h[nf++] = FB_F(FB_LF, lm, (uint32_t) form);
			h[nf++] = FB_F(FB_W, w, 0);
			h[nf++] = FB_F(FB_P1, p1, 0);
			h[nf++] = FB_F(FB_N1, n1, 0);
			h[nf++] = FB_F(FB_P2P1, fb_word(d, k - 2), p1);
			h[nf++] = FB_F(FB_LP1, lm, p1);
			h[nf++] = FB_F(FB_LN1, lm, n1);
			h[nf++] = FB_F(FB_FCV, (uint32_t) form, cv);
			h[nf++] = FB_F(FB_LCV, lm, cv);
			h[nf++] = FB_F(FB_SS, (d->toks[k].f & TK_SSTART) != 0, 0);
			for (i = 0; i < nbase; i++)
				if (x->stmts[i].c0 <= d->toks[k].s && d->toks[k].e <= x->stmts[i].c1)
					nested = true;
			h[nf++] = FB_F(FB_NEST, nested, 0);
			h[nf++] = FB_F(FB_LNEST, lm, nested);
			score = st_cue_score(h, nf);
#ifndef ST_CUE_DUMP
			{
				/* the most the subject features can add (cuemodel_gen.c) */
				uint32_t	g = FB_F(FB_BOUND, lm, (uint32_t) form);
				float		best = st_cue_score(&g, 1);

				if (best == 0)
					best = st_cue_subj_max;
				if (score + best <= 0)
					continue;
			}
#endif
			/* the source: a relative pronoun, a subject, a noun phrase */
			p = k - 1;
			while (p >= u->t0 && is_adverb_or_aux(d, p))
				p--;
			if (p >= u->t0 && (tok_is(d, p, "who") || tok_is(d, p, "which") ||
							   tok_is(d, p, "that")))
			{
				na = p;
				nb = p + 1;
				subj = 2;
			}
			else if (subject_left(d, u->t0, k, &na, &nb, &apa, &apb))
				subj = 1;
			else if (p >= u->t0 && np_core_left(d, u->t0, p + 1, &na, &nb))
				subj = 3;
			else if (form != 'g' && k > u->t0 && tok_char(d, k - 1, ',') &&
					 np_core_right(d, k + 1, u->t1, &na, &nb) && na == k + 1 &&
					 inverted_tail_ok(d, nb, u->t1))
				subj = 5;		/* "..., said a spokesman for the party." */
			else if (fb_clause_subject(d, u->t0, k, &na, &nb))
				subj = 4;
			/*
			 * An infinitive or a gerund after a preposition with no one to
			 * say it ("met to discuss the drought", "left without agreeing
			 * on rationing") is an activity, not a statement.
			 */
			if (subj == 0 && k > u->t0 &&
				((form == 'b' && tok_is(d, k - 1, "to")) ||
				 (form == 'g' && (TOK_IN(d, k - 1, prepositions) ||
								  tok_is(d, k - 1, "without") ||
								  tok_is(d, k - 1, "while") ||
								  tok_is(d, k - 1, "when")))))
				continue;
			if (subj && is_pronoun(d, na) && nb == na + 1)
				subj_pron = true;
			else if (subj == 1 || subj == 3)
				na = fb_expand_left(d, u->t0, na);
			{
				int32_t		n0 = nf;

				h[nf++] = FB_F(FB_SUBJ, (uint32_t) (subj * 2 + subj_pron), (uint32_t) form);
				h[nf++] = FB_F(FB_LSUBJ, lm, (uint32_t) subj);
				score += st_cue_score(h + n0, nf - n0);
			}
#ifdef ST_CUE_DUMP
			/* its place, the bound's key and the subject features it bounds */
			fprintf(stderr, "C %d %d %u", d->toks[k].s, d->toks[k].e,
					FB_F(FB_BOUND, lm, (uint32_t) form));
			for (i = 0; i < 12; i++)
				fprintf(stderr, " %u %u", FB_F(FB_SUBJ, (uint32_t) i, (uint32_t) form),
						FB_F(FB_LSUBJ, lm, (uint32_t) (i / 2)));
			fprintf(stderr, " |");
			for (i = 0; i < nf; i++)
				fprintf(stderr, " %u", h[i]);
			fprintf(stderr, "\n");
#endif
			if (score <= 0)
				continue;
			if (subj != 5)
				content_after_cue(x, cue_extent(d, k, u->t1), u->t1, &c0, &c1, &kind);
			/* quotations right after it are for the rules to take or leave */
			if (c0 >= 0 && kind != ST_KIND_INDIRECT)
			{
				int32_t		j = k + 1;

				while (j < u->t1 && d->toks[j].e <= c0)
					j++;
				if (kind == ST_KIND_DIRECT ||
					(j < u->t1 && (d->toks[j].f & TK_QMARK)))
					continue;
			}
			if (c0 < 0)
			{
				/* the clause before the cue: "..., the officials said." */
				int32_t		a = u->t0,
							e = (subj && na > u->t0 && na < k) ? na : k;

				while (e > a && (is_end_punct(d, e - 1) || tok_char(d, e - 1, ',')))
					e--;
				if (e - a < 3)
					continue;
				c0 = d->toks[a].s;
				c1 = d->toks[e - 1].e;
			}
			{
				/* a particle alone ("spoke out", "weighed in") is no content */
				int32_t		j = k + 1;

				while (j < u->t1 && d->toks[j].s < c0)
					j++;
				if (j < u->t1 && d->toks[j].s == c0 && d->toks[j].e == c1 &&
					(is_preposition(d, j) || tok_is(d, j, "out") || tok_is(d, j, "off") ||
					 tok_is(d, j, "up") || tok_is(d, j, "back") || tok_is(d, j, "down")))
					continue;
			}
			if (!(s = new_stmt(x)))
				return ST_ERR_NOMEM;
			s->para = u->para;
			s->kind = ST_KIND_INDIRECT;
			s->cue0 = k;
			s->cue1 = cue_extent(d, k, u->t1);
			if (subj)
			{
				s->m0 = na;
				s->m1 = nb;
				s->ap0 = apa;
				s->ap1 = apb;
			}
			s->c0 = c0;
			s->c1 = c1;
			for (i = s->cue0; i < s->cue1; i++)
				used[i] = 1;
		}
	}
	return ST_OK;
}

static int
cmp_stmt(const void *a, const void *b)
{
	const StStmt *x = a,
			   *y = b;

	return (x->c0 > y->c0) - (x->c0 < y->c0);
}

/*
 * "X praised A for B, and Y praised C": the content of X's statement ends
 * before the clause of another statement whose speaker and cue come after
 * a coordinating ", and" (", but", ", while", ";").  Statements are in text
 * order.  Quotations keep their marks' boundaries.
 */
static void
trim_coordinated(StDoc *d, StStmt *st, int32_t n)
{
	for (int32_t i = 0; i < n; i++)
	{
		StStmt	   *a = &st[i];

		if (a->kind != ST_KIND_INDIRECT)
			continue;
		for (int32_t j = i + 1; j < n; j++)
		{
			const StStmt *b = &st[j];
			int32_t		k,
						cut;

			/* a subject right before its cue ("Cook did not say") */
			if (b->m0 < 0 || b->cue0 < 0 || b->m1 > b->cue0 ||
				b->cue0 - b->m1 > 2)
				continue;
			if (d->toks[b->m0].s >= a->c1)
				break;
			if (d->toks[b->m0].s <= a->c0 || b->m0 < 2)
				continue;
			k = b->m0 - 1;
			if (tok_is(d, k, ";"))
				cut = k;
			else if ((tok_is(d, k, "and") || tok_is(d, k, "but") ||
					  tok_is(d, k, "while")) && tok_is(d, k - 1, ","))
				cut = k - 1;
			else
				continue;
			if (cut > 0 && d->toks[cut - 1].e > a->c0)
			{
				a->c1 = d->toks[cut - 1].e;
				break;
			}
		}
	}
}

StStatus
st_attribute(StDoc *d, StResult *out)
{
	Ctx			x;
	int32_t		ui;
	StStatus	rc;
	int32_t		i;

	memset(&x, 0, sizeof(x));
	x.d = d;
	d->cue_cache = NULL;
	/*
	 * Only tokens with a cue form can be cue verbs (is_cue_verb asks the
	 * cache about no other): st_classify_tokens listed them.
	 */
	if (d->ncue_toks < 0 || d->naccording < 0)
		return ST_ERR_NOMEM;
	x.cue_toks = d->cue_toks;
	x.ncue_toks = d->ncue_toks;
	if ((rc = build_units(&x)) != ST_OK)
		return rc;
	{
		uint8_t    *cache = st_arena_alloc(d->arena, (size_t) d->ntoks + 1);
		int32_t    *cache_t0 = st_arena_alloc_raw(d->arena, sizeof(int32_t) * ((size_t) d->ntoks + 1));
		int32_t		k;

		if (cache == NULL || cache_t0 == NULL)
			return ST_ERR_NOMEM;
		for (ui = 0; ui < x.nunits; ui++)
			for (int32_t ci = first_cue_tok(&x, &x.units[ui]);
				 ci < x.ncue_toks && (k = x.cue_toks[ci]) < x.units[ui].t1; ci++)
			{
				char		f = 0;

				cache_t0[k] = x.units[ui].t0;
				if (is_cue_verb_uncached(d, k, x.units[ui].t0, &f))
					cache[k] = (uint8_t) f;
			}
		d->cue_cache = cache;
		d->cue_cache_t0 = cache_t0;
	}
	for (ui = 0; ui < x.nunits; ui++)
	{
		int32_t		before = x.nstmts;
		bool		covered = false;

		if ((ui & 1023) == 1023 && st_tick(d))
			return ST_ERR_CANCELED;
		/* a quotation already taken by a colon introduction */
		if (before > 0 && x.stmts[before - 1].c0 >= d->toks[x.units[ui].t0].s &&
			x.stmts[before - 1].c0 < d->toks[x.units[ui].t1 - 1].e)
			covered = true;
		if (!covered)
		{
			int32_t		u0 = ui;

			if ((rc = unit_statements(&x, &ui)) != ST_OK)
				return rc;
			if ((rc = embedded_statements(&x, &x.units[u0], before)) != ST_OK)
				return rc;
		}
		if ((rc = colon_introductions(&x, ui)) != ST_OK)
			return rc;
	}
	/* quotations signed after a dash: “...” ― Name */
	{
		int32_t		q,
					j = 0;

		for (q = 0; q < d->nquotes; q++)
		{
			int32_t		qa,
						qb,
						na,
						nb;
			bool		taken = false;
			StStmt	   *s;

			quote_tokens(d, q, &qa, &qb);
			for (; j < x.nstmts && x.stmts[j].c1 < d->quotes[q].open; j++)
				;
			for (i = j; i < x.nstmts && x.stmts[i].c0 <= d->quotes[q].close_e; i++)
				if (x.stmts[i].c1 >= d->quotes[q].open_e)
					taken = true;
			if (taken || qb >= d->ntoks ||
				!dash_attribution(d, qb, d->paras[d->quotes[q].para].tok1, &na, &nb))
				continue;
			if (!(s = new_stmt(&x)))
				return ST_ERR_NOMEM;
			s->para = d->quotes[q].para;
			s->kind = ST_KIND_DIRECT;
			s->c0 = d->quotes[q].open_e;
			s->c1 = d->quotes[q].close;
			s->m0 = na;
			s->m1 = nb;
		}
	}
	if ((rc = fallback_statements(&x)) != ST_OK)
		return rc;
	/* cue spans as PolNeAR draws them: "has also said", "said Thursday" */
	for (i = 0; i < x.nstmts; i++)
	{
		StStmt	   *s = &x.stmts[i];

		widen_cue(d, s);
		if (s->kind == ST_KIND_INDIRECT &&
			s->m0 >= 0 && s->cue0 >= 0 && s->m1 <= s->cue0 && s->m0 < d->ntoks &&
			d->toks[s->m0].sent >= 0 &&
			!(is_pronoun(d, s->m0) && s->m1 == s->m0 + 1) &&
			(d->toks[s->m0].s >= s->c1 || d->toks[s->m1 - 1].e <= s->c0))
			s->m0 = fb_expand_left(d, d->sents[d->toks[s->m0].sent].tok0, s->m0);
	}
	/* statements come out in text order */
	for (i = 1; i < x.nstmts; i++)
		if (x.stmts[i].c0 < x.stmts[i - 1].c0)
			break;
	if (i < x.nstmts)
	{
		/*
		 * Keep the "inherit" links pointing at the same statements: the
		 * learned fallback appends statements from anywhere in the text.
		 * Until st_resolve fills it, "speaker" holds each one's old place.
		 */
		int32_t    *newpos = st_arena_alloc_raw(d->arena,
												sizeof(int32_t) * (size_t) x.nstmts);

		if (newpos == NULL)
			return ST_ERR_NOMEM;
		for (i = 0; i < x.nstmts; i++)
			x.stmts[i].speaker = i;
		qsort(x.stmts, (size_t) x.nstmts, sizeof(StStmt), cmp_stmt);
		for (i = 0; i < x.nstmts; i++)
			newpos[x.stmts[i].speaker] = i;
		for (i = 0; i < x.nstmts; i++)
		{
			if (x.stmts[i].inherit >= 0)
				x.stmts[i].inherit = newpos[x.stmts[i].inherit];
			x.stmts[i].speaker = -1;
		}
	}
	trim_coordinated(d, x.stmts, x.nstmts);
	return st_resolve(d, x.stmts, x.nstmts, out);
}
