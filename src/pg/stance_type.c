/*-------------------------------------------------------------------------
 *
 * stance_type.c
 *	  The stance base type: a label (against, neutral, favor) with a
 *	  confidence in [0,1].
 *
 * Representation
 * --------------
 * A stance is a 4-byte pass-by-value datum (INTERNALLENGTH 4, PASSEDBYVALUE,
 * ALIGNMENT int4, STORAGE plain), so that it works the same on every
 * platform, whatever FLOAT8PASSBYVAL says, and costs no palloc:
 *
 *		bits 16..17		label: 0 against, 1 neutral, 2 favor
 *		bits  0..15		confidence in thousandths, 0..1000
 *
 * The confidence is kept as an integer number of thousandths rather than as
 * a float4.  A float4 would print 0.82 as "0.82" (shortest-exact output) but
 * would turn into 0.8199999928474426 as soon as it is widened to float8 by
 * stance_confidence() or polarity(), and sums of such values differ with the
 * order of the summation (parallel aggregates).  Thousandths are exact: the
 * text form round-trips, stance_confidence('against:0.82') is the float8 0.82,
 * equality and hashing are integer equality, and the order of the type is
 * the integer order of the datum (label first, then confidence), so sorting
 * can use the int32 fast path.  Three decimals are ample for a confidence.
 *
 * Every value in the database is canonical (label 0..2, confidence
 * 0..1000); the input, receive and constructor functions guarantee that.
 *
 * Text form
 * ---------
 * Input: a label, case-insensitive, optionally followed by ':' and a
 * confidence; white space is allowed around the whole and around the colon.
 * A label alone means confidence 1.  The confidence is a decimal number
 * (digits with an optional fraction and an optional exponent, as "0.82",
 * ".5", "1", "8.2e-1"); it must lie in [0,1] and is rounded to the nearest
 * thousandth, halves away from zero, exactly on its decimal digits (so
 * "favor:0.0005" is favor:0.001 however the digits would look in binary).
 * NaN, infinities, hexadecimal numbers, values outside [0,1] and anything
 * after the number are rejected with SQLSTATE 22P02.
 *
 * Output: "label:confidence", always with the confidence, printed with up to
 * three decimals and no trailing zeros: against:0.82, favor:1, neutral:0,
 * favor:0.123.  Output followed by input gives back the same value.
 *
 * Binary form: int16 label, int16 confidence in thousandths.
 *
 * Net stance (aggregate net_stance)
 * ---------------------------------
 * The polarity of a stance is +confidence for favor, -confidence for
 * against and 0 for neutral.  net_stance() takes the mean polarity m of the
 * non-NULL inputs, rounded to thousandths:
 *
 *		|m| >= 0.1		favor (m > 0) or against (m < 0), confidence |m|
 *		|m| <  0.1		neutral, confidence 1 - |m|
 *
 * so that polarity(net_stance(x)) = round(avg(polarity(x)), 3) whenever the
 * result leans to a side, and near-balanced groups are neutral rather than a
 * favor or against of a few thousandths.  No input rows gives NULL.  The
 * state is the float8[3] {N, Sx, Sxx} of avg(float8) over the polarities in
 * thousandths (whole numbers, so the sums are exact and a parallel plan
 * gives the same result as a serial one); it is accumulated by float8_accum
 * and combined by the built-in float8_combine.
 *
 * src/pg/stance_type.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "common/shortest_dec.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "parser/scansup.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/fmgrprotos.h"
#include "utils/sortsupport.h"

#include "stance_pg.h"

#define STANCE_AGAINST		0
#define STANCE_NEUTRAL		1
#define STANCE_FAVOR		2
#define STANCE_NLABELS		3

/* confidences are thousandths */
#define STANCE_SCALE		1000

/* net_stance(): |mean polarity| below this many thousandths is neutral */
#define NET_STANCE_DEAD_ZONE	100

/* the datum: label in bits 16..17, confidence in bits 0..15 */
#define StanceMake(label, milli)	((int32) (((label) << 16) | (milli)))
#define StanceLabel(s)				((int) ((s) >> 16))
#define StanceMilli(s)				((int) ((s) & 0xFFFF))

