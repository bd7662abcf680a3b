/*
 * cuemodel.c
 *	  The learned cue filter: a linear model over hashed context features of
 *	  a cue word that no rule turned into a statement (attrib.c,
 *	  fallback_statements).  The weights are generated from PolNeAR train by
 *	  tools/train_cue.py into cuemodel_gen.c, a hash table of feature hashes
 *	  (st_feat_mix) and weights: no text.
 */
#include "internal.h"

/* the sum of the weights of the features; > 0 means "a cue" */
float
st_cue_score(const uint32_t *feats, int32_t n)
{
	float		sum = 0;
	int32_t		i;

	for (i = 0; i < n; i++)
	{
		uint32_t	j = feats[i] & (uint32_t) st_cue_mask;

		while (st_cue_weights[j].h != 0)
		{
			if (st_cue_weights[j].h == feats[i])
			{
				sum += st_cue_weights[j].w;
				break;
			}
			j = (j + 1) & (uint32_t) st_cue_mask;
		}
	}
	return sum;
}
