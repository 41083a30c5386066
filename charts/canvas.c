/* charts/canvas.c - surfaces for PNG, PDF and SVG, and Pango text on them. */
#include "canvas.h"
#include "png.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <pthread.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <time.h>

#define FONT_FAMILIES                                                          \
	"Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Micro Hei, "          \
	"sans-serif"

struct tl_canvas {
	tl_format format;
	double width, height, scale;
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoLayout *layout;
	PangoFontDescription *font;
	FILE *out; /* where the bytes go */
	int close_out;
	int write_failed;
	char *path;
	int outline_parent;
	void *px; /* PNG pixels, mapped here (see map_pixels) */
	size_t px_len;
};

/* A chart's pixels (11 MB for a page at 144 dpi) on huge pages where the
 * kernel offers them: a few faults instead of thousands, each clearing a
 * 4 KB page. NULL lets cairo allocate as usual. */
static void *map_pixels(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
	               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
#ifdef MADV_HUGEPAGE
	madvise(p, len, MADV_HUGEPAGE);
#endif
	return p;
}

tl_format tl_canvas_format_of(const char *path)
{
	const char *dot = strrchr(path, '.');
	tl_format f = 0;
	if (dot)
		tl_canvas_format_parse(dot + 1, &f);
	return f;
}

int tl_canvas_format_parse(const char *name, tl_format *out)
{
	if (strcasecmp(name, "png") == 0)
		*out = TL_FMT_PNG;
	else if (strcasecmp(name, "pdf") == 0)
		*out = TL_FMT_PDF;
	else if (strcasecmp(name, "svg") == 0)
		*out = TL_FMT_SVG;
	else
		return -1;
	return 0;
}

