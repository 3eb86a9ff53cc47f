/* ui_export.h - x in the dashboard: a report of what the screens show (the
 * filter, the year shown and the review date), written to a file whose
 * name the export prompt proposes beside the plan (plan-report-20170331.md).
 * The extension picks the format (.md .csv .html .json); an existing file
 * is replaced only after a second prompt says y.  See report_write.h for
 * what a report holds and export.h for the files it never replaces. */
#ifndef PLANDASH_UI_EXPORT_H
#define PLANDASH_UI_EXPORT_H

#include "screen.h"

/* Open the export prompt.  Returns UI_* bits. */
unsigned export_open(struct ui_ctx *ctx);

#endif
