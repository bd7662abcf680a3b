/*
 * test_model.c
 *	  Unit tests of the trained-model learner (src/core/model.c): labels,
 *	  features, training, the binary layout.  Run from test_core.c's main.
 */
#include "model.h"
#include "stance.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int *np,
		   *nf;

#define CHECK(name, cond) \
	do { \
		if (cond) (*np)++; \
		else { (*nf)++; fprintf(stderr, "FAIL %s (%s:%d): %s\n", name, __FILE__, __LINE__, #cond); } \
	} while (0)

static void *
m_alloc(void *ctx, size_t n)
{
	(void) ctx;
	return malloc(n);
}

static void
m_free(void *ctx, void *p)
{
	(void) ctx;
	free(p);
}

/* store a layout's checksum after changing its bytes */
static void
set_checksum(unsigned char *buf, size_t size)
{
	uint32_t	cs = st_model_checksum(buf, size);

	buf[12] = cs & 0xFF;
	buf[13] = (cs >> 8) & 0xFF;
	buf[14] = (cs >> 16) & 0xFF;
	buf[15] = cs >> 24;
}

static void
test_synonyms(void)
{
	CHECK("for is favor", st_model_stance_synonym("For", 3) == ST_STANCE_FAVOR);
	CHECK("agree is favor", st_model_stance_synonym("agree", 5) == ST_STANCE_FAVOR);
	CHECK("blanks ignored", st_model_stance_synonym(" against ", 9) == ST_STANCE_AGAINST);
	CHECK("disagree is against", st_model_stance_synonym("DISAGREE", 8) == ST_STANCE_AGAINST);
	CHECK("observing is neutral", st_model_stance_synonym("observing", 9) == ST_STANCE_NEUTRAL);
	CHECK("discuss is neutral", st_model_stance_synonym("discuss", 7) == ST_STANCE_NEUTRAL);
	CHECK("unrelated is no stance", st_model_stance_synonym("unrelated", 9) < 0);
	CHECK("prefix is no stance", st_model_stance_synonym("fo", 2) < 0);
	CHECK("empty is no stance", st_model_stance_synonym("", 0) < 0);
}

static int
extract(const char *s, const char *t, unsigned fs, uint32_t *sp, float *dense)
{
	return st_model_extract(s, strlen(s), t, strlen(t), fs, sp, dense);
}

static void
test_features(void)
{
	static uint32_t a[ST_MODEL_MAX_SPARSE],
				b[ST_MODEL_MAX_SPARSE];
	float		da[ST_MODEL_NDENSE],
				db[ST_MODEL_NDENSE];
	const char *s = "The mayor denied that the harbour tunnel is a hoax, reportedly.";
	const char *t = "the harbour tunnel";
	int			n1 = extract(s, t, ST_MF_ALL, a, da);
	int			n2 = extract(s, t, ST_MF_ALL, b, db);
	int			i,
				dup = 0,
				other = 0;
	char	   *big;
	size_t		bl = 4 << 20;

	CHECK("features deterministic", n1 == n2 && n1 > 0 &&
		  memcmp(a, b, sizeof(uint32_t) * n1) == 0 && memcmp(da, db, sizeof(da)) == 0);
	for (i = 1; i < n1; i++)
		if (a[i] == a[0])
			dup++;
	CHECK("features distinct", dup == 0);
	CHECK("bias", da[0] == 1.0f);
	CHECK("full overlap", da[1] == 1.0f);
	CHECK("refuting words counted", da[9] > 0.0f);
	CHECK("hedging words counted", da[10] > 0.0f);

	n1 = extract("Nothing in common here.", t, ST_MF_ALL, a, da);
	CHECK("no overlap", da[1] == 0.0f);

	n1 = extract(s, t, ST_MF_WORDS, a, da);
	for (i = 0; i < n1; i++)
		if ((a[i] >> 28) != ST_MG_WORDS)
			other++;
	CHECK("word features only", n1 > 0 && other == 0);
	CHECK("no dense features without their sets", da[1] == 0.0f && da[9] == 0.0f);

	n1 = extract("", "", ST_MF_ALL, a, da);
	CHECK("empty input", n1 >= 0 && da[0] == 1.0f);

	/* a long body is read in part: bounded features */
	big = malloc(bl);
	for (i = 0; (size_t) i < bl; i++)
		big[i] = "abcdefghij klmno?\xff\xe2\x80"[(i * 7 + i / 13) % 20];
	n1 = st_model_extract(big, bl, big, 5000, ST_MF_ALL, a, da);
	CHECK("long input bounded", n1 > 0 && n1 <= ST_MODEL_MAX_SPARSE);
	free(big);
}

/* a tiny, separable training set */
static const char *const train_text[][3] = {
	{"Officials praised the canal project and support it fully.", "the canal project", "favor"},
	{"Farmers welcomed the canal project as a blessing.", "the canal project", "favor"},
	{"The council applauded the canal project.", "the canal project", "favor"},
	{"Critics condemned the canal project as a fraud.", "the canal project", "against"},
	{"Residents rejected the canal project, calling it a hoax.", "the canal project", "against"},
	{"The mayor denied the canal project would ever be built.", "the canal project", "against"},
	{"The canal project will be discussed on Friday.", "the canal project", "neutral"},
	{"A report mentioned the canal project in passing.", "the canal project", "neutral"},
	{"Reporters asked about the canal project schedule.", "the canal project", "neutral"},
};
#define NTRAIN 9

static int
label_of(const char *l)
{
	return st_model_stance_synonym(l, strlen(l));
}

static void
test_train_and_layout(void)
{
	static uint32_t sp[NTRAIN][ST_MODEL_MAX_SPARSE];
	static float de[NTRAIN][ST_MODEL_NDENSE];
	StTrainRow rows[NTRAIN],
				rev[NTRAIN];
	StModelOptions o;
	StArena    *arena = st_arena_create(m_alloc, m_free, NULL);
	size_t		nw;
	float	   *w1,
			   *w2;
	int			i,
				right = 0;
	StModel		m,
				p;
	size_t		size;
	unsigned char *buf;
	const char *err;
	uint32_t	qs[ST_MODEL_MAX_SPARSE];
	float		qd[ST_MODEL_NDENSE];
	double		probs[ST_MODEL_MAX_CLASSES];
	int			rejected;

	st_model_default_options(&o);
	o.bits = 14;
	nw = (size_t) 3 * st_model_row_width(o.bits);
	w1 = malloc(sizeof(float) * nw);
	w2 = malloc(sizeof(float) * nw);
	for (i = 0; i < NTRAIN; i++)
	{
		const char *s = train_text[i][0];

		rows[i].nsparse = extract(s, train_text[i][1], o.features, sp[i], de[i]);
		rows[i].sparse = sp[i];
		rows[i].dense = de[i];
		rows[i].label = label_of(train_text[i][2]);
		rows[i].hash = st_model_hash64(ST_MODEL_HASH64_INIT, s, strlen(s));
		rev[NTRAIN - 1 - i] = rows[i];
	}
	CHECK("train ok", st_model_train(arena, rows, NTRAIN, 3, &o, NULL, NULL, NULL, w1) == ST_OK);
	CHECK("train reversed ok", st_model_train(arena, rev, NTRAIN, 3, &o, NULL, NULL, NULL, w2) == ST_OK);
	CHECK("order independent", memcmp(w1, w2, sizeof(float) * nw) == 0);
	o.seed = 43;
	st_model_train(arena, rev, NTRAIN, 3, &o, NULL, NULL, NULL, w2);
	CHECK("seed matters", memcmp(w1, w2, sizeof(float) * nw) != 0);
	o.seed = 42;

	for (i = 0; i < NTRAIN; i++)
	{
		int			n = extract(train_text[i][0], train_text[i][1], o.features, qs, qd);
		int			c,
					best = 0;
		double		sum = 0;

		st_model_probs(w1, 3, o.bits, qs, n, qd, probs);
		for (c = 0; c < 3; c++)
		{
			sum += probs[c];
			if (probs[c] > probs[best])
				best = c;
		}
		CHECK("probabilities sum to 1", fabs(sum - 1.0) < 1e-9);
		right += best == label_of(train_text[i][2]);
	}
	CHECK("training rows learnt", right == NTRAIN);

	/* the layout */
	memset(&m, 0, sizeof(m));
	m.nclasses = 3;
	m.bits = o.bits;
	m.features = o.features;
	m.flags = ST_MODEL_STANCE_LABELS;
	m.epochs = o.epochs;
	m.ntrain = NTRAIN;
	m.l2 = o.l2;
	m.learning_rate = o.learning_rate;
	m.seed = o.seed;
	for (i = 0; i < 3; i++)
	{
		m.classes[i].stance = i;
		m.classes[i].count = 3;
		strcpy(m.classes[i].label, st_stance_label_name(i));
	}
	size = st_model_layout_size(3, o.bits, m.classes);
	buf = malloc(size);
	CHECK("write size", st_model_write(buf, &m, w1) == size);
	err = st_model_parse(buf, size, &p);
	CHECK("parse ok", err == NULL);
	CHECK("parse fields", err == NULL && p.nclasses == 3 && p.bits == o.bits &&
		  p.ntrain == NTRAIN && strcmp(p.classes[2].label, "favor") == 0 &&
		  p.classes[0].stance == ST_STANCE_AGAINST && p.seed == 42 &&
		  memcmp(p.weights, w1, sizeof(float) * nw) == 0);
	/* every truncation and every flipped header byte is rejected */
	rejected = 0;
	for (i = 0; i < 200; i++)
		rejected += st_model_parse(buf, (size_t) i, &p) != NULL;
	CHECK("truncations rejected", rejected == 200);
	rejected = 0;
	for (i = 0; i < 128; i++)
	{
		buf[i] ^= 0x10;
		rejected += st_model_parse(buf, size, &p) != NULL;
		buf[i] ^= 0x10;
	}
	CHECK("flipped bytes rejected", rejected == 128);
	/* bad fields are rejected even with a right checksum */
	buf[16] = 0;
	set_checksum(buf, size);
	err = st_model_parse(buf, size, &p);
	CHECK("zero classes rejected", err != NULL && strstr(err, "classes") != NULL);
	st_model_write(buf, &m, w1);
	{
		float		nan = (float) NAN;
		memcpy(buf + size - 4, &nan, 4);
		set_checksum(buf, size);
		err = st_model_parse(buf, size, &p);
		CHECK("NaN weight rejected", err != NULL && strstr(err, "finite") != NULL);
	}
	/* random bytes */
	{
		uint32_t	x = 12345;
		int			k;

		rejected = 0;
		for (k = 0; k < 500; k++)
		{
			size_t		len = 64 + (size_t) (k * 37 % 900);

			for (i = 0; (size_t) i < len; i++)
			{
				x = x * 1103515245u + 12345u;
				buf[i] = (unsigned char) (x >> 16);
			}
			if (k % 2)
				memcpy(buf, "STNM\x01\x00\x40\x00", 8);
			rejected += st_model_parse(buf, len, &p) != NULL;
		}
		CHECK("random bytes rejected", rejected == 500);
	}
	free(buf);
	free(w1);
	free(w2);
	st_arena_destroy(arena);
}

void		test_model(int *npass, int *nfail);

void
test_model(int *npass, int *nfail)
{
	np = npass;
	nf = nfail;
	test_synonyms();
	test_features();
	test_train_and_layout();
}
