package org.ssal.standalone;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ssal.service.SsalHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ssal serve}: the campaign API, budget tracker, trainer, scorer, oracle and labeling gateway
 * (REST {@code /labeling}, page {@code /label/}) in one process, until stopped.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "run the campaign API, budget tracker, trainer, scorer, oracle and labeling gateway in one process")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "use this broker instead of the in-JVM one")
    String kafka;

    @Option(names = "--port", paramLabel = "N", description = "HTTP port of the campaign API (default: quarkus.http.port, 8080)")
    Integer port;

    @Option(names = "--data", paramLabel = "DIR", description = "folder of the datasets (ssal.data.dir)")
    Path dataDir;

    @Option(names = "--home", paramLabel = "DIR", description = "ssal's home (default: $SSAL_HOME, else ~/.ssal)")
    Path home;

    @Option(names = "--no-auth", description = "check no tokens (local experiments only: anyone on the port is admin)")
    boolean noAuth;

    @Override
    public Integer call() {
        if (port != null) {
            System.setProperty("quarkus.http.port", port.toString());
        }
        if (dataDir != null) {
            System.setProperty("ssal.data.dir", dataDir.toString());
        }
        FirstStartToken.prepare(SsalHome.resolve(home, System.getenv()).tokens(), noAuth,
                port != null ? port : Integer.getInteger("quarkus.http.port", 8080), System.out);
        InJvmServices.serve(kafka);
        return 0;
    }
}
