package io.github.lambdazip.stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Collection;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/** The files of one zip, sorted by name so that nothing about the file system can change their order. */
public final class StagedTree {

    private final SortedMap<String, StagedEntry> entries = new TreeMap<>();
    private long uncompressedSize;

    /**
     * Adds an entry. The same bytes arriving twice (shared code in two sources) are stored once; different bytes
     * under one name are a conflict.
     */
    public void add(StagedEntry entry) throws SourceConflictException {
        StagedEntry existing = entries.get(entry.name());
        if (existing != null) {
            if (!sameContent(existing, entry)) {
                throw new SourceConflictException(entry.name(), existing, entry);
            }
            return;
        }
        entries.put(entry.name(), entry);
        uncompressedSize += entry.size();
    }

    public Collection<StagedEntry> entries() {
        return Collections.unmodifiableCollection(entries.values());
    }

    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    public StagedEntry get(String name) {
        return entries.get(name);
    }

    public int size() {
        return entries.size();
    }

    public long uncompressedSize() {
        return uncompressedSize;
    }

    private static boolean sameContent(StagedEntry a, StagedEntry b) {
        if (a.size() != b.size()) {
            return false;
        }
        try {
            return Files.mismatch(a.source(), b.source()) == -1L;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
