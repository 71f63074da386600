package org.ssal.service.provenance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** The machine and JVM a record was made on: Java, OS, processors, CPU model (Linux). */
public final class Platform {
    private static final Path CPUINFO = Path.of("/proc/cpuinfo");
    private static final String CPU_MODEL = cpuModel(CPUINFO);

    private Platform() {
    }

    public static Map<String, String> describe() {
        Map<String, String> out = new TreeMap<>();
        for (String key : new String[] {"java.version", "java.vendor", "java.vm.name", "java.vm.version",
                "os.name", "os.arch", "os.version"}) {
            out.put(key, System.getProperty(key, "unknown"));
        }
        out.put("cpu.available", Integer.toString(Runtime.getRuntime().availableProcessors()));
        out.put("cpu.model", CPU_MODEL);
        return out;
    }

    /** The first {@code model name} in a cpuinfo file, or {@code unknown} (not Linux, or an ARM kernel without it). */
    static String cpuModel(Path cpuinfo) {
        try {
            for (String line : Files.readAllLines(cpuinfo, StandardCharsets.UTF_8)) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals("model name")) {
                    return line.substring(colon + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc on this OS: the record says unknown
        }
        return "unknown";
    }
}
