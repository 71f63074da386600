package org.ssal.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code bench/simsiam_peer.py} (the same network in PyTorch) as a subprocess and reads the
 * images/s it prints. Debian's {@code /usr/bin/python3} is the interpreter that has torch on our
 * machines (a pyenv {@code python3} earlier on the PATH does not), hence the explicit default.
 */
final class PyTorchPeer {
    static final String DEFAULT_PYTHON = "/usr/bin/python3";
    static final String DEFAULT_SCRIPT = "bench/simsiam_peer.py";
    private static final Pattern RATE = Pattern.compile("\"images_per_s\":\\s*([0-9.eE+-]+)");

    private final String python;
    private final String script;

    PyTorchPeer(String python, String script) {
        this.python = python;
        this.script = PeerScripts.resolve(script).toString();
    }

    boolean available() {
        return Files.isRegularFile(Path.of(script)) && Files.isExecutable(Path.of(python));
    }

    /** Images/s reported by the peer, or NaN (with the reason printed) when it failed. */
    double imagesPerSecond(String mode, int batch, int c, int h, int w, int steps, int warmup, int threads)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python, script, "--mode", mode, "--batch", "" + batch,
                "--shape", c + "x" + h + "x" + w, "--steps", "" + steps, "--warmup", "" + warmup,
                "--threads", "" + threads));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        int rc = process.waitFor();
        Matcher m = RATE.matcher(output);
        if (rc != 0 || !m.find()) {
            System.out.printf(Locale.ROOT, "pytorch peer failed (rc %d): %s%n", rc, output.strip());
            return Double.NaN;
        }
        return Double.parseDouble(m.group(1));
    }

    /** The 1-, 5- and 15-minute load averages, for the record next to each timing. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
