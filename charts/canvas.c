/* charts/canvas.c - surfaces for PNG, PDF and SVG, and Pango text on them. */
#include "canvas.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <pango/pangocairo.h>
#include <pthread.h>
#include <zlib.h>
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
	c->layout = pango_cairo_create_layout(c->cr);
	PangoContext *ctx = pango_layout_get_context(c->layout);
	pango_context_set_language(ctx, pango_language_from_string("zh-cn"));
	pango_cairo_context_set_resolution(ctx, 72);
	if (c->format == TL_FMT_PNG) {
		cairo_font_options_t *fo = cairo_font_options_create();
		cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
		/* Unhinted outlines: at 144 dpi CJK glyphs read as well,
		 * and the CFF hinter was a third of a chart's run time. */
		cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
		cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
		pango_cairo_context_set_font_options(ctx, fo);
		cairo_font_options_destroy(fo);
	}
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

/* PNG written here rather than by cairo's writer, which let libpng try
 * every filter at the default deflate level: most of a chart's run
 * time. Charts are flat colour: the SUB filter and run-length deflate
 * do as well, and the two halves of the image are deflated on two
 * threads into one zlib stream (the first half ends on a sync flush). */
typedef struct {
	const unsigned char *px;
	int w, stride, y0, y1, last;
	tl_buf out;
	uLong adler;
	uLong len;
	int ok;
} png_part;

static void *deflate_part(void *arg)
{
	png_part *p = arg;
	z_stream z;
	memset(&z, 0, sizeof(z));
	p->ok = 0;
	if (deflateInit2(&z, 1, Z_DEFLATED, -15, 8, Z_RLE) != Z_OK)
		return NULL;
	size_t rowlen = (size_t)p->w * 3 + 1;
	unsigned char *row = tl_xmalloc(rowlen);
	unsigned char chunk[65536];
	p->adler = adler32(0L, Z_NULL, 0);
	p->len = 0;
	for (int y = p->y0; y < p->y1; y++) {
		const uint32_t *src =
		    (const uint32_t *)(p->px + (size_t)y * (size_t)p->stride);
		unsigned char pr = 0, pg = 0, pb = 0;
		row[0] = 1; /* SUB: each byte less the one a pixel before */
		for (int x = 0; x < p->w; x++) {
			uint32_t v =
			    src[x]; /* opaque: a white page under all */
			unsigned char r = (unsigned char)(v >> 16),
			              g = (unsigned char)(v >> 8),
			              b = (unsigned char)v;
			row[1 + 3 * x] = (unsigned char)(r - pr);
			row[2 + 3 * x] = (unsigned char)(g - pg);
			row[3 + 3 * x] = (unsigned char)(b - pb);
			pr = r, pg = g, pb = b;
		}
		p->adler = adler32(p->adler, row, (uInt)rowlen);
		p->len += rowlen;
		z.next_in = row;
		z.avail_in = (uInt)rowlen;
		int flush = y + 1 < p->y1 ? Z_NO_FLUSH
		            : p->last     ? Z_FINISH
		                          : Z_SYNC_FLUSH;
		do {
			z.next_out = chunk;
			z.avail_out = sizeof(chunk);
			deflate(&z, flush);
			tl_buf_add(&p->out, chunk, sizeof(chunk) - z.avail_out);
		} while (z.avail_out == 0);
	}
	if (p->y0 == p->y1 && p->last) {
		z.next_in = row;
		z.avail_in = 0;
		do {
			z.next_out = chunk;
			z.avail_out = sizeof(chunk);
			deflate(&z, Z_FINISH);
			tl_buf_add(&p->out, chunk, sizeof(chunk) - z.avail_out);
		} while (z.avail_out == 0);
	}
	deflateEnd(&z);
	free(row);
	p->ok = 1;
	return NULL;
}

static void put32(unsigned char *b, uint32_t v)
{
	b[0] = (unsigned char)(v >> 24);
	b[1] = (unsigned char)(v >> 16);
	b[2] = (unsigned char)(v >> 8);
	b[3] = (unsigned char)v;
}

static int png_chunk(tl_canvas *c, const char *type, const void *data,
                     size_t len)
{
	unsigned char head[8], tail[4];
	put32(head, (uint32_t)len);
	memcpy(head + 4, type, 4);
	uLong crc = crc32(0L, head + 4, 4);
	if (len)
		crc = crc32(crc, data, (uInt)len);
	put32(tail, (uint32_t)crc);
	if (write_out(c, head, 8) ||
	    (len && write_out(c, data, (unsigned)len)) || write_out(c, tail, 4))
		return -1;
	return 0;
}

static int write_png(tl_canvas *c, tl_error *err)
{
	cairo_surface_t *s = c->surface;
	int w = cairo_image_surface_get_width(s);
	int h = cairo_image_surface_get_height(s);
	png_part parts[2];
	memset(parts, 0, sizeof(parts));
	for (int i = 0; i < 2; i++) {
		parts[i].px = cairo_image_surface_get_data(s);
		parts[i].w = w;
		parts[i].stride = cairo_image_surface_get_stride(s);
		parts[i].y0 = i == 0 ? 0 : h / 2;
		parts[i].y1 = i == 0 ? h / 2 : h;
		parts[i].last = i == 1;
		tl_buf_init(&parts[i].out);
	}
	pthread_t th;
	int threaded = pthread_create(&th, NULL, deflate_part, &parts[1]) == 0;
	deflate_part(&parts[0]);
	if (threaded)
		pthread_join(th, NULL);
	else
		deflate_part(&parts[1]);
	int rc = 0;
	if (!parts[0].ok || !parts[1].ok) {
		rc = tl_error_set(err, TL_ENOMEM, "cannot compress the PNG");
		goto done;
	}
	static const unsigned char SIG[8] = {137, 80, 78, 71, 13, 10, 26, 10};
	unsigned char ihdr[13], phys[9], zhead[2] = {0x78, 0x01}, adler[4];
	put32(ihdr, (uint32_t)w);
	put32(ihdr + 4, (uint32_t)h);
	ihdr[8] = 8;                        /* bits per sample */
	ihdr[9] = 2;                        /* RGB */
	ihdr[10] = ihdr[11] = ihdr[12] = 0; /* deflate, filters, no interlace */
	uint32_t ppm = (uint32_t)(c->scale * 72 / 0.0254 + 0.5);
	put32(phys, ppm);
	put32(phys + 4, ppm);
	phys[8] = 1; /* metres */
	uLong a = adler32_combine(parts[0].adler, parts[1].adler,
	                          (z_off_t)parts[1].len);
	put32(adler, (uint32_t)a);
	tl_buf idat = TL_BUF_INIT;
	tl_buf_add(&idat, zhead, 2);
	tl_buf_add(&idat, parts[0].out.buf, parts[0].out.len);
	tl_buf_add(&idat, parts[1].out.buf, parts[1].out.len);
	tl_buf_add(&idat, adler, 4);
	if (write_out(c, SIG, 8) || png_chunk(c, "IHDR", ihdr, 13) ||
	    png_chunk(c, "pHYs", phys, 9) ||
	    png_chunk(c, "IDAT", idat.buf, idat.len) ||
	    png_chunk(c, "IEND", NULL, 0))
		rc = cairo_fail(c, CAIRO_STATUS_WRITE_ERROR, err);
	tl_buf_release(&idat);
done:
	tl_buf_release(&parts[0].out);
	tl_buf_release(&parts[1].out);
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
