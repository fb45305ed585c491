package io.github.lambdazip.state;

import io.github.lambdazip.stage.FileStamp;
import io.github.lambdazip.stage.StagedEntry;
import java.util.HashMap;
import java.util.Map;

/**
 * The recorded stamp, CRC-32 and place in the zip of each file of one zip, so a rebuild reads only the files whose
 * stamp moved, and copies only their entries.
 */
final class CrcIndex {

    private record Recorded(FileStamp stamp, long crc, int position) {}

    private final Map<String, Recorded> files = new HashMap<>();

    /** {@code position}: the file's place in the zip (its entries are in name order). */
    void put(String name, FileStamp stamp, long crc, int position) {
        files.put(name, new Recorded(stamp, crc, position));
    }

    /** The recorded CRC-32 when the file's stamp is the one recorded, else null. */
    Long crcIfUnchanged(StagedEntry entry) {
        Recorded recorded = files.get(entry.name());
        return recorded == null || !recorded.stamp().equals(entry.stamp()) ? null : recorded.crc();
    }

    /** The file's place in the recorded zip when its stamp is the one recorded, else -1. */
    int positionIfUnchanged(StagedEntry entry) {
        Recorded recorded = files.get(entry.name());
        return recorded == null || !recorded.stamp().equals(entry.stamp()) ? -1 : recorded.position();
    }
}
