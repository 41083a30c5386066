/* charts/png.c - opaque ARGB32 pixels to an RGB PNG (see png.h).
 *
 * The deflate stream (RFC 1951) is written here: one block of fixed
 * Huffman codes per half of the image. Each row is filtered with Up when
 * more of its pixels equal the pixel above than the one to the left, and
 * with Sub otherwise, so a run of one colour, or a row like the one
 * above, is a run of zero bytes; runs of zeros are length/distance-1
 * matches, everything else literals. The
 * first half ends on an empty stored block (a sync flush) so the second
 * half's bytes follow on a byte boundary; the two Adler-32 sums are
 * combined as zlib does. */
#include "png.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define ADLER_MOD 65521u

/* Fixed Huffman codes, bit-reversed for an LSB-first writer, with their
 * lengths; a match's code includes its extra bits and the 5-bit code of
 * distance 1 (all zeros). */
typedef struct {
	uint32_t bits;
	uint8_t n;
} code;

static code LIT[256], MATCH[259];
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static uint32_t reverse(uint32_t v, int n)
{
	uint32_t r = 0;
	for (int i = 0; i < n; i++, v >>= 1)
		r = (r << 1) | (v & 1);
	return r;
}

static void build_tables(void)
{
	static const uint16_t BASE[29] = {
	    3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
	    31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
	static const uint8_t EXTRA[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1,
	                                  1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
	                                  4, 4, 4, 4, 5, 5, 5, 5, 0};
	for (int b = 0; b < 256; b++)
		LIT[b] =
		    b < 144 ? (code){reverse(0x30u + (uint32_t)b, 8), 8}
		            : (code){reverse(0x190u + (uint32_t)b - 144, 9), 9};
	for (int len = 3; len <= 258; len++) {
		int i = 28;
		while (BASE[i] > len)
			i--;
		int sym = 257 + i;
		code c =
		    sym < 280
		        ? (code){reverse((uint32_t)sym - 256, 7), 7}
		        : (code){reverse(0xC0u + (uint32_t)sym - 280, 8), 8};
		c.bits |= (uint32_t)(len - BASE[i]) << c.n;
		c.n = (uint8_t)(c.n + EXTRA[i] + 5); /* distance 1: 00000 */
		MATCH[len] = c;
	}
}

/* One half of the image and what was made of it. */
typedef struct {
	const unsigned char *px;
	int w, stride, y0, y1, last;
	unsigned char *out; /* deflate bytes */
	size_t len;
	uint32_t adler;
	uint64_t raw; /* filtered bytes: what Adler-32 covered */
} part;

typedef struct {
	unsigned char *p;
	uint64_t acc;
	int n;
	uint64_t s1, s2; /* Adler-32 sums, reduced once a row */
	int zero_last;   /* the last byte emitted was 0 (a match may follow) */
} writer;

static inline void put(writer *o, uint32_t bits, int n)
{
	o->acc |= (uint64_t)bits << o->n;
	o->n += n;
	if (o->n >= 32) {
		o->p[0] = (unsigned char)o->acc;
		o->p[1] = (unsigned char)(o->acc >> 8);
		o->p[2] = (unsigned char)(o->acc >> 16);
		o->p[3] = (unsigned char)(o->acc >> 24);
		o->p += 4;
		o->acc >>= 32;
		o->n -= 32;
	}
}

static inline void literal(writer *o, unsigned b)
{
	put(o, LIT[b].bits, LIT[b].n);
	o->s1 += b;
	o->s2 += o->s1;
	o->zero_last = b == 0;
}

/* n zero bytes. */
static void zeros(writer *o, uint64_t n)
{
	if (!n)
		return;
	o->s2 += n * o->s1;
	if (!o->zero_last) {
		put(o, LIT[0].bits, LIT[0].n);
		n--;
		o->zero_last = 1;
	}
	while (n >= 3) {
		uint64_t k = n > 258 ? 258 : n;
		if (n > 258 && n - 258 < 3)
			k = n - 3; /* leave a whole match behind */
		put(o, MATCH[k].bits, MATCH[k].n);
		n -= k;
	}
	while (n--)
		put(o, LIT[0].bits, LIT[0].n);
}

static void flush_bytes(writer *o)
{
	while (o->n > 0) {
		*o->p++ = (unsigned char)o->acc;
		o->acc >>= 8;
		o->n -= 8;
	}
	o->n = 0;
	o->acc = 0;
}

/* Whether more pixels of a row equal the pixel above than the pixel to
 * the left: rows through a label beside flat bars or cells are Up rows,
 * zero but for the label. */
static int more_like_above(const uint32_t *row, const uint32_t *up, int w)
{
	long above = 0, left = 0;
	for (int x = 0; x < w; x++)
		above += ((row[x] ^ up[x]) & 0xFFFFFFu) == 0;
	for (int x = 1; x < w; x++)
		left += ((row[x] ^ row[x - 1]) & 0xFFFFFFu) == 0;
	return above > left;
}

/* A row's bytes less the pixel above (up) or, without it, the pixel to
 * the left (Sub): runs of zeros where the row repeats its neighbour. */
static void differences(writer *o, const uint32_t *row, const uint32_t *up,
                        int w)
{
	uint32_t prev = 0;
	uint64_t run = 0;
	for (int x = 0; x < w; x++) {
		uint32_t v = row[x] & 0xFFFFFFu;
		if (up)
			prev = up[x] & 0xFFFFFFu;
		if (v != prev) {
			unsigned d[3] = {
			    (unsigned)((v >> 16) - (prev >> 16)) & 255,
			    (unsigned)((v >> 8) - (prev >> 8)) & 255,
			    (unsigned)(v - prev) & 255};
			for (int i = 0; i < 3; i++) {
				if (d[i] == 0) {
					run++;
				} else {
					zeros(o, run);
					run = 0;
					literal(o, d[i]);
				}
			}
		} else {
			run += 3;
		}
		prev = v;
	}
	zeros(o, run);
}

static void *encode_part(void *arg)
{
	part *pt = arg;
	size_t rowlen = (size_t)pt->w * 3 + 1;
	size_t rows = (size_t)(pt->y1 - pt->y0);
	/* Worst case: every byte a 9-bit literal. */
	pt->out = tl_xmalloc(rows * rowlen * 9 / 8 + 64);
	writer o = {pt->out, 0, 0, 1, 0, 0};
	put(&o, pt->last ? 1 : 0, 1); /* BFINAL */
	put(&o, 1, 2);                /* BTYPE 01: fixed codes */
	for (int y = pt->y0; y < pt->y1; y++) {
		const uint32_t *row =
		    (const uint32_t *)(pt->px + (size_t)y * (size_t)pt->stride);
		const uint32_t *up =
		    y > 0 ? (const uint32_t *)((const unsigned char *)row -
		                               pt->stride)
		          : NULL;
		if (up && memcmp(row, up, (size_t)pt->w * 4) == 0) {
			literal(&o, 2); /* Up: all zeros */
			zeros(&o, rowlen - 1);
		} else {
			int use_up = up && more_like_above(row, up, pt->w);
			literal(&o, use_up ? 2 : 1);
			differences(&o, row, use_up ? up : NULL, pt->w);
		}
		o.s1 %= ADLER_MOD;
		o.s2 %= ADLER_MOD;
	}
	put(&o, 0, 7); /* end of block */
	if (!pt->last) {
		put(&o, 0, 3); /* an empty stored block: back on a byte */
		flush_bytes(&o);
		static const unsigned char SYNC[4] = {0, 0, 0xFF, 0xFF};
		memcpy(o.p, SYNC, 4);
		o.p += 4;
	}
	flush_bytes(&o);
	pt->len = (size_t)(o.p - pt->out);
	pt->adler = (uint32_t)((o.s2 << 16) | o.s1);
	pt->raw = rows * rowlen;
	return NULL;
}

static void put32(unsigned char *b, uint32_t v)
{
	b[0] = (unsigned char)(v >> 24);
	b[1] = (unsigned char)(v >> 16);
	b[2] = (unsigned char)(v >> 8);
	b[3] = (unsigned char)v;
}

static void chunk(tl_buf *out, const char *type, const unsigned char *data,
                  size_t len)
{
	unsigned char head[8], tail[4];
	put32(head, (uint32_t)len);
	memcpy(head + 4, type, 4);
	uLong crc = crc32(0L, head + 4, 4);
	if (len)
		crc = crc32(crc, data, (uInt)len);
	put32(tail, (uint32_t)crc);
	tl_buf_add(out, head, 8);
	tl_buf_add(out, data, len);
	tl_buf_add(out, tail, 4);
}

void tl_png_encode(tl_buf *out, const unsigned char *px, int w, int h,
                   int stride, double dpi)
{
	pthread_once(&tables_once, build_tables);
	part parts[2] = {{px, w, stride, 0, h / 2, 0, NULL, 0, 0, 0},
	                 {px, w, stride, h / 2, h, 1, NULL, 0, 0, 0}};
	pthread_t th;
	int threaded = pthread_create(&th, NULL, encode_part, &parts[1]) == 0;
	encode_part(&parts[0]);
	if (threaded)
		pthread_join(th, NULL);
	else
		encode_part(&parts[1]);

	static const unsigned char SIG[8] = {137, 80, 78, 71, 13, 10, 26, 10};
	unsigned char ihdr[13], phys[9], zhead[2] = {0x78, 0x01}, adler[4];
	put32(ihdr, (uint32_t)w);
	put32(ihdr + 4, (uint32_t)h);
	ihdr[8] = 8;                        /* bits per sample */
	ihdr[9] = 2;                        /* RGB */
	ihdr[10] = ihdr[11] = ihdr[12] = 0; /* deflate, filters, no interlace */
	uint32_t ppm = (uint32_t)(dpi / 0.0254 + 0.5);
	put32(phys, ppm);
	put32(phys + 4, ppm);
	phys[8] = 1; /* metres */
	put32(adler, (uint32_t)adler32_combine(parts[0].adler, parts[1].adler,
	                                       (z_off_t)parts[1].raw));
	tl_buf idat = TL_BUF_INIT;
	tl_buf_grow(&idat, 6 + parts[0].len + parts[1].len);
	tl_buf_add(&idat, zhead, 2);
	tl_buf_add(&idat, parts[0].out, parts[0].len);
	tl_buf_add(&idat, parts[1].out, parts[1].len);
	tl_buf_add(&idat, adler, 4);
	free(parts[0].out);
	free(parts[1].out);
	tl_buf_add(out, SIG, 8);
	chunk(out, "IHDR", ihdr, 13);
	chunk(out, "pHYs", phys, 9);
	chunk(out, "IDAT", (const unsigned char *)idat.buf, idat.len);
	chunk(out, "IEND", NULL, 0);
	tl_buf_release(&idat);
}
