package io.github.lambdazip.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CPU time of another process tree's threads by kind, read from Linux's {@code /proc} every 20 ms while it runs
 * (a child JVM cannot report its own, as {@link CpuAccount} does inside the bare-JVM benchmark, when it is Maven's):
 * the compressing threads, the main thread (where Maven runs the goal: staging, checks, writing the zip), the JIT
 * compilers, the garbage collector, and the rest. A thread's last 20 ms before it ends can be missed; the process's
 * total from GNU time holds them. Elsewhere than Linux every kind reads 0.
 */
final class ThreadSampler implements AutoCloseable {

    static final String[] KINDS = {"compressing", "main", "jit", "gc", "other"};
    /** Linux reports thread times in USER_HZ ticks, 100 per second on every architecture it runs Java on. */
    private static final double TICK_SECONDS = 0.01;

    private final long root;
    /** "pid/tid" to the thread's name and its last user + system ticks. */
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, Long> ticks = new HashMap<>();
    private final Thread poller;
    private volatile boolean stopped;

    private ThreadSampler(long root) {
        this.root = root;
        this.poller = new Thread(this::poll, "thread-sampler");
        poller.setDaemon(true);
    }

    /** Starts sampling the process and its descendants. */
    static ThreadSampler of(Process process) {
        ThreadSampler sampler = new ThreadSampler(process.pid());
        sampler.poller.start();
        return sampler;
    }

    private void poll() {
        while (!stopped) {
            sample(root, 0);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void sample(long pid, int depth) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        String[] tids = tasks.toFile().list();
        if (tids == null) {
            return;
        }
        for (String tid : tids) {
            try {
                String stat = Files.readString(tasks.resolve(tid).resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                names.put(pid + "/" + tid, name);
                ticks.put(pid + "/" + tid, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
            } catch (IOException | RuntimeException ended) {
                // the thread ended between the listing and the read
            }
        }
        try {
            // GNU time starts mvn, whose script execs the JVM: follow the children of each process's main thread
            for (String child : Files.readString(tasks.resolve(Long.toString(pid)).resolve("children")).trim().split(" ")) {
                if (!child.isEmpty() && depth < 4) {
                    sample(Long.parseLong(child), depth + 1);
                }
            }
        } catch (IOException ended) {
            // the process ended
        }
    }

    /** Seconds on a CPU by kind of thread, in {@link #KINDS} order. */
    synchronized Map<String, Double> byKind() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (String kind : KINDS) {
            seconds.put(kind, 0.0);
        }
        for (Map.Entry<String, Long> thread : ticks.entrySet()) {
            seconds.merge(kind(names.get(thread.getKey())), thread.getValue() * TICK_SECONDS, Double::sum);
        }
        return seconds;
    }

    /** The kind of a thread by the name Linux gives it (15 characters at most). */
    private static String kind(String name) {
        if (name.startsWith("lambdazip")) {
            return "compressing";
        }
        if (name.equals("java") || name.equals("main")) {
            return "main";
        }
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            return "jit";
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return "gc";
        }
        return "other";
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        poller.interrupt();
        poller.join();
    }
}
