package org.ssal.standalone;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ssal serve}: the campaign API, budget tracker, trainer, scorer and oracle in one process, until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "run the campaign API, budget tracker, trainer, scorer and oracle in one process")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "use this broker instead of the in-JVM one")
    String kafka;

    @Option(names = "--port", paramLabel = "N", description = "HTTP port of the campaign API (default: quarkus.http.port, 8080)")
    Integer port;

    @Option(names = "--data", paramLabel = "DIR", description = "folder of the datasets (ssal.data.dir)")
    Path dataDir;

    @Override
    public Integer call() {
        if (port != null) {
            System.setProperty("quarkus.http.port", port.toString());
        }
        if (dataDir != null) {
            System.setProperty("ssal.data.dir", dataDir.toString());
        }
        InJvmServices.serve(kafka);
        return 0;
    }
}
