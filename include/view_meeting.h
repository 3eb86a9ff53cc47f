/* view_meeting.h - meeting mode (m): choose a fiscal year (the year shown
 * is proposed), walk that year's entries one screen at a time setting each
 * status with one key, then a summary of the meeting's changes and the
 * save. */
#ifndef PLANDASH_VIEW_MEETING_H
#define PLANDASH_VIEW_MEETING_H

#include "screen.h"

/* Opened with the policy to walk (const int *: its index, or -1 for the
 * whole plan).  Only entries that pass the filter are walked. */
extern const struct screen_ops meeting_ops;

#endif
