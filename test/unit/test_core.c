/*
 * test_core.c
 *	  Unit tests of the analysis engine, on sentences written for them.
 *	  Prints "unit: N passed, N failed" and exits nonzero on failure.
 */
#include "stance_core.h"
#include "internal.h"
#include "lexicon.h"
#include "stance.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int	npass,
			nfail;

static void *
t_alloc(void *ctx, size_t n)
{
	(void) ctx;
	return malloc(n);
}

static void
t_free(void *ctx, void *p)
{
	(void) ctx;
	free(p);
}

#define CHECK(name, cond) \
	do { \
		if (cond) npass++; \
		else { nfail++; fprintf(stderr, "FAIL %s (%s:%d): %s\n", name, __FILE__, __LINE__, #cond); } \
	} while (0)

typedef struct Run
{
	StArena    *arena;
	StResult	r;
	StStatus	rc;
	const char *text;
} Run;

static Run
analyze(const char *text)
{
	Run			run;

	run.arena = st_arena_create(t_alloc, t_free, NULL);
	run.text = text;
	run.rc = st_analyze(run.arena, text, strlen(text), NULL, &run.r);
	return run;
}

static void
done(Run *run)
{
	st_arena_destroy(run->arena);
}

/* does span [s, e) of text equal str? */
static int
span_is(const char *text, StSpan sp, const char *str)
{
	size_t		n = strlen(str);

	return sp.start >= 0 && (size_t) (sp.end - sp.start) == n &&
		memcmp(text + sp.start, str, n) == 0;
}

static const char *
speaker_of(Run *run, int i)
{
	int			k = run->r.statements[i].speaker;

	return k >= 0 ? run->r.speakers[k].name : "(none)";
}

static void
test_arena(void)
{
	StArena    *a = st_arena_create(t_alloc, t_free, NULL);
	char	   *p = st_arena_alloc(a, 10);
	char	   *big = st_arena_alloc(a, 1 << 20);
	char	   *s = st_arena_strndup(a, "hello world", 5);

	CHECK("arena small", p != NULL && ((uintptr_t) p & 7) == 0);
	CHECK("arena big zeroed", big != NULL && big[0] == 0 && big[(1 << 20) - 1] == 0);
	CHECK("arena strndup", strcmp(s, "hello") == 0);
	CHECK("arena accounting", st_arena_used(a) > (1 << 20));
	st_arena_destroy(a);
}

static void
test_utf8(void)
{
	const char *t = "caf\xc3\xa9 \xe2\x80\x9cok\xe2\x80\x9d";

	CHECK("utf8 count ascii", st_utf8_count(t, 3) == 3);
	CHECK("utf8 count 2-byte", st_utf8_count(t, 5) == 4);
	CHECK("utf8 count 3-byte", st_utf8_count(t, strlen(t)) == 9);
	CHECK("utf8 invalid byte counts one", st_utf8_count("a\xff" "b", 3) == 3);
}

static void
test_sentences(void)
{
	Run			run = analyze("Dr. Ana Ruiz met Gen. Tomas Berg in the U.S. capital on Monday. "
							  "They talked for an hour.\nA new paragraph starts here. And ends.");

	CHECK("segment ok", run.rc == ST_OK);
	CHECK("abbreviations do not end sentences", run.r.nsentences == 4);
	CHECK("first sentence", run.r.nsentences > 0 &&
		  span_is(run.text, run.r.sentences[0].span,
				  "Dr. Ana Ruiz met Gen. Tomas Berg in the U.S. capital on Monday."));
	CHECK("paragraph numbers", run.r.nsentences == 4 && run.r.sentences[2].paragraph == 1 &&
		  run.r.sentences[1].paragraph == 0);
	done(&run);
}

static void
test_direct_after(void)
{
	Run			run = analyze("\"The bridge will open in May,\" said Lena Okafor, the mayor of Dunmore.\n"
							  "\xe2\x80\x9cWe are ready,\xe2\x80\x9d Okafor added.");

	CHECK("two statements", run.r.nstatements == 2);
	if (run.r.nstatements == 2)
	{
		CHECK("content without marks", span_is(run.text, run.r.statements[0].content,
												"The bridge will open in May,"));
		CHECK("cue said", span_is(run.text, run.r.statements[0].cue, "said"));
		CHECK("mention after cue, with its appositive",
			  span_is(run.text, run.r.statements[0].mention, "Lena Okafor, the mayor of Dunmore"));
		CHECK("kind direct", run.r.statements[0].kind == ST_KIND_DIRECT);
		CHECK("surname resolves to full name", strcmp(speaker_of(&run, 1), "Lena Okafor") == 0);
		CHECK("role from appositive", run.r.nspeakers == 1 && run.r.speakers[0].role &&
			  strcmp(run.r.speakers[0].role, "mayor of Dunmore") == 0);
		CHECK("affiliation from role", run.r.nspeakers == 1 && run.r.speakers[0].affiliation &&
			  strcmp(run.r.speakers[0].affiliation, "Dunmore") == 0);
	}
	done(&run);
}

static void
test_british_apostrophes(void)
{
	Run			run = analyze("The players' union met at 9 o'clock. 'Rock 'n' roll is back in the '90s "
							  "and NATO's plans are clear,' the union's chairman, Piet Vos, said.");

	CHECK("one statement", run.r.nstatements == 1);
	if (run.r.nstatements == 1)
		CHECK("apostrophes do not close the quotation",
			  span_is(run.text, run.r.statements[0].content,
					  "Rock 'n' roll is back in the '90s and NATO's plans are clear,"));
	done(&run);
}

static void
test_cue_before_and_mixed(void)
{
	Run			run = analyze("Carla Mendes said: \xe2\x80\x9cThe port is closed.\xe2\x80\x9d\n"
							  "She later called the decision \xe2\x80\x9c""a grave mistake\xe2\x80\x9d.");

	CHECK("two statements", run.r.nstatements == 2);
	if (run.r.nstatements == 2)
	{
		CHECK("colon introduction is direct", run.r.statements[0].kind == ST_KIND_DIRECT &&
			  span_is(run.text, run.r.statements[0].content, "The port is closed."));
		CHECK("mixed statement", run.r.statements[1].kind == ST_KIND_MIXED);
		CHECK("mixed content", span_is(run.text, run.r.statements[1].content,
									   "the decision \xe2\x80\x9c""a grave mistake\xe2\x80\x9d"));
		CHECK("pronoun resolves", strcmp(speaker_of(&run, 1), "Carla Mendes") == 0);
	}
	done(&run);
}

static void
test_split_and_followon(void)
{
	Run			run = analyze("\xe2\x80\x9cWe lost the vote,\xe2\x80\x9d Jonas Hale said. \xe2\x80\x9cWe will try again.\xe2\x80\x9d\n"
							  "\xe2\x80\x9cNobody should give up on this plan now.\xe2\x80\x9d");

	CHECK("split quote is one statement plus a follow-on", run.r.nstatements == 2);
	if (run.r.nstatements == 2)
	{
		CHECK("split quote is mixed", run.r.statements[0].kind == ST_KIND_MIXED);
		CHECK("follow-on inherits the speaker", strcmp(speaker_of(&run, 1), "Jonas Hale") == 0);
	}
	done(&run);
}

static void
test_not_statements(void)
{
	Run			run = analyze("The so-called \xe2\x80\x9cgreen deal\xe2\x80\x9d was debated. "
							  "She read \xe2\x80\x9cWar and Peace\xe2\x80\x9d twice.\nThere is no quotation here at all.");

	CHECK("scare quotes and titles are not statements", run.r.nstatements == 0);
	done(&run);
	run = analyze("");
	CHECK("empty input", run.rc == ST_OK && run.r.nstatements == 0 && run.r.nsentences == 0);
	done(&run);
}

/* the cue spans PolNeAR draws: a contracted auxiliary, a verb's particle */
static void
test_cue_spans(void)
{
	Run			run = analyze("The port authority responded to the complaints with a long letter.\n"
							  "Ana Ruiz warned of higher bread prices next winter.\n"
							  "He's said the bridge plan will fail.");

	CHECK("three statements", run.r.nstatements == 3);
	if (run.r.nstatements == 3)
	{
		CHECK("particle joins the cue", span_is(run.text, run.r.statements[0].cue, "responded to"));
		CHECK("content after the particle",
			  span_is(run.text, run.r.statements[0].content, "the complaints with a long letter"));
		CHECK("'warned of'", span_is(run.text, run.r.statements[1].cue, "warned of"));
		CHECK("contracted auxiliary joins the cue",
			  span_is(run.text, run.r.statements[2].cue, "'s said"));
		CHECK("pronoun stays the mention", span_is(run.text, run.r.statements[2].mention, "He"));
	}
	done(&run);
}

/* cue words no pattern takes: the learned fallback (attrib.c, cuemodel.c) */
static void
test_fallback(void)
{
	Run			run = analyze("The latest survey of farmers in Norland shows the mayor far ahead.\n"
							  "Tom Brandt went on television to say that the result was rigged.\n"
							  "The storm claimed four more lives on Monday.");
	int			i,
				shows = -1,
				say = -1;

	for (i = 0; i < run.r.nstatements; i++)
	{
		if (span_is(run.text, run.r.statements[i].cue, "shows"))
			shows = i;
		if (span_is(run.text, run.r.statements[i].cue, "to say"))
			say = i;
		CHECK("'claimed four lives' is no statement",
			  !span_is(run.text, run.r.statements[i].cue, "claimed"));
	}
	CHECK("a survey shows: a statement", shows >= 0);
	if (shows >= 0)
	{
		CHECK("the whole noun phrase is the source",
			  span_is(run.text, run.r.statements[shows].mention,
					  "The latest survey of farmers in Norland"));
		CHECK("content after the cue",
			  span_is(run.text, run.r.statements[shows].content, "the mayor far ahead"));
		CHECK("fallback statements are indirect",
			  run.r.statements[shows].kind == ST_KIND_INDIRECT);
	}
	CHECK("'went on television to say': a statement, its 'to' in the cue", say >= 0);
	if (say >= 0)
		CHECK("the clause's subject speaks", span_is(run.text, run.r.statements[say].mention,
													  "Tom Brandt"));
	done(&run);
	run = analyze("The toll plan has been criticized for months. The old bridge was rejected "
				  "again.\nA small charity in Dunmore spoke out.");
	CHECK("no passive, no lone particle as content", run.r.nstatements == 0);
	done(&run);
}

static void
test_unbalanced(void)
{
	Run			run = analyze("He said \xe2\x80\x9cthis never closes.\n"
							  "\xe2\x80\x9cThe new port opens today,\xe2\x80\x9d said Mira Holm.\n");
	int			i,
				ok = 1;

	for (i = 0; i < run.r.nstatements; i++)
		if (run.r.statements[i].content.start < 30 && run.r.statements[i].content.end > 40)
			ok = 0;
	CHECK("unbalanced mark stays in its paragraph", ok);
	CHECK("later quotation still found", run.r.nstatements >= 1 &&
		  strcmp(speaker_of(&run, run.r.nstatements - 1), "Mira Holm") == 0);
	done(&run);
}

static void
test_garbage(void)
{
	char		buf[4096];
	int			i;
	Run			run;

	for (i = 0; i < (int) sizeof(buf) - 1; i++)
		buf[i] = "\"'\xe2\x80\x9c\x9d\xff ,.:a"[i % 12];
	buf[sizeof(buf) - 1] = '\0';
	run = analyze(buf);
	CHECK("garbage input analysed", run.rc == ST_OK);
	for (i = 0; i < run.r.nstatements; i++)
	{
		StStatement *s = &run.r.statements[i];

		if (s->content.start < 0 || s->content.end > (int) strlen(buf) ||
			s->content.start > s->content.end)
			break;
	}
	CHECK("spans inside the text", i == run.r.nstatements);
	done(&run);
}

/* the target and stance of statements (target.c) */
static const StStatement *
stmt_with_cue(Run *run, const char *cue)
{
	for (int i = 0; i < run->r.nstatements; i++)
		if (span_is(run->text, run->r.statements[i].cue, cue))
			return &run->r.statements[i];
	return NULL;
}

static int
target_is(const StStatement *s, const char *name)
{
	return s != NULL && s->target != NULL && strcmp(s->target, name) == 0;
}

static void
test_targets(void)
{
	Run			run;
	const StStatement *s;

	/* the object of the cue; the speaker's own side is not a target */
	run = analyze("Arcadia and Borvia met on Monday. Borvia's foreign minister, "
				  "Petra Lind, condemned Arcadian patrols near the border.");
	s = stmt_with_cue(&run, "condemned");
	CHECK("target: demonym names its state", target_is(s, "Arcadia"));
	CHECK("target: condemn is against", s && s->stance == 0 && s->confidence > 0.5);
	CHECK("target: act", s && s->act && strcmp(s->act, "condemn") == 0);
	done(&run);

	/* an alias the article makes, and a place standing for its state */
	run = analyze("Russia will host the Northern Compact alliance in June. "
				  "Minister Jana Holm accused the alliance of stalling. "
				  "Senator Ivo Laine praised Moscow for its patience.");
	CHECK("target: the alliance", target_is(stmt_with_cue(&run, "accused"), "Northern Compact"));
	CHECK("target: Moscow is Russia", target_is(stmt_with_cue(&run, "praised"), "Russia"));
	s = stmt_with_cue(&run, "praised");
	CHECK("target: praise is favor", s && s->stance == 2);
	done(&run);

	/* negation and hedging of the cue */
	run = analyze("Minister Jana Holm did not accuse Borvia of anything. "
				  "Senator Ivo Laine reportedly said Borvia had lied.");
	s = stmt_with_cue(&run, "did not accuse");
	CHECK("negated cue", s && s->negated && !s->hedged);
	CHECK("negated accusation is no accusation", s && s->stance != 0);
	s = stmt_with_cue(&run, "reportedly said");
	CHECK("hedged cue", s && s->hedged && !s->negated);
	done(&run);

	/* no name, no target, no stance */
	run = analyze("Mayor Lena Okafor said the pool would open at nine.");
	CHECK("no target", run.r.nstatements == 1 && run.r.statements[0].target == NULL &&
		  run.r.statements[0].stance == -1);
	done(&run);

	/* the caller's targets only; none when the list is empty */
	{
		static const char *const aliases[] = {"the alliance"};
		static const StTargetSpec targets[] = {{"Compact", aliases, 1}};
		const char *text = "Minister Jana Holm accused the alliance of stalling. "
			"Senator Ivo Laine praised Borvia for its restraint.";
		StOptions	opts;

		memset(&opts, 0, sizeof(opts));
		opts.targets = targets;
		opts.ntargets = 1;
		run.arena = st_arena_create(t_alloc, t_free, NULL);
		run.text = text;
		run.rc = st_analyze(run.arena, text, strlen(text), &opts, &run.r);
		CHECK("caller's target by alias", target_is(stmt_with_cue(&run, "accused"), "Compact"));
		CHECK("not the caller's target", (s = stmt_with_cue(&run, "praised")) && s->target == NULL);
		done(&run);

		opts.ntargets = 0;
		run.arena = st_arena_create(t_alloc, t_free, NULL);
		run.rc = st_analyze(run.arena, text, strlen(text), &opts, &run.r);
		CHECK("empty list: no targets", run.rc == ST_OK && run.r.nstatements == 2 &&
			  run.r.statements[0].target == NULL && run.r.statements[1].target == NULL);
		done(&run);
	}
}
/* test/unit/test_model.c */
extern void test_model(int *npass, int *nfail);
/* test/unit/test_cache.c */
extern void test_word_cache(int *npass, int *nfail);

/* the boundaries of the fast path and of ICU's iterator, compared */
static bool
same_breaks(const char *text, size_t len)
{
	StArena    *a = st_arena_create(t_alloc, t_free, NULL);
	StDoc		d;
	int32_t    *b1,
			   *b2,
				n1,
				n2;
	bool		same;

	memset(&d, 0, sizeof(d));
	d.arena = a;
	d.text = text;
	d.len = (int32_t) len;
	same = st_tokenize(&d) == ST_OK &&
		st_sentence_breaks(&d, false, &b1, &n1) == ST_OK &&
		st_sentence_breaks(&d, true, &b2, &n2) == ST_OK &&
		n1 == n2 && (n1 == 0 || memcmp(b1, b2, sizeof(int32_t) * (size_t) n1) == 0);
	if (!same)
		fprintf(stderr, "breaks differ: [%.*s]\n", (int) len, text);
	st_arena_destroy(a);
	return same;
}

static void
test_sentence_breaks(void)
{
	static const char *const fixed[] = {
		"He left. She stayed.", "U.S. officials met. The U.S. said no.",
		"It rose 3.5 per cent. Then fell.", "See e.g. the list. Or not.",
		"\"Go!\" he said. \"Now?\" She left.", "It ended (finally.) Next one.",
		"Wait... The end.", "What?! No. (Maybe.) 'Yes.' fine.", "3.The 3. The a.b.c",
		"caf\xc3\xa9.The caf\xc3\xa9. The \xe2\x80\x9cNo.\xe2\x80\x9d The",
		"He said \xe2\x80\x9cno.\xe2\x80\x9d\xc2\xa0the end. x\xc2\xad.Y z.\xc2\xad" "A",
		"One\xe3\x80\x82Two. Three", "Bad\xff. Byte.\x80 Here. \xe2\x80",
		"Mr. Smith. Dr. no. A. B. c. 1. 2. -3. ,4.", "end. - lower. - Upper. ; x. : Y",
	};
	static const char *const pieces[] = {
		"a", "U", "x", " ", "  ", ".", "?", "!", "\"", "'", "(", ")", "3", ",",
		";", ":", "-", "\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\x99", "\xc3\xa9",
		"\xc3\x89", "\xc2\xad", "\xe2\x80\x8d", "\xe2\x80\xa6", "\xe2\x80\x94",
		"\xc2\xa0", "\xe3\x80\x82", "\xff", "\xe2\x80", "[", "the", "The", "\t",
	};
	uint32_t	seed = 12345;
	int			bad = 0;

	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		bad += !same_breaks(fixed[i], strlen(fixed[i]));
	for (int it = 0; it < 20000; it++)
	{
		char		buf[256];
		size_t		len = 0;

		seed = seed * 1103515245u + 12345u;
		for (int k = 1 + (int) ((seed >> 16) % 24); k > 0; k--)
		{
			const char *p;

			seed = seed * 1103515245u + 12345u;
			p = pieces[(seed >> 16) % (sizeof(pieces) / sizeof(pieces[0]))];
			memcpy(buf + len, p, strlen(p));
			len += strlen(p);
		}
		bad += !same_breaks(buf, len);
	}
	CHECK("fast sentence breaks are ICU's", bad == 0);
}

extern const char *st_cue_lookup(const char *w, int32_t n, char *form);

/* the cue prefilter turns away no word that st_cue_lookup would find */
static void
test_cue_prefilter(void)
{
	static const char *const sufs[] = {
		"", "s", "es", "ed", "d", "ing", "ies", "ied", "ly", "er", "ment"
	};
	int			bad = 0,
				found = 0;
	uint32_t	seed = 99;

	for (int e = 0; e < st_lex_cues_n; e++)
	{
		const char *k = st_lex_cues[e];
		size_t		kl = strcspn(k, "|");

		for (size_t s = 0; s < sizeof(sufs) / sizeof(sufs[0]); s++)
			for (int v = 0; v < 4; v++)
			{
				char		w[64];
				size_t		n = kl;
				char		form;

				if (kl + 8 >= sizeof(w))
					continue;
				memcpy(w, k, kl);
				if (v == 1 && n > 1)
					n--;		/* argu-ing, deni-ed */
				if (v == 2)
					w[n] = w[n - 1], n++;	/* admitt-ed */
				if (v == 3)
					w[0] = (char) (w[0] - 32);	/* capitalised */
				memcpy(w + n, sufs[s], strlen(sufs[s]));
				n += strlen(sufs[s]);
				if (st_cue_lookup(w, (int32_t) n, &form) != NULL)
				{
					found++;
					if (!st_cue_prefilter(w, (int32_t) n))
					{
						bad++;
						fprintf(stderr, "prefilter drops %.*s\n", (int) n, w);
					}
				}
			}
	}
	/* and random words */
	for (int it = 0; it < 200000; it++)
	{
		char		w[12];
		int			n;
		char		form;

		seed = seed * 1103515245u + 12345u;
		n = 4 + (int) ((seed >> 16) % 8);
		for (int i = 0; i < n; i++)
		{
			seed = seed * 1103515245u + 12345u;
			w[i] = (char) ('a' + (seed >> 16) % 26);
		}
		if (st_cue_lookup(w, n, &form) != NULL && !st_cue_prefilter(w, n))
			bad++;
	}
	CHECK("cue prefilter keeps every cue", bad == 0 && found > 1000);
}

/*
 * The classifier's memo and tokenizer shortcuts change nothing: a statement
 * classified with a memo (cold and warm) reads as without one, over words
 * that cross the tokenizer's 64-byte blocks, possessives ('s and ’s), short
 * words and the end of the statement.
 */
static void
test_classifier_memo(void)
{
	static const char *const stmts[] = {
		"NATO condemned Russia's aggression and praised the brave allies.",
		"The Kremlin didn\xe2\x80\x99t condemn NATO\xe2\x80\x99s plan, a good plan.",
		"Supercalifragilisticexpialidocious-and-then-some-more-words-joined-by-hyphens "
		"accused NATO of terrible, horrible lies",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa praised NATO",
		"He said NATO is bad. It is a threat; a grave threat to peace s",
		"I s a x NATO's 's ’s",
		"Officials warned that NATO's hostile actions were unacceptable and dangerous"
	};
	bool		ok = true;
	StStanceMemo *memo = malloc(st_stance_memo_size());

	if (memo == NULL)
	{
		CHECK("memo allocated", false);
		return;
	}
	st_stance_memo_init(memo);
	for (int round = 0; round < 2; round++)
		for (size_t i = 0; i < sizeof(stmts) / sizeof(stmts[0]); i++)
		{
			StStanceInput in;
			StStanceResult a,
						b;

			memset(&in, 0, sizeof(in));
			in.stmt = stmts[i];
			in.len = strlen(stmts[i]);
			in.target = "NATO";
			in.tlen = 4;
			in.act_start = -1;
			in.memo = memo;
			a = st_stance_classify_in(&in);
			b = st_stance_classify(stmts[i], strlen(stmts[i]), "NATO", 4);
			if (a.label != b.label || a.confidence != b.confidence ||
				a.score != b.score || a.nhits != b.nhits ||
				a.target_mentions != b.target_mentions ||
				strcmp(a.act, b.act) != 0 || a.slot != b.slot)
				ok = false;
		}
	free(memo);
	CHECK("classifier: memo changes nothing", ok);
	{
		const char *s = stmts[1];
		StStanceResult r = st_stance_classify(s, strlen(s), "NATO", 4);

		CHECK("classifier: NATO\xe2\x80\x99s names NATO", r.target_mentions == 1);
	}
	{
		const char *s = stmts[2];
		StStanceResult r = st_stance_classify(s, strlen(s), "NATO", 4);

		CHECK("classifier: act after a word across 64 bytes",
			  strcmp(r.act, "accuse") == 0 && r.label == ST_STANCE_AGAINST);
	}
}

/* the classes of a word by st_lex_find over the merged list (another path) */
static unsigned
classes_by_find(const char *w, size_t n)
{
	const char *e = st_lex_find(st_lex_all, st_lex_all_n, w, n);
	const char *v = e ? st_lex_value(e) : NULL;
	unsigned	m = 0;

	for (; v && *v >= '0' && *v <= '9'; v++)
		m = m * 10 + (unsigned) (*v - '0');
	return m;
}

/*
 * st_lex_classes and st_lex_classes_avail (short, 9-16 byte and long word
 * tables) agree with st_lex_find for every listed word, in any case, with
 * bytes after it or none, and for the same words with a letter added.
 */
static void
test_lex_classes(void)
{
	int			bad = 0;

	for (int e = 0; e < st_lex_all_n; e++)
	{
		const char *bar = strchr(st_lex_all[e], '|');
		size_t		n = (size_t) (bar - st_lex_all[e]);
		char		buf[128];
		unsigned	want;

		if (n == 0 || n + 10 > sizeof(buf))
			continue;
		memcpy(buf, st_lex_all[e], n);
		memcpy(buf + n, "qzzzzzzzz", 9);
		if (buf[0] >= 'a' && buf[0] <= 'z')
			buf[0] -= 'a' - 'A';
		want = classes_by_find(buf, n);
		if (want == 0 || st_lex_classes(buf, n) != want ||
			st_lex_classes_avail(buf, n, n) != want ||
			st_lex_classes_avail(buf, n, n + 9) != want)
			bad++;
		want = classes_by_find(buf, n + 1);
		if (st_lex_classes(buf, n + 1) != want ||
			st_lex_classes_avail(buf, n + 1, n + 9) != want)
			bad++;
	}
	CHECK("word classes agree with the sorted list", bad == 0);
	CHECK("a word ending in a zero byte has no classes",
		  st_lex_classes_avail("the\0zzzzzzzz", 4, 12) == 0 &&
		  st_lex_classes_avail("the\0zzzzzzzz", 3, 12) != 0);
}

/* the learned fallback: no activity as a statement, follow-on links kept */
static void
test_fallback_links(void)
{
	Run			run;

	run = analyze("LAKESIDE, Norland \xe2\x80\x94 Mayors and union leaders met on Friday to "
				  "discuss the strike, but left without agreeing on wages.\n\n"
				  "\"The numbers were known in March,\" Tomas Brandt warned.\n\n"
				  "\"A plan that arrives in July is not a plan at all.\"");
	CHECK("fallback: an infinitive or gerund with no speaker is no statement",
		  run.r.nstatements == 2);
	CHECK("fallback: a follow-on paragraph keeps its speaker",
		  run.r.nstatements == 2 && strcmp(speaker_of(&run, 1), "Tomas Brandt") == 0);
	done(&run);

	/* statements the fallback adds before it do not move its link */
	run = analyze("Mayors and union leaders met on Friday to discuss the strike.\n\n"
				  "\"The numbers were known in March,\" Tomas Brandt warned.\n\n"
				  "\"A plan that arrives in July is not a plan at all.\"");
	CHECK("fallback: the link of a follow-on paragraph survives the reordering",
		  run.r.nstatements >= 2 &&
		  strcmp(speaker_of(&run, run.r.nstatements - 1), "Tomas Brandt") == 0);
	done(&run);
}

int
main(void)
{
	test_arena();
	test_utf8();
	test_sentences();
	test_sentence_breaks();
	test_cue_prefilter();
	test_direct_after();
	test_british_apostrophes();
	test_cue_before_and_mixed();
	test_split_and_followon();
	test_not_statements();
	test_cue_spans();
	test_fallback();
	test_unbalanced();
	test_garbage();
	test_targets();
	test_lex_classes();
	test_model(&npass, &nfail);
	test_word_cache(&npass, &nfail);
	test_classifier_memo();
	test_fallback_links();
	printf("unit: %d passed, %d failed\n", npass, nfail);
	return nfail ? 1 : 0;
}
