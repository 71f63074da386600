package org.ssal.tools.report;

/** Dataset names become file names: anything but letters, digits, '.', '-' and '_' turns into '_'. */
final class FileNames {
    private FileNames() {
    }

    static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
