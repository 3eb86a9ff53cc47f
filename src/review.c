/* review.c - the review calendar (see review.h). */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "review.h"
#include "utf8.h"

#define HALF_YEAR_SEPT 930    /* MMDD of the two half-yearly review dates */
#define HALF_YEAR_MARCH 331
#define HEISEI_FIRST 19890108
#define REIWA_FIRST 20190501

int review_next_date(const struct plan *plan)
{
	if (!plan->n_reviews) {
		int first = plan->n_years ? plan->years[0] : plan->review_year;
		return first * 10000 + HALF_YEAR_SEPT;
	}
	int last = plan->reviews[plan->n_reviews - 1].ymd;
	int year = last / 10000, mmdd = last % 10000;
	if (mmdd < HALF_YEAR_MARCH)
		return year * 10000 + HALF_YEAR_MARCH;
	if (mmdd < HALF_YEAR_SEPT)
		return year * 10000 + HALF_YEAR_SEPT;
	return (year + 1) * 10000 + HALF_YEAR_MARCH;
}

/* Whether the plan's labels write the western year (2017年9月末). */
static bool western_style(const struct plan *plan)
{
	if (!plan->n_reviews)
		return false;
	const char *label = plan->reviews[plan->n_reviews - 1].label;
	return label && label[0] >= '0' && label[0] <= '9';
}

void review_label(const struct plan *plan, int ymd, char *buf, size_t size)
{
	int year = ymd / 10000, month = ymd / 100 % 100, day = ymd % 100;
	char y[32], d[16];
	if (western_style(plan) || ymd < HEISEI_FIRST) {
		snprintf(y, sizeof y, "%d年", year);
	} else {
		bool reiwa = ymd >= REIWA_FIRST;
		int n = year - (reiwa ? 2018 : 1988);
		if (n == 1)
			snprintf(y, sizeof y, "%s元年", reiwa ? "令和" : "平成");
		else
			snprintf(y, sizeof y, "%s%d年", reiwa ? "令和" : "平成", n);
	}
	if (day == date_days_in_month(year, month))
		snprintf(d, sizeof d, "末");
	else
		snprintf(d, sizeof d, "%d日", day);
	if (size && snprintf(buf, size, "%s%d月%s", y, month, d) >= (int)size)
		utf8_trim(buf);   /* cut: end on a whole character */
}
