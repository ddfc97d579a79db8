package io.upshift.notifier.email.mail;

import jakarta.mail.util.StreamProvider;

/**
 * Spares every message Jakarta Mail 2.1's class-path scan for its {@link StreamProvider}.
 * <p>
 * {@code StreamProvider.provider()} runs a {@link java.util.ServiceLoader} over the whole class
 * path on every call — and Jakarta Mail calls it for each body part and multipart built, each part
 * written and each header block read, about ten times per message. In the notifier benchmark 43 %
 * of the sender thread's samples were those jar lookups ({@code ZipFile.getEntry},
 * {@code JarFile.match}); upstream: jakartaee/mail-api#699 and #861, gone with the
 * session-based provider of Mail 2.2. Before it scans, the API reads the system property named
 * after the interface; this sets it to the class the scan finds, unless someone set it already:
 * the same provider, found by its name instead (a {@code Class.forName} of a loaded class).
 * <p>
 * A JVM-wide setting, deliberately: it names the provider the class path already holds, so it
 * changes what every user of Jakarta Mail in the JVM finds in no way, only how fast. Remove with
 * Jakarta Mail 2.2.
 */
final class StreamProviderByName {

    static final String PROPERTY = StreamProvider.class.getName();

    private StreamProviderByName() {
    }

    /** Sets the property (once, if unset) to the provider the class path holds; returns its class name. */
    static String pin() {
        String named = System.getProperty(PROPERTY);
        if (named != null) {
            return named;
        }
        String found = StreamProvider.provider().getClass().getName();
        System.setProperty(PROPERTY, found);
        return found;
    }
}
