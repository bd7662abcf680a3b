/*
 * stance-classify: the built-in stance classifier on tab-separated lines.
 *
 *	stance-classify < input
 *
 * Each input line is "statement<TAB>target"; each output line is
 * "label<TAB>confidence<TAB>act<TAB>slot<TAB>negated<TAB>act_score<TAB>content_score".
 * Used by eval/stance_eval.py, which builds it.
 */
#include "stance.h"

#include <stdio.h>
#include <string.h>

int
main(void)
{
	static char line[65536];

	while (fgets(line, sizeof(line), stdin))
	{
		size_t		n = strlen(line);
		char	   *tab;
		StStanceResult r;

		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		tab = strchr(line, '\t');
		if (tab == NULL)
		{
			printf("error\t0\t\t\t\t0\t0\n");
			continue;
		}
		*tab = '\0';
		r = st_stance_classify(line, strlen(line), tab + 1, strlen(tab + 1));
		printf("%s\t%.3f\t%s\t%s\t%d\t%.3f\t%.3f\n",
			   st_stance_label_name(r.label), r.confidence,
			   r.act[0] ? r.act : "-", st_stance_slot_name(r.slot),
			   r.neg_start >= 0, r.act_score, r.content_score);
	}
	return 0;
}
