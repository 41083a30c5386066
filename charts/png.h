/* charts/png.h - opaque ARGB32 pixels to an RGB PNG, fast.
 *
 * Charts are flat colour on white: long runs of one pixel, whole rows
 * like the row above. The encoder writes the deflate stream itself
 * (fixed Huffman codes, runs as distance-1 matches, rows like the one
 * above through the Up filter) and sums Adler-32 in the same pass,
 * on two threads, one per half of the image. It trades some file size
 * (fixed codes) for a pass a few times faster than zlib's. */
#ifndef TL_PNG_H
#define TL_PNG_H

#include "../analyze/base.h"

/* Append the PNG of the w x h image at px (cairo's ARGB32, rows stride
 * bytes apart, alpha ignored: the page is opaque) to out; dpi goes into
 * pHYs. When a second thread cannot start, both halves are encoded on
 * this one (the bytes are the same). */
void tl_png_encode(tl_buf *out, const unsigned char *px, int w, int h,
                   int stride, double dpi);

#endif