#define DatumGetStance(d)			DatumGetInt32(d)
#define StanceGetDatum(s)			Int32GetDatum(s)
#define PG_GETARG_STANCE(n)			DatumGetStance(PG_GETARG_DATUM(n))
#define PG_RETURN_STANCE(s)			return StanceGetDatum(s)

static const char *const stance_label_names[STANCE_NLABELS] = {
	"against", "neutral", "favor"
};


PG_FUNCTION_INFO_V1(stance_in);
PG_FUNCTION_INFO_V1(stance_out);
PG_FUNCTION_INFO_V1(stance_recv);
PG_FUNCTION_INFO_V1(stance_send);
PG_FUNCTION_INFO_V1(stance_eq);
PG_FUNCTION_INFO_V1(stance_ne);
PG_FUNCTION_INFO_V1(stance_lt);
PG_FUNCTION_INFO_V1(stance_le);
PG_FUNCTION_INFO_V1(stance_gt);
PG_FUNCTION_INFO_V1(stance_ge);
PG_FUNCTION_INFO_V1(stance_cmp);
PG_FUNCTION_INFO_V1(stance_sortsupport);
PG_FUNCTION_INFO_V1(stance_hash);
PG_FUNCTION_INFO_V1(stance_hash_extended);
PG_FUNCTION_INFO_V1(stance_label);
PG_FUNCTION_INFO_V1(stance_confidence);
PG_FUNCTION_INFO_V1(stance_polarity);
PG_FUNCTION_INFO_V1(stance_make);
PG_FUNCTION_INFO_V1(stance_accum);
PG_FUNCTION_INFO_V1(stance_net_final);

/* result of parse_confidence() */
typedef enum
{
	CONF_OK,
	CONF_SYNTAX,				/* not a number */
	CONF_RANGE					/* a number outside [0,1] */
} ConfParse;

/*
 * parse_label
 *		Match a label (case-insensitive) at *p and advance *p past it.
 *		Returns the label, or -1 when the letters there are not a label.
 */
static int
parse_label(const char **p)
{
	const char *start = *p;
	const char *s = start;
	int			len;

	while ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
		s++;
	len = s - start;
	for (int label = 0; label < STANCE_NLABELS; label++)
	{
		const char *name = stance_label_names[label];

		if (len == (int) strlen(name) && pg_strncasecmp(start, name, len) == 0)
		{
			*p = s;
			return label;
		}
	}
	return -1;
}

/*
 * parse_confidence
 *		Parse a decimal number at p: [+-] digits [. digits] [e [+-] digits],
 *		with at least one digit before the exponent.  On CONF_OK, *milli is
 *		the number in thousandths, rounded half away from zero; *endp is set
 *		to the first character after the number whenever it is one.
 *
 * The rounding works on the decimal digits, not on a binary double: the
 * number is 0.D1D2D3... * 10^exp10, its thousandths are the first
 * exp10 + 3 digits and the digit after them decides the rounding.
 */
#define CONF_MAX_DIGITS 8		/* more than the 5 significant digits needed */

