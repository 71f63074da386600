package org.ssal.standalone.export;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** ssal's version, as the build wrote it into {@code ssal-version.properties} (the Maven project version). */
public final class SsalVersion {
    private SsalVersion() {
    }

    /** The version, or {@code unknown} when the resource is missing (a class path without the built jar). */
    public static String get() {
        try (InputStream in = SsalVersion.class.getResourceAsStream("/ssal-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties props = new Properties();
            props.load(in);
            return props.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
