/* tests/bench/evict.c - drop the files under a folder from the page cache,
 * so that the next read of them comes from the disk: the benchmark's
 * "files not in memory" case, without root (no drop_caches).
 *
 * usage: tl_evict DIR...
 * The file system is synced first (dirty pages cannot be dropped), then
 * every regular file is advised POSIX_FADV_DONTNEED. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static long files, failed;

static int drop(const char *path, const struct stat *st, int type,
                struct FTW *ftw)
{
	(void)st, (void)ftw;
	if (type != FTW_F)
		return 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED) != 0)
		failed++;
	else
		files++;
	if (fd >= 0)
		close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: tl_evict DIR...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		int fd = open(argv[i], O_RDONLY | O_CLOEXEC);
		if (fd < 0 || syncfs(fd) != 0) {
			perror(argv[i]);
			return 1;
		}
		close(fd);
		if (nftw(argv[i], drop, 64, FTW_PHYS) != 0) {
			perror(argv[i]);
			return 1;
		}
	}
	if (failed)
		fprintf(stderr, "tl_evict: %ld files could not be dropped\n",
		        failed);
	return failed ? 1 : 0;
}
