package org.ssal.campaign;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU spent between two points of a bench: by this JVM's threads in groups (the tracker's stream
 * thread, its producer's network thread, the broker's request handlers, ..., the garbage collector
 * and the JIT compilers; "vm other" is the rest), by the whole JVM, and by the machine (/proc/stat,
 * other processes included). Tells a run that waits from one that is short of cores, and who
 * uses them, which labels/s alone cannot.
 */
record CpuUse(Map<String, Long> groupNanos, long jvmNanos, long machineBusyTicks, long machineTicks) {
    /** Linux's USER_HZ: /proc/stat counts in 1/100 s. */
    private static final double TICKS_PER_SECOND = 100.0;
    /** First match wins: thread name fragment → group. */
    private static final Map<String, String> GROUPS = groups();

    private static Map<String, String> groups() {
        Map<String, String> groups = new LinkedHashMap<>();
        groups.put("-StreamThread-1-producer", "tracker producer");
        groups.put("-StreamThread-", "stream thread");
        groups.put("data-plane-kafka-request-handler", "broker handlers");
        groups.put("data-plane-kafka-network-thread", "broker network");
        groups.put("kafka-producer-network-thread", "bench producers");
        groups.put("main", "bench main");
        return groups;
    }

    static CpuUse now() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> byGroup = new TreeMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                long nanos = Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
                byGroup.merge(groupOf(info.getThreadName()), nanos, Long::sum);
            }
        }
        byGroup.putAll(nativeThreadNanos());
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        long[] machine = procStatTicks();
        return new CpuUse(byGroup, jvm, machine[0], machine[1]);
    }

    /**
     * The JVM's own threads, which ThreadMXBean does not list, from /proc/self/task: "gc" (G1's
     * workers, refinement and marking threads) and "jit" (the C1 and C2 compiler threads). Empty
     * where there is no /proc.
     */
    private static Map<String, Long> nativeThreadNanos() {
        Map<String, Long> nanos = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                String stat = Files.readString(task.resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String group = name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") ? "jit"
                        : name.startsWith("GC Thread") || name.startsWith("G1 ") ? "gc" : null;
                if (group != null) {
                    // fields after the name: state is the 3rd field of stat, utime and stime the 14th and 15th
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    nanos.merge(group, (long) (ticks / TICKS_PER_SECOND * 1e9), Long::sum);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return nanos;
    }

    private static String groupOf(String threadName) {
        for (Map.Entry<String, String> group : GROUPS.entrySet()) {
            if (threadName.contains(group.getKey())) {
                return group.getValue();
            }
        }
        return "other broker and client threads";
    }

    /**
     * The difference from {@code start}. Threads that ended in between are lost from their group
     * and counted in "vm other" instead; the groups above end only with the bench.
     */
    CpuUse since(CpuUse start) {
        Map<String, Long> byGroup = new TreeMap<>();
        groupNanos.forEach((group, nanos) -> byGroup.put(group, nanos - start.groupNanos.getOrDefault(group, 0L)));
        long jvm = jvmNanos - start.jvmNanos;
        byGroup.put("vm other", jvm - byGroup.values().stream().mapToLong(Long::longValue).sum());
        return new CpuUse(byGroup, jvm, machineBusyTicks - start.machineBusyTicks, machineTicks - start.machineTicks);
    }

    /** The stream thread's CPU seconds in a difference. */
    double streamThreadSeconds() {
        return groupNanos.getOrDefault("stream thread", 0L) / 1e9;
    }

    /** e.g. "JVM 1.52 s (stream thread 0.41, broker handlers 0.30, ...), machine 1.80 of 1.90 core-s busy". */
    String describe() {
        StringBuilder groups = new StringBuilder();
        groupNanos.entrySet().stream().filter(group -> group.getValue() >= 5_000_000)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(group -> groups.append(groups.isEmpty() ? "" : ", ")
                        .append(String.format("%s %.2f", group.getKey(), group.getValue() / 1e9)));
        return String.format("CPU: JVM %.2f s (%s), machine %.2f of %.2f core-s busy", jvmNanos / 1e9, groups,
                machineBusyTicks / TICKS_PER_SECOND, machineTicks / TICKS_PER_SECOND);
    }

    /** {busy, all} ticks of every core since boot; zeros where there is no /proc/stat. */
    private static long[] procStatTicks() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long[] ticks = Arrays.stream(cpu, 1, cpu.length).mapToLong(Long::parseLong).toArray();
            long all = Arrays.stream(ticks).sum();
            long idle = ticks[3] + (ticks.length > 4 ? ticks[4] : 0);
            return new long[] {all - idle, all};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}
