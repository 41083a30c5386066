/* analyze/wbehind.h - an SQLite VFS whose main database files hand their
 * writes to a thread of their own (the bulk load's writer goes on while the
 * kernel copies its pages). */
#ifndef TL_WBEHIND_H
#define TL_WBEHIND_H

#include <sqlite3.h>

/* The name of the VFS to give sqlite3_open_v2, registered on the first
 * call (not as the default); NULL when it cannot be (then open without
 * it). Only the main database file of a connection opened with it writes
 * behind; journals, WAL and temporary files are the default VFS's.
 *
 * What a connection reads is what it wrote: a read of a page still queued
 * is served from the queue, one that overlaps it otherwise waits for the
 * queue. Every other call on the file (sync, truncate, size, locks, file
 * controls, shared memory, mapping) waits for the queue first. A write
 * that fails makes every later call on the file fail with its error.
 * Pages the load does not read back (bodies) are written past the page
 * cache where the file system allows it; reads see them all the same. */
const char *tl_wbehind_vfs(void);

/* Wait until every write queued for db's main file is in the file; then
 * SQLITE_OK, or the error of the first write that failed. SQLITE_OK for a
 * file of another VFS. */
int tl_wbehind_flush(sqlite3 *db);

/* The bytes of db's main file written so far past the page cache (the
 * pages of bodies; see wbehind.c); 0 for a file of another VFS, or where
 * the file system has no direct I/O. */
sqlite3_int64 tl_wbehind_direct_bytes(sqlite3 *db);

#endif