static ConfParse
parse_confidence(const char *p, const char **endp, int *milli)
{
	char		digits[CONF_MAX_DIGITS];
	int			ndigits = 0;	/* significant digits kept in digits[] */
	bool		dropped_nonzero = false;	/* a nonzero digit beyond them */
	bool		negative = false;
	bool		any_digit = false;
	int			exp10 = 0;
	int			q;
	int			whole;
	bool		remainder;

	if (*p == '+' || *p == '-')
	{
		negative = (*p == '-');
		p++;
	}

	/* integer part: every digit from the first significant one on */
	for (; *p >= '0' && *p <= '9'; p++)
	{
		any_digit = true;
		if (ndigits == 0 && *p == '0')
			continue;
		if (ndigits < CONF_MAX_DIGITS)
			digits[ndigits++] = *p;
		else if (*p != '0')
			dropped_nonzero = true;
		if (exp10 < 1000000)
			exp10++;
	}

	/* fraction: zeros before the first significant digit lower exp10 */
	if (*p == '.')
	{
		for (p++; *p >= '0' && *p <= '9'; p++)
		{
			any_digit = true;
			if (ndigits == 0 && *p == '0')
			{
				if (exp10 > -1000000)
					exp10--;
				continue;
			}
			if (ndigits < CONF_MAX_DIGITS)
				digits[ndigits++] = *p;
			else if (*p != '0')
				dropped_nonzero = true;
		}
	}
	if (!any_digit)
		return CONF_SYNTAX;

	if (*p == 'e' || *p == 'E')
	{
		bool		eneg = false;
		int			e = 0;

		p++;
		if (*p == '+' || *p == '-')
		{
			eneg = (*p == '-');
			p++;
		}
		if (!(*p >= '0' && *p <= '9'))
			return CONF_SYNTAX;
		for (; *p >= '0' && *p <= '9'; p++)
		{
			if (e < 1000000)
				e = e * 10 + (*p - '0');
		}
		exp10 += eneg ? -e : e;
	}
	*endp = p;

	/* trailing zeros of the kept digits carry no value */
	if (!dropped_nonzero)
		while (ndigits > 0 && digits[ndigits - 1] == '0')
			ndigits--;

	if (ndigits == 0)
	{
		/* zero, also written as -0 or 0e5 */
		*milli = 0;
		return CONF_OK;
	}
	if (negative)
		return CONF_RANGE;

	/* thousandths = 0.D1D2... * 10^q */
	q = exp10 + 3;
	if (q > 4)
		return CONF_RANGE;		/* at least 10 */
	whole = 0;
	for (int i = 0; i < q; i++)
		whole = whole * 10 + (i < ndigits ? digits[i] - '0' : 0);
	/* digits beyond the thousandths (digits[] has no trailing zeros) */
	remainder = dropped_nonzero || (q < ndigits);
	if (whole > STANCE_SCALE || (whole == STANCE_SCALE && remainder))
		return CONF_RANGE;
	if (q >= 0 && q < ndigits && digits[q] >= '5')
		whole++;
	*milli = whole;
	return CONF_OK;
}

static void
skip_space(const char **p)
{
	while (**p && scanner_isspace(**p))
		(*p)++;
}

/*
 * stance_in(cstring) RETURNS stance
 */
Datum
stance_in(PG_FUNCTION_ARGS)
{
	const char *str = PG_GETARG_CSTRING(0);
	const char *p = str;
	int			label;
	int			milli = STANCE_SCALE;

	skip_space(&p);
	label = parse_label(&p);
	if (label < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type %s: \"%s\"",
						"stance", str),
				 errdetail("A stance is favor, against or neutral, optionally followed by a colon and a confidence between 0 and 1, as in \"against:0.82\".")));
	skip_space(&p);
	if (*p == ':')
	{
		const char *num;

		p++;
		skip_space(&p);
		num = p;
		switch (parse_confidence(num, &p, &milli))
		{
			case CONF_OK:
				break;
			case CONF_SYNTAX:
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
						 errmsg("invalid input syntax for type %s: \"%s\"",
								"stance", str),
						 errdetail("The colon must be followed by a confidence: a number between 0 and 1.")));
				break;
			case CONF_RANGE:
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
						 errmsg("invalid input syntax for type %s: \"%s\"",
								"stance", str),
						 errdetail("The confidence must be between 0 and 1.")));
				break;
		}
		skip_space(&p);
	}
	if (*p != '\0')
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type %s: \"%s\"",
						"stance", str),
				 errdetail("Unexpected text \"%s\" after the stance.", p)));

	PG_RETURN_STANCE(StanceMake(label, milli));
}

/*
 * stance_out(stance) RETURNS cstring
 *		label:confidence, the confidence with up to three decimals and no
 *		trailing zeros.
 */
Datum
stance_out(PG_FUNCTION_ARGS)
{
	int32		s = PG_GETARG_STANCE(0);
	int			milli = StanceMilli(s);
	const char *name = stance_label_names[StanceLabel(s)];
	char	   *result;

	if (milli == STANCE_SCALE)
		result = psprintf("%s:1", name);
	else if (milli == 0)
		result = psprintf("%s:0", name);
	else
	{
		char		frac[4];
		int			n = 3;

		snprintf(frac, sizeof(frac), "%03d", milli);
		while (frac[n - 1] == '0')
			n--;
		frac[n] = '\0';
		result = psprintf("%s:0.%s", name, frac);
	}
	PG_RETURN_CSTRING(result);
}

