package io.github.lambdazip.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.SystemStreamLog;

/** Keeps INFO lines. */
final class RecordingLog extends SystemStreamLog {

    final List<String> info = new ArrayList<>();

    @Override
    public void info(CharSequence content) {
        info.add(content.toString());
    }
}
