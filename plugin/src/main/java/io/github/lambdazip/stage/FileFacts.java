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

    static FileFacts read(Path file) throws IOException {
        try {
            Map<String, Object> unix = Files.readAttributes(file,
                    "unix:mode,size,lastModifiedTime,ctime,ino,isDirectory,isRegularFile,isSymbolicLink",
                    LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) unix.get("mode");
            long size = (Long) unix.get("size");
            return new FileFacts((Boolean) unix.get("isDirectory"), (Boolean) unix.get("isRegularFile"),
                    (Boolean) unix.get("isSymbolicLink"), size, (mode & OWNER_EXECUTE) != 0,
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