/*
 * stance_recv(internal) RETURNS stance
 *		int16 label (0 against, 1 neutral, 2 favor), int16 thousandths.
 */
Datum
stance_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int16		label = (int16) pq_getmsgint(buf, 2);
	int16		milli = (int16) pq_getmsgint(buf, 2);

	if (label < 0 || label >= STANCE_NLABELS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid stance label %d in external stance value",
						label)));
	if (milli < 0 || milli > STANCE_SCALE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid confidence %d in external stance value",
						milli),
				 errdetail("The confidence is sent in thousandths, 0 to 1000.")));
	PG_RETURN_STANCE(StanceMake(label, milli));
}

/*
 * stance_send(stance) RETURNS bytea
 */
Datum
stance_send(PG_FUNCTION_ARGS)
{
	int32		s = PG_GETARG_STANCE(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint16(&buf, (uint16) StanceLabel(s));
	pq_sendint16(&buf, (uint16) StanceMilli(s));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/*
 * Comparison: against < neutral < favor, then by confidence, which is the
 * order of the datums as integers.
 */
Datum
stance_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_STANCE(0) == PG_GETARG_STANCE(1));
}

Datum
stance_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_STANCE(0) != PG_GETARG_STANCE(1));
}

Datum
stance_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_STANCE(0) < PG_GETARG_STANCE(1));
}

Datum
stance_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_STANCE(0) <= PG_GETARG_STANCE(1));
}

Datum
stance_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_STANCE(0) > PG_GETARG_STANCE(1));
}

Datum
stance_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_STANCE(0) >= PG_GETARG_STANCE(1));
}

Datum
stance_cmp(PG_FUNCTION_ARGS)
{
	int32		a = PG_GETARG_STANCE(0);
	int32		b = PG_GETARG_STANCE(1);

	PG_RETURN_INT32(a < b ? -1 : (a > b ? 1 : 0));
}

/*
 * stance_sortsupport(internal): the datums sort as int32
 */
Datum
stance_sortsupport(PG_FUNCTION_ARGS)
{
	SortSupport ssup = (SortSupport) PG_GETARG_POINTER(0);

	ssup->comparator = ssup_datum_int32_cmp;
	PG_RETURN_VOID();
}

/*
 * Hashing: values are canonical, so equal stances have equal datums.
 */
Datum
stance_hash(PG_FUNCTION_ARGS)
{
	return hash_uint32((uint32) PG_GETARG_STANCE(0));
}

Datum
stance_hash_extended(PG_FUNCTION_ARGS)
{
	return hash_uint32_extended((uint32) PG_GETARG_STANCE(0),
								(uint64) PG_GETARG_INT64(1));
}

/*
 * stance_label(stance) RETURNS text
 */
Datum
stance_label(PG_FUNCTION_ARGS)
{
	int32		s = PG_GETARG_STANCE(0);

	PG_RETURN_TEXT_P(cstring_to_text(stance_label_names[StanceLabel(s)]));
}

/*
 * stance_confidence(stance) RETURNS float8
 */
Datum
stance_confidence(PG_FUNCTION_ARGS)
{
	int32		s = PG_GETARG_STANCE(0);

	PG_RETURN_FLOAT8((float8) StanceMilli(s) / STANCE_SCALE);
}

/* the polarity of a stance in thousandths: -1000..1000 */
static int
stance_polarity_milli(int32 s)
{
	switch (StanceLabel(s))
	{
		case STANCE_AGAINST:
			return -StanceMilli(s);
		case STANCE_FAVOR:
			return StanceMilli(s);
		default:
			return 0;
	}
}

/*
 * polarity(stance) RETURNS float8
 *		+confidence for favor, -confidence for against, 0 for neutral.
 */
Datum
stance_polarity(PG_FUNCTION_ARGS)
{
	int32		s = PG_GETARG_STANCE(0);

	PG_RETURN_FLOAT8((float8) stance_polarity_milli(s) / STANCE_SCALE);
}

/*
 * stance(label text, confidence float8) RETURNS stance
 *		The label as in the text form (case-insensitive, white space around
 *		it allowed); the confidence must be in [0,1] and is rounded to
 *		thousandths exactly as the text form rounds its shortest decimal
 *		representation, so stance('favor', x) = format('favor:%s', x)::stance.
 */
