package org.ssal.service;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * ssal's version and the git commit it was built from, as the build wrote them into
 * {@code ssal-version.properties} (services/common: the Maven project version, and the commit from
 * buildnumber-maven-plugin). Either is {@code unknown} when the resource is missing (a class path
 * without the built jar) or the build ran outside a git checkout.
 */
public final class SsalVersion {
    public static final String UNKNOWN = "unknown";
    private static final Properties PROPERTIES = load();

    private SsalVersion() {
    }

    /** The Maven project version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String get() {
        return value("version");
    }

    /** The full sha-1 of the commit the build came from; uncommitted changes are not visible in it. */
    public static String commit() {
        return value("commit");
    }

    private static String value(String key) {
        String value = PROPERTIES.getProperty(key, UNKNOWN);
        // an unfiltered copy (an IDE that skipped Maven's resource filtering) still holds ${...}
        return value.isBlank() || value.startsWith("${") ? UNKNOWN : value;
    }

    private static Properties load() {
        Properties props = new Properties();
        try (InputStream in = SsalVersion.class.getResourceAsStream("/ssal-version.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            // an unreadable resource inside our own jar: say "unknown" rather than fail every caller
        }
        return props;
    }
}
