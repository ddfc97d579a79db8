package io.upshift.common.startup;

/** The start-up failure analyzers' one walk down an exception's causes. */
final class Causes {

    private Causes() {
    }

    /** The first exception of this type in the chain from {@code failure} down its causes, or null. */
    static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        Throwable current = failure;
        while (current != null) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return null;
    }
}
