package io.github.lambdazip.stage;

import static io.github.lambdazip.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdazip.TestFiles;
import io.github.lambdazip.common.BuildLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceStagerTest {

    @TempDir
    Path dir;

    private final SourceStager stager = new SourceStager(BuildLog.silent());

    private List<String> names(StagedTree tree) {
        return tree.entries().stream().map(StagedEntry::name).toList();
    }

    @Test
    void stage_putsFolderContentsAtPrefixAndDropsJunk() throws Exception {
        Path src = dir.resolve("lambda");
        write(src, "notifier/notification_handler.py", "def lambda_handler(e, c): pass\n");
        write(src, "notifier/__pycache__/notification_handler.cpython-312.pyc", "x");
        write(src, "notifier/old.pyc", "x");
        write(src, ".DS_Store", "x");
        write(src, ".git/HEAD", "ref");
        write(src, "prediction_engine/model.py", "W = 1\n");
        StagedTree tree = new StagedTree();
        stager.stage(src, "", List.of(), "test", tree);
        assertEquals(List.of("notifier/notification_handler.py", "prediction_engine/model.py"), names(tree));

        StagedTree layer = new StagedTree();
        stager.stage(src, "python/", List.of(), "test", layer);
        assertEquals(List.of("python/notifier/notification_handler.py", "python/prediction_engine/model.py"),
                names(layer));
    }

    @Test
    void stage_appliesExcludesRelativeToSource() throws Exception {
        Path src = dir.resolve("src");
        write(src, "app.py", "");
        write(src, "tests/test_app.py", "");
        write(src, "pkg/tests/test_x.py", "");
        write(src, "README.md", "");
        StagedTree tree = new StagedTree();
        stager.stage(src, "", List.of(GlobPattern.of("**/tests/**"), GlobPattern.of("*.md")), "test", tree);
        assertEquals(List.of("app.py"), names(tree));
    }

    @Test
    void stage_marksOwnerExecutableFilesOnly() throws Exception {
        Path src = dir.resolve("src");
        Path script = write(src, "run.sh", "#!/bin/sh\n");
        Path module = write(src, "app.py", "");
        TestFiles.setPermissions(script, "rwx------");
        TestFiles.setPermissions(module, "rw-rwxrwx");
        StagedTree tree = new StagedTree();
        stager.stage(src, "", List.of(), "test", tree);
        assertTrue(tree.get("run.sh").executable());
        assertFalse(tree.get("app.py").executable());
    }

    @Test
    void stage_refusesSymlinkPointingOutsideTheSource() throws Exception {
        Path src = dir.resolve("src");
        write(src, "app.py", "");
        Path secret = write(dir, "secret.txt", "password");
        Files.createSymbolicLink(src.resolve("leak.txt"), secret);
        UnsafeSymlinkException error = assertThrows(UnsafeSymlinkException.class,
                () -> stager.stage(src, "", List.of(), "test", new StagedTree()));
        assertTrue(error.getMessage().contains("leak.txt"), error.getMessage());
        assertTrue(error.getMessage().contains("outside the source folder"), error.getMessage());
    }

    @Test
    void stage_storesInsideSymlinksAsTheFilesTheyPointTo() throws Exception {
        Path src = dir.resolve("src");
        write(src, "shared/util.py", "X = 1\n");
        Files.createSymbolicLink(src.resolve("util_link.py"), src.resolve("shared/util.py"));
        Files.createSymbolicLink(src.resolve("shared_link"), Path.of("shared"));
        StagedTree tree = new StagedTree();
        stager.stage(src, "", List.of(), "test", tree);
        assertEquals(List.of("shared/util.py", "shared_link/util.py", "util_link.py"), names(tree));
        assertEquals(6, tree.get("util_link.py").size());
    }

    @Test
    void stage_refusesSymlinkLoops() throws Exception {
        Path src = dir.resolve("src");
        write(src, "a/app.py", "");
        Files.createSymbolicLink(src.resolve("a/back"), Path.of(".."));
        Exception error = assertThrows(Exception.class, () -> stager.stage(src, "", List.of(), "test", new StagedTree()));
        assertTrue(error.getMessage().contains("loop"), error.getMessage());
    }

    @Test
    void twoSources_withDifferentFilesAtOnePath_failNamingBoth() throws Exception {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        write(first, "common/config.py", "A = 1\n");
        write(second, "common/config.py", "A = 2\n");
        StagedTree tree = new StagedTree();
        stager.stage(first, "", List.of(), "<source> first", tree);
        SourceConflictException error = assertThrows(SourceConflictException.class,
                () -> stager.stage(second, "", List.of(), "<source> second", tree));
        assertTrue(error.getMessage().contains("common/config.py"), error.getMessage());
        assertTrue(error.getMessage().contains(first.resolve("common/config.py").toString()), error.getMessage());
        assertTrue(error.getMessage().contains(second.resolve("common/config.py").toString()), error.getMessage());
    }

    @Test
    void twoSources_withIdenticalFilesAtOnePath_storeItOnce() throws Exception {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        write(first, "common/config.py", "A = 1\n");
        write(second, "common/config.py", "A = 1\n");
        write(second, "app.py", "");
        StagedTree tree = new StagedTree();
        stager.stage(first, "", List.of(), "a", tree);
        stager.stage(second, "", List.of(), "b", tree);
        assertEquals(List.of("app.py", "common/config.py"), names(tree));
        assertEquals(6, tree.uncompressedSize());
    }
}
