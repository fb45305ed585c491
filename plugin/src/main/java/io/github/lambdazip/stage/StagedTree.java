package io.github.lambdazip.stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The files of one zip, sorted by name so that nothing about the file system can change their order. */
public final class StagedTree {

    private final Map<String, StagedEntry> entries = new HashMap<>();
    private final List<StagedEntry> asFound = new ArrayList<>();
    /** The entries in name order, sorted once when first asked for after the last addition. */
    private List<StagedEntry> sorted = List.of();
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
        asFound.add(entry);
        sorted = null;
        uncompressedSize += entry.size();
    }

    public Collection<StagedEntry> entries() {
        if (sorted == null) {
            // in the order found, which staging keeps close to name order: the sort then has little to do
            StagedEntry[] all = asFound.toArray(new StagedEntry[0]);
            Arrays.sort(all, (a, b) -> a.name().compareTo(b.name()));
            sorted = List.of(all);
        }
        return sorted;
    }

    /**
     * The entries in the order staging found them: the same for an unchanged folder on one machine, so fit for
     * comparing with the last build there, but never for anything that goes into a zip.
     */
    public List<StagedEntry> entriesAsFound() {
        return Collections.unmodifiableList(asFound);
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
