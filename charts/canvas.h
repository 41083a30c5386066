/* charts/canvas.h - the one place that knows PNG from PDF from SVG; text
 * through Pango. */
#ifndef TL_CANVAS_H
#define TL_CANVAS_H

#include "../analyze/base.h"

#include <cairo.h>

typedef enum { TL_FMT_PNG = 1, TL_FMT_PDF, TL_FMT_SVG } tl_format;

typedef struct {
	tl_format format;     /* 0: from the file name's extension */
	double width, height; /* points (1/72 inch) */
	double dpi;           /* PNG only; default 144 */
	const char *title;    /* PDF/SVG metadata */
	const char *subject;
	const char *date; /* ISO creation date for PDF metadata; NULL: from
	                     SOURCE_DATE_EPOCH, else none */
} tl_canvas_opts;

#define TL_CANVAS_OPTS_INIT                                                    \
	{                                                                      \
		0, 800, 500, 144, NULL, NULL, NULL                             \
	}

typedef struct tl_canvas tl_canvas;

typedef enum {
	TL_ALIGN_LEFT = 0,
	TL_ALIGN_CENTER = 1,
	TL_ALIGN_RIGHT = 2,
	TL_ALIGN_TOP = 0,
	TL_ALIGN_MIDDLE = 4,
	TL_ALIGN_BOTTOM = 8
} tl_align;

/* A text style. */
typedef struct {
	double size; /* points */
	int bold;
	double rgb[3];
} tl_font;

/* The format a file name asks for ("-" and unknown: 0). */
tl_format tl_canvas_format_of(const char *path);
int tl_canvas_format_parse(const char *name, tl_format *out);

/* Start matching and loading fonts on a thread while the caller does
 * other work (a database query); the next tl_canvas_new waits for it.
 * Optional: without it the canvas loads its fonts itself. */
void tl_canvas_warm_up(tl_format format);

/* Open a canvas writing to path ("-" = standard output). */
int tl_canvas_new(tl_canvas **out, const char *path, const tl_canvas_opts *o,
                  tl_error *err);
/* Finish the document (write the PNG, close the PDF) and free the canvas.
 * Returns the first cairo or write error met. */
int tl_canvas_finish(tl_canvas *c, tl_error *err);
/* Free without finishing (after an error). */
void tl_canvas_free(tl_canvas *c);

cairo_t *tl_canvas_cr(tl_canvas *c);
double tl_canvas_width(const tl_canvas *c);
double tl_canvas_height(const tl_canvas *c);
tl_format tl_canvas_format(const tl_canvas *c);
/* Start a new page (PDF); other formats: an error. */
int tl_canvas_new_page(tl_canvas *c, tl_error *err);
/* The status of the drawing so far, as a tl_error. */
int tl_canvas_check(tl_canvas *c, tl_error *err);

/* Size of text in a font, in points. A text that the fonts cannot show
 * (a glyph missing) is an error naming it. max_width > 0 wraps. */
int tl_canvas_measure(tl_canvas *c, const char *text, const tl_font *f,
                      double max_width, double *w, double *h, tl_error *err);
/* Draw text anchored at (x, y) as `align` says, turned by angle
 * (radians). */
int tl_canvas_text(tl_canvas *c, const char *text, const tl_font *f, double x,
                   double y, int align, double angle, double max_width,
                   tl_error *err);

/* A PDF outline entry (bookmark) titled `title`, pointing at the
 * destination `dest` (ASCII, made with tl_canvas_dest); level 0 is a
 * top entry, 1 goes under the last top entry. */
void tl_canvas_bookmark(tl_canvas *c, const char *title, const char *dest,
                        int level);
/* A link area on the current page to a named destination, and the
 * destination itself (PDF only; nothing elsewhere). */
void tl_canvas_link(tl_canvas *c, double x, double y, double w, double h,
                    const char *dest);
void tl_canvas_dest(tl_canvas *c, const char *dest);

#endif
