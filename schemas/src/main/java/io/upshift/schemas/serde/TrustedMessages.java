package io.upshift.schemas.serde;

import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Avro 1.12 refuses to instantiate classes it was not told to trust when it resolves a schema
 * to a Java class. Our generated messages live in one package; trusting exactly that package
 * (on top of whatever the JVM already trusts) keeps the guard for everything else.
 */
final class TrustedMessages {

    static final String MESSAGES_PACKAGE = "io.upshift.messages";

    private static boolean trusted;

    private TrustedMessages() {
    }

    static synchronized void ensureTrusted() {
        if (trusted) {
            return;
        }
        ClassSecurityPredicate before = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(before,
                type -> MESSAGES_PACKAGE.equals(type.getPackageName())));
        trusted = true;
    }
}
