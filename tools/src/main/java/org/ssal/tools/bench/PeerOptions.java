package org.ssal.tools.bench;

import picocli.CommandLine.Option;

/** The options of the PyTorch peer, shared by {@code bench simsiam} and {@code bench embed}. */
final class PeerOptions {
    @Option(names = "--python", description = "interpreter that has torch")
    String python = PyTorchPeer.DEFAULT_PYTHON;

    @Option(names = "--peer", paramLabel = "SCRIPT", description = "the PyTorch peer script")
    String script = PyTorchPeer.DEFAULT_SCRIPT;

    @Option(names = "--no-peer", description = "time ours only")
    boolean noPeer;

    /** The peer to time against, or null (with the reason printed) when there is none. */
    PyTorchPeer peer() {
        if (noPeer) {
            return null;
        }
        PyTorchPeer pytorch = new PyTorchPeer(python, script);
        if (!pytorch.available()) {
            System.out.println("pytorch peer unavailable (" + python + " " + script + "): ours only");
            return null;
        }
        return pytorch;
    }
}
