package org.ssal.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What Linux says about this process and the machine, for the lines a benchmark prints. */
final class ProcStatus {
    private ProcStatus() {
    }

    /** The three load averages of /proc/loadavg, or "unknown" off Linux. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Peak resident set size of this process so far (VmHWM), in MiB; -1 when unknown. */
    static long peakRssMiB() {
        return statusKiB("VmHWM:") / 1024;
    }

    /** Current resident set size (VmRSS), in MiB; -1 when unknown. */
    static long rssMiB() {
        return statusKiB("VmRSS:") / 1024;
    }

    private static long statusKiB(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).replace("kB", "").strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: the caller prints -1
        }
        return -1024;
    }
}
