package io.github.lambdazip.stage;

/**
 * What identifies a file's content without reading it: size, modification and status-change times (nanoseconds)
 * and inode. Writing to a file always moves its status-change time, which no tool can set back (unlike the
 * modification time, which {@code touch -r} or {@code cp -p} can), so an unchanged stamp means unchanged content, as
 * git's index assumes. Where the file system has no status-change time or inode, those are 0 and the stamp rests on
 * size and modification time alone.
 */
public record FileStamp(long size, long modifiedNanos, long changedNanos, long inode) {

    /** The form kept in the build state: {@code size:modified:changed:inode}. */
    @Override
    public String toString() {
        return size + ":" + modifiedNanos + ":" + changedNanos + ":" + inode;
    }
}
