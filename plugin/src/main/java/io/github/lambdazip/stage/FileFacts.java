package io.github.lambdazip.stage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What staging needs to know of a file, read in one system call where the platform allows: its type, size, the
 * owner's execute bit, and its {@link FileStamp}.
 */
record FileFacts(boolean directory, boolean regularFile, boolean symbolicLink, long size, boolean ownerExecutable,
        FileStamp stamp) {

    private static final int OWNER_EXECUTE = 0100;
    /** The file type in {@code st_mode}, as POSIX's {@code S_IFMT}, {@code S_IFDIR}, {@code S_IFREG}, {@code S_IFLNK}. */
    private static final int TYPE_BITS = 0170000;
    private static final int DIRECTORY = 0040000;
    private static final int REGULAR_FILE = 0100000;
    private static final int SYMBOLIC_LINK = 0120000;

    static FileFacts read(Path file) throws IOException {
        try {
            // each attribute named costs a cold JVM a lookup per file: the type comes from the mode's bits
            Map<String, Object> unix = Files.readAttributes(file, "unix:mode,size,lastModifiedTime,ctime,ino",
                    LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) unix.get("mode");
            long size = (Long) unix.get("size");
            int type = mode & TYPE_BITS;
            return new FileFacts(type == DIRECTORY, type == REGULAR_FILE, type == SYMBOLIC_LINK, size,
                    (mode & OWNER_EXECUTE) != 0,
                    new FileStamp(size, nanos(unix.get("lastModifiedTime")), nanos(unix.get("ctime")), (Long) unix.get("ino")));
        } catch (UnsupportedOperationException | IllegalArgumentException notUnix) {
            BasicFileAttributes basic = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return new FileFacts(basic.isDirectory(), basic.isRegularFile(), basic.isSymbolicLink(), basic.size(),
                    false, new FileStamp(basic.size(), basic.lastModifiedTime().to(TimeUnit.NANOSECONDS), 0, 0));
        }
    }

    private static long nanos(Object time) {
        FileTime fileTime = (FileTime) time;
        return fileTime.to(TimeUnit.NANOSECONDS);
    }
}