Datum
stance_make(PG_FUNCTION_ARGS)
{
	char	   *label_str = text_to_cstring(PG_GETARG_TEXT_PP(0));
	float8		confidence = PG_GETARG_FLOAT8(1);
	const char *p = label_str;
	int			label;
	int			milli = 0;
	char		num[DOUBLE_SHORTEST_DECIMAL_LEN];
	const char *end = NULL;

	skip_space(&p);
	label = parse_label(&p);
	if (label >= 0)
		skip_space(&p);
	if (label < 0 || *p != '\0')
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid stance label: \"%s\"", label_str),
				 errhint("The label of a stance is favor, against or neutral.")));

	if (isnan(confidence) || confidence < 0.0 || confidence > 1.0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("stance confidence %s is out of range",
						float8out_internal(confidence)),
				 errdetail("The confidence must be between 0 and 1.")));

	double_to_shortest_decimal_buf(confidence, num);
	if (parse_confidence(num, &end, &milli) != CONF_OK || *end != '\0')
		elog(ERROR, "could not convert confidence \"%s\" to thousandths", num);

	PG_RETURN_STANCE(StanceMake(label, milli));
}

/*
 * stance_datum: see the declaration above.
 */
Datum
stance_datum(int label, double confidence)
{
	int			milli;

	Assert(label >= 0 && label < STANCE_NLABELS);
	if (!(confidence > 0.0))
		milli = 0;
	else if (confidence >= 1.0)
		milli = STANCE_SCALE;
	else
		milli = (int) floor(confidence * STANCE_SCALE + 0.5);
	return StanceGetDatum(StanceMake(label, milli));
}

/*
 * The aggregate state: float8[3] {N, Sx, Sxx}, as for avg(float8).
 */
static float8 *
stance_check_state(ArrayType *state)
{
	if (ARR_NDIM(state) != 1 || ARR_DIMS(state)[0] != 3 ||
		ARR_HASNULL(state) || ARR_ELEMTYPE(state) != FLOAT8OID)
		elog(ERROR, "net_stance: expected a 3-element float8 array as state");
	/* no NULLs: the data follow the fixed header (ARR_DATA_PTR without the
	 * null-bitmap case, which -Wsign-compare objects to) */
	return (float8 *) ((char *) state + ARR_OVERHEAD_NONULLS(1));
}

/*
 * stance_accum(float8[], stance) RETURNS float8[]
 *		Adds the polarity in thousandths with float8_accum, passing on the
 *		aggregate context so that it updates the state in place.
 */
Datum
stance_accum(PG_FUNCTION_ARGS)
{
	int32		s = PG_GETARG_STANCE(1);
	LOCAL_FCINFO(accum, 2);
	Datum		result;

	InitFunctionCallInfoData(*accum, NULL, 2, PG_GET_COLLATION(),
							 fcinfo->context, NULL);
	accum->args[0].value = PG_GETARG_DATUM(0);
	accum->args[0].isnull = false;
	accum->args[1].value = Float8GetDatum((float8) stance_polarity_milli(s));
	accum->args[1].isnull = false;

	result = float8_accum(accum);
	if (accum->isnull)
		elog(ERROR, "float8_accum returned NULL");
	PG_RETURN_DATUM(result);
}

/*
 * stance_net_final(float8[]) RETURNS stance
 *		The net stance: see the head of this file.
 */
Datum
stance_net_final(PG_FUNCTION_ARGS)
{
	float8	   *st = stance_check_state(PG_GETARG_ARRAYTYPE_P(0));
	float8		n = st[0];
	float8		sx = st[1];
	int			m;

	if (n <= 0)
		PG_RETURN_NULL();

	/* |mean polarity| in thousandths; sx and n are exact whole numbers */
	m = (int) Min(round(fabs(sx) / n), (float8) STANCE_SCALE);
	if (m < NET_STANCE_DEAD_ZONE)
		PG_RETURN_STANCE(StanceMake(STANCE_NEUTRAL, STANCE_SCALE - m));
	PG_RETURN_STANCE(StanceMake(sx > 0 ? STANCE_FAVOR : STANCE_AGAINST, m));
}
