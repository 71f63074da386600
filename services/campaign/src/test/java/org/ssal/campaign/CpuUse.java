package org.ssal.campaign;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * CPU spent between two points of a bench: by the tracker's stream threads, by this whole JVM
 * (broker, clients and tracker), and by the machine (/proc/stat, other processes included). Tells a
 * run that waits from one that is short of cores, which labels/s alone cannot.
 */
record CpuUse(long streamThreadNanos, long jvmNanos, long machineBusyTicks, long machineTicks) {
    /** Linux's USER_HZ: /proc/stat counts in 1/100 s. */
    private static final double TICKS_PER_SECOND = 100.0;

    static CpuUse now() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long stream = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("-StreamThread-")) {
                stream += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        long[] machine = procStatTicks();
        return new CpuUse(stream, jvm, machine[0], machine[1]);
    }

    CpuUse since(CpuUse start) {
        return new CpuUse(streamThreadNanos - start.streamThreadNanos, jvmNanos - start.jvmNanos,
                machineBusyTicks - start.machineBusyTicks, machineTicks - start.machineTicks);
    }

    /** e.g. "stream thread 0.41 s, JVM 1.52 s, machine 1.80 of 1.90 core-s busy" for a difference. */
    String describe() {
        return String.format("CPU: stream thread %.2f s, JVM %.2f s, machine %.2f of %.2f core-s busy",
                streamThreadNanos / 1e9, jvmNanos / 1e9, machineBusyTicks / TICKS_PER_SECOND, machineTicks / TICKS_PER_SECOND);
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
