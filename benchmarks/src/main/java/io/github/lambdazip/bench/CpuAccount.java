package io.github.lambdazip.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the CPU time of one phase of this JVM went, by kind of thread: the JIT compilers, the garbage collector, the
 * thread that called the packager (which writes the zip), and the rest. Threads that ended during the phase (the
 * compressing pool shuts down before the phase's last log line) are not listed any more, so their time is the
 * process's CPU time less that of the listed threads. Linux only: it reads {@code /proc/self/task}; elsewhere
 * {@link #start()} returns null.
 */
final class CpuAccount {

    /** The kinds a thread is counted under, by the name Linux gives it (15 characters at most). */
    enum Kind {
        JIT, GC, CALLER, OTHER;

        static Kind of(String threadName, boolean caller) {
            if (caller) {
                return CALLER;
            }
            if (threadName.startsWith("C1 Compiler") || threadName.startsWith("C2 Compiler")) {
                return JIT;
            }
            if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ")) {
                return GC;
            }
            return OTHER;
        }
    }

    private static final Path TASKS = Path.of("/proc/self/task");
    /** Linux reports process times in USER_HZ ticks, 100 per second on every architecture it runs Java on. */
    private static final long TICK_NANOS = 10_000_000;

    private final long wallNanos;
    private final long processNanos;
    private final Map<String, Long> threadNanos;
    private final String callerTask;

    private CpuAccount(long wallNanos, long processNanos, Map<String, Long> threadNanos, String callerTask) {
        this.wallNanos = wallNanos;
        this.processNanos = processNanos;
        this.threadNanos = threadNanos;
        this.callerTask = callerTask;
    }

    /** A snapshot taken on the calling thread, or null where there is no {@code /proc}. */
    static CpuAccount start() {
        if (!Files.isDirectory(TASKS)) {
            return null;
        }
        try {
            return new CpuAccount(System.nanoTime(), processCpuNanos(), threads(), Long.toString(currentTask()));
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /**
     * One line, {@code cpu wall=N compressing=N caller=N jit=N gc=N other=N} (nanoseconds since {@link #start()}),
     * taken on the same thread as the start.
     */
    String since() throws IOException {
        long wall = System.nanoTime() - wallNanos;
        long process = processCpuNanos() - processNanos;
        Map<String, Long> now = threads();
        Map<Kind, Long> byKind = new HashMap<>();
        long listed = 0;
        for (Map.Entry<String, Long> thread : now.entrySet()) {
            String task = thread.getKey();
            long used = thread.getValue() - threadNanos.getOrDefault(task, 0L);
            Kind kind = Kind.of(name(task), task.equals(callerTask));
            byKind.merge(kind, used, Long::sum);
            listed += used;
        }
        return String.format(Locale.ROOT, "cpu wall=%d compressing=%d caller=%d jit=%d gc=%d other=%d", wall,
                Math.max(0, process - listed), byKind.getOrDefault(Kind.CALLER, 0L), byKind.getOrDefault(Kind.JIT, 0L),
                byKind.getOrDefault(Kind.GC, 0L), byKind.getOrDefault(Kind.OTHER, 0L));
    }

    /** Each live thread's time on a CPU, in nanoseconds (the scheduler's own count, not clock ticks). */
    private static Map<String, Long> threads() throws IOException {
        Map<String, Long> result = new HashMap<>();
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : tasks.toList()) {
                try {
                    String schedstat = Files.readString(task.resolve("schedstat"));
                    result.put(task.getFileName().toString(), Long.parseLong(schedstat.substring(0, schedstat.indexOf(' '))));
                } catch (IOException ended) {
                    // the thread ended between the listing and the read: counted with the ended ones
                }
            }
        }
        return result;
    }

    private static String name(String task) {
        try {
            return Files.readString(TASKS.resolve(task).resolve("comm")).trim();
        } catch (IOException ended) {
            return "";
        }
    }

    private static long currentTask() throws IOException {
        // /proc/thread-self names the calling thread's own task folder
        return Long.parseLong(Path.of("/proc/thread-self").toRealPath().getFileName().toString());
    }

    /**
     * User and system time of the whole process, threads that ended included, from {@code /proc/self/stat} (fields
     * 14 and 15, after the command name, in clock ticks of 10 ms).
     */
    private static long processCpuNanos() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK_NANOS;
    }
}
