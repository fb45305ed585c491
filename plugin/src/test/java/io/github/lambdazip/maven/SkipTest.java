package io.github.lambdazip.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

class SkipTest {

    /** Keeps INFO lines. */
    static final class RecordingLog extends SystemStreamLog {
        final List<String> info = new ArrayList<>();

        @Override
        public void info(CharSequence content) {
            info.add(content.toString());
        }
    }

    private static PackageMojo mojo(RecordingLog log) {
        PackageMojo mojo = new PackageMojo(null, null);
        mojo.setLog(log);
        return mojo;
    }

    @Test
    void skip_skipsEveryGoalWithOneLine() throws Exception {
        RecordingLog log = new RecordingLog();
        PackageMojo mojo = mojo(log);
        mojo.skip = true;
        mojo.execute(); // no project: anything past the skip would throw
        assertEquals(List.of("Skipping lambda-zip:package (lambdazip.skip=true)"), log.info);
    }

    @Test
    void packageSkip_skipsThisGoalWithOneLine() throws Exception {
        RecordingLog log = new RecordingLog();
        PackageMojo mojo = mojo(log);
        mojo.packageSkip = true;
        mojo.execute();
        assertEquals(List.of("Skipping lambda-zip:package (lambdazip.package.skip=true)"), log.info);
    }
}
