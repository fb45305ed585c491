package io.github.lambdazip.state;

import io.github.lambdazip.stage.FileStamp;
import io.github.lambdazip.stage.StagedEntry;
import java.util.HashMap;
import java.util.Map;

/** The recorded stamp and CRC-32 of each file of one zip, so a rebuild reads only the files whose stamp moved. */
final class CrcIndex {

    private record Recorded(FileStamp stamp, long crc) {}

    private final Map<String, Recorded> files = new HashMap<>();

    void put(String name, FileStamp stamp, long crc) {
        files.put(name, new Recorded(stamp, crc));
    }

    /** The recorded CRC-32 when the file's stamp is the one recorded, else null. */
    Long crcIfUnchanged(StagedEntry entry) {
        Recorded recorded = files.get(entry.name());
        return recorded == null || !recorded.stamp().equals(entry.stamp()) ? null : recorded.crc();
    }
}