static cairo_status_t write_out(void *closure, const unsigned char *data,
                                unsigned int len)
{
	tl_canvas *c = closure;
	if (fwrite(data, 1, len, c->out) != len) {
		c->write_failed = errno ? errno : EIO;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

static int cairo_fail(tl_canvas *c, cairo_status_t st, tl_error *err)
{
	if (c && c->write_failed)
		return tl_error_set(err, TL_EIO, "cannot write '%s': %s",
		                    c->path, strerror(c->write_failed));
	return tl_error_set(err, TL_EDRAW, "cannot draw '%s': %s",
	                    c ? c->path : "?", cairo_status_to_string(st));
}

/* The creation date: the caller's, else SOURCE_DATE_EPOCH's, else none,
 * so that the same input gives the same bytes. */
static void pdf_date(char out[32], const char *given)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	out[0] = '\0';
	if (given && *given) {
		snprintf(out, 32, "%.10sT00:00:00", given);
		return;
	}
	if (sde && *sde) {
		time_t t = (time_t)strtoll(sde, NULL, 10);
		struct tm tm;
		if (gmtime_r(&t, &tm))
			strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
	}
}

/* Language, resolution and, for PNG, unhinted grey outlines: how every
 * canvas's Pango context is set (and the warm-up's, so its fonts are
 * the ones a canvas asks for). */
static void setup_context(PangoContext *ctx, tl_format format)
{
	pango_context_set_language(ctx, pango_language_from_string("zh-cn"));
	pango_cairo_context_set_resolution(ctx, 72);
	if (format == TL_FMT_PNG) {
		cairo_font_options_t *fo = cairo_font_options_create();
		cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
		/* Unhinted outlines: at 144 dpi CJK glyphs read as well,
		 * and the CFF hinter was a third of a chart's run time. */
		cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
		cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
		pango_cairo_context_set_font_options(ctx, fo);
		cairo_font_options_destroy(fo);
	}
}

/* Font warm-up: fontconfig's set-up and the font matches a canvas will
 * need run on a thread while the caller queries the database. */
static struct {
	pthread_t thread;
	int started;
	tl_format format;
	PangoFontMap *map;
} warm;

static void *warm_run(void *arg)
{
	(void)arg;
	PangoFontMap *map = pango_cairo_font_map_new();
	PangoContext *ctx = pango_font_map_create_context(map);
	setup_context(ctx, warm.format);
	PangoFontDescription *d =
	    pango_font_description_from_string(FONT_FAMILIES " 9");
	PangoFont *f = pango_font_map_load_font(map, ctx, d);
	if (f)
		g_object_unref(f);
	pango_font_description_free(d);
	g_object_unref(ctx);
	warm.map = map;
	return NULL;
}

void tl_canvas_warm_up(tl_format format)
{
	if (warm.started)
		return;
	warm.format = format;
	warm.started = pthread_create(&warm.thread, NULL, warm_run, NULL) == 0;
}

static PangoFontMap *warm_join(void)
{
	if (warm.started) {
		pthread_join(warm.thread, NULL);
		warm.started = 0;
	}
	return warm.map;
}

int tl_canvas_new(tl_canvas **out, const char *path, const tl_canvas_opts *o,
                  tl_error *err)
{
	tl_canvas *c = tl_xcalloc(1, sizeof(*c));
	int rc = 0;
	*out = NULL;
	c->path = tl_xstrdup(path);
	c->format = o->format ? o->format : tl_canvas_format_of(path);
	c->width = o->width > 0 ? o->width : 800;
	c->height = o->height > 0 ? o->height : 500;
	c->scale = 1;
	c->outline_parent = CAIRO_PDF_OUTLINE_ROOT;
	if (!c->format) {
		rc = tl_error_set(err, TL_EUSAGE,
		                  "cannot tell the format of '%s': name it "
		                  ".png, .pdf or .svg, or give --format",
		                  path);
		goto fail;
	}
	if (strcmp(path, "-") == 0) {
		c->out = stdout;
	} else if (!(c->out = fopen(path, "wb"))) {
		rc = tl_error_set(err, TL_EIO, "cannot write '%s': %s", path,
		                  strerror(errno));
		goto fail;
	} else {
		c->close_out = 1;
	}
	switch (c->format) {
	case TL_FMT_PNG: {
		double dpi = o->dpi > 0 ? o->dpi : 144;
		c->scale = dpi / 72.0;
		int w = (int)(c->width * c->scale + 0.5),
		    h = (int)(c->height * c->scale + 0.5);
		if (w <= 0 || h <= 0 || w > 32767 || h > 32767) {
			rc = tl_error_set(err, TL_EUSAGE,
			                  "image of %dx%d pixels is too large",
			                  w, h);
			goto fail;
		}
		int stride =
		    cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, w);
		c->px_len = (size_t)stride * (size_t)h;
		c->px = map_pixels(c->px_len);
		c->surface =
		    c->px
		        ? cairo_image_surface_create_for_data(
		              c->px, CAIRO_FORMAT_ARGB32, w, h, stride)
		        : cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
		break;
	}
	case TL_FMT_PDF: {
		char date[32];
		c->surface = cairo_pdf_surface_create_for_stream(
		    write_out, c, c->width, c->height);
		if (cairo_surface_status(c->surface))
			break;
		pdf_date(date, o->date);
		if (o->title)
			cairo_pdf_surface_set_metadata(
			    c->surface, CAIRO_PDF_METADATA_TITLE, o->title);
		if (o->subject)
			cairo_pdf_surface_set_metadata(
			    c->surface, CAIRO_PDF_METADATA_SUBJECT, o->subject);
		cairo_pdf_surface_set_metadata(
		    c->surface, CAIRO_PDF_METADATA_CREATOR, "tally");
		if (*date) {
			cairo_pdf_surface_set_metadata(
			    c->surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
			cairo_pdf_surface_set_metadata(
			    c->surface, CAIRO_PDF_METADATA_MOD_DATE, date);
		}
		break;
	}
	case TL_FMT_SVG:
		c->surface = cairo_svg_surface_create_for_stream(
		    write_out, c, c->width, c->height);
		if (!cairo_surface_status(c->surface))
			cairo_svg_surface_set_document_unit(c->surface,
			                                    CAIRO_SVG_UNIT_PT);
		break;
	}
	if (cairo_surface_status(c->surface)) {
		rc = cairo_fail(c, cairo_surface_status(c->surface), err);
		goto fail;
	}
	c->cr = cairo_create(c->surface);
	if (cairo_status(c->cr)) {
		rc = cairo_fail(c, cairo_status(c->cr), err);
		goto fail;
	}
	cairo_scale(c->cr, c->scale, c->scale);
	/* A white page: PNG would be transparent otherwise. */
	cairo_set_source_rgb(c->cr, 1, 1, 1);
	cairo_paint(c->cr);
	PangoFontMap *map = warm_join();
	if (map) {
		PangoContext *ctx = pango_font_map_create_context(map);
		pango_cairo_update_context(c->cr, ctx);
		c->layout = pango_layout_new(ctx);
		g_object_unref(ctx);
	} else {
		c->layout = pango_cairo_create_layout(c->cr);
	}
	setup_context(pango_layout_get_context(c->layout), c->format);
	pango_layout_context_changed(c->layout);
	c->font = pango_font_description_from_string(FONT_FAMILIES " 10");
	*out = c;
	return 0;
fail:
	tl_canvas_free(c);
	return rc;
}

void tl_canvas_free(tl_canvas *c)
{
	if (!c)
		return;
	if (c->font)
		pango_font_description_free(c->font);
	if (c->layout)
		g_object_unref(c->layout);
	if (c->cr)
		cairo_destroy(c->cr);
	if (c->surface)
		cairo_surface_destroy(c->surface);
	if (c->px)
		munmap(c->px, c->px_len);
	if (c->close_out)
		fclose(c->out);
	free(c->path);
	free(c);
}

int tl_canvas_check(tl_canvas *c, tl_error *err)
{
	cairo_status_t st = cairo_status(c->cr);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(c->surface);
	return st ? cairo_fail(c, st, err) : 0;
}

/* PNG written by charts/png.c rather than cairo's writer, which lets
 * libpng try every filter at the default deflate level: most of a
 * chart's run time. */
static int write_png(tl_canvas *c, tl_error *err)
{
	cairo_surface_t *s = c->surface;
	tl_buf png = TL_BUF_INIT;
	tl_png_encode(&png, cairo_image_surface_get_data(s),
	              cairo_image_surface_get_width(s),
	              cairo_image_surface_get_height(s),
	              cairo_image_surface_get_stride(s), c->scale * 72);
	int rc = 0;
	if (fwrite(png.buf, 1, png.len, c->out) != png.len) {
		c->write_failed = errno ? errno : EIO;
		rc = cairo_fail(c, CAIRO_STATUS_WRITE_ERROR, err);
	}
	tl_buf_release(&png);
	return rc;
}

int tl_canvas_finish(tl_canvas *c, tl_error *err)
{
	int rc = tl_canvas_check(c, err);
	if (!rc && c->format == TL_FMT_PNG) {
		cairo_surface_flush(c->surface);
		rc = write_png(c, err);
	}
	if (!rc) {
		cairo_destroy(c->cr);
		c->cr = NULL;
		cairo_surface_finish(c->surface);
		cairo_status_t st = cairo_surface_status(c->surface);
		if (st)
			rc = cairo_fail(c, st, err);
	}
	if (!rc && (fflush(c->out) != 0 || ferror(c->out)))
		rc = tl_error_set(err, TL_EIO, "cannot write '%s': %s", c->path,
		                  strerror(errno));
	if (c->close_out) {
		if (fclose(c->out) != 0 && !rc)
			rc = tl_error_set(err, TL_EIO, "cannot write '%s': %s",
			                  c->path, strerror(errno));
		c->close_out = 0;
	}
	tl_canvas_free(c);
	return rc;
}

cairo_t *tl_canvas_cr(tl_canvas *c)
{
	return c->cr;
}

double tl_canvas_width(const tl_canvas *c)
{
	return c->width;
}

double tl_canvas_height(const tl_canvas *c)
{
	return c->height;
}

tl_format tl_canvas_format(const tl_canvas *c)
{
	return c->format;
}

int tl_canvas_new_page(tl_canvas *c, tl_error *err)
{
	if (c->format != TL_FMT_PDF)
		return tl_error_set(err, TL_EUSAGE,
		                    "only PDF has pages: use a .pdf file");
	cairo_show_page(c->cr);
	cairo_set_source_rgb(c->cr, 1, 1, 1);
	cairo_paint(c->cr);
	return tl_canvas_check(c, err);
}

/* Lay text out in the canvas's layout; -TL_EDRAW when a glyph is missing. */
static int layout_text(tl_canvas *c, const char *text, const tl_font *f,
                       double max_width, tl_error *err)
{
	pango_font_description_set_size(c->font,
	                                (gint)(f->size * PANGO_SCALE + 0.5));
	pango_font_description_set_weight(
	    c->font, f->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(c->layout, c->font);
	pango_layout_set_width(
	    c->layout, max_width > 0 ? (int)(max_width * PANGO_SCALE) : -1);
	pango_layout_set_wrap(c->layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(c->layout, text, -1);
	if (pango_layout_get_unknown_glyphs_count(c->layout) > 0)
		return tl_error_set(err, TL_EDRAW,
		                    "the fonts cannot show the label '%s': "
		                    "install fonts-noto-cjk",
		                    text);
	return 0;
}

int tl_canvas_measure(tl_canvas *c, const char *text, const tl_font *f,
                      double max_width, double *w, double *h, tl_error *err)
{
	int rc = layout_text(c, text, f, max_width, err);
	if (rc)
		return rc;
	PangoRectangle ink, logical;
	pango_layout_get_extents(c->layout, &ink, &logical);
	*w = (double)logical.width / PANGO_SCALE;
	*h = (double)logical.height / PANGO_SCALE;
	return 0;
}

int tl_canvas_text(tl_canvas *c, const char *text, const tl_font *f, double x,
                   double y, int align, double angle, double max_width,
                   tl_error *err)
{
	int rc = layout_text(c, text, f, max_width, err);
	if (rc)
		return rc;
	if (max_width > 0)
		pango_layout_set_alignment(
		    c->layout, (align & 3) == TL_ALIGN_RIGHT ? PANGO_ALIGN_RIGHT
		               : (align & 3) == TL_ALIGN_CENTER
		                   ? PANGO_ALIGN_CENTER
		                   : PANGO_ALIGN_LEFT);
	PangoRectangle logical;
	pango_layout_get_extents(c->layout, NULL, &logical);
	double w = (double)logical.width / PANGO_SCALE,
	       h = (double)logical.height / PANGO_SCALE;
	if (max_width > 0)
		w = max_width;
	double dx = (align & 3) == TL_ALIGN_RIGHT    ? -w
	            : (align & 3) == TL_ALIGN_CENTER ? -w / 2
	                                             : 0;
	double dy = (align & 12) == TL_ALIGN_BOTTOM   ? -h
	            : (align & 12) == TL_ALIGN_MIDDLE ? -h / 2
	                                              : 0;
	cairo_save(c->cr);
	cairo_translate(c->cr, x, y);
	if (angle != 0) {
		cairo_rotate(c->cr, angle);
		pango_cairo_update_layout(c->cr, c->layout);
	}
	cairo_move_to(c->cr, dx, dy);
	cairo_set_source_rgb(c->cr, f->rgb[0], f->rgb[1], f->rgb[2]);
	/* The layout's context keeps the page's scale; translations need no
	 * update, and an update per label made Pango match fonts anew. */
	pango_cairo_show_layout(c->cr, c->layout);
	cairo_restore(c->cr);
	if (angle != 0)
		pango_cairo_update_layout(c->cr, c->layout);
	pango_layout_set_alignment(c->layout, PANGO_ALIGN_LEFT);
	return tl_canvas_check(c, err);
}

void tl_canvas_bookmark(tl_canvas *c, const char *title, const char *dest,
                        int level)
{
	if (c->format != TL_FMT_PDF)
		return;
	char attr[256];
	snprintf(attr, sizeof(attr), "dest='%s'", dest);
	int id = cairo_pdf_surface_add_outline(
	    c->surface, level == 0 ? CAIRO_PDF_OUTLINE_ROOT : c->outline_parent,
	    title, attr, 0);
	if (level == 0)
		c->outline_parent = id;
}

void tl_canvas_dest(tl_canvas *c, const char *dest)
{
	if (c->format != TL_FMT_PDF)
		return;
	char attr[256];
	snprintf(attr, sizeof(attr), "name='%s'", dest);
	cairo_tag_begin(c->cr, CAIRO_TAG_DEST, attr);
	cairo_tag_end(c->cr, CAIRO_TAG_DEST);
}

void tl_canvas_link(tl_canvas *c, double x, double y, double w, double h,
                    const char *dest)
{
	if (c->format != TL_FMT_PDF)
		return;
	char attr[320];
	snprintf(attr, sizeof(attr), "rect=[%g %g %g %g] dest='%s'", x, y, w, h,
	         dest);
	cairo_tag_begin(c->cr, CAIRO_TAG_LINK, attr);
	cairo_tag_end(c->cr, CAIRO_TAG_LINK);
}
