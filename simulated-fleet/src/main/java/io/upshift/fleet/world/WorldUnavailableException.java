package io.upshift.fleet.world;

/**
 * The world could not take or answer a call: a simulated "503 Service Unavailable", or its
 * database failing. Always transient: the same call may succeed later.
 */
public class WorldUnavailableException extends RuntimeException {

    /** The code a gateway reports for a refused call. */
    public static final String SERVICE_UNAVAILABLE = "ServiceUnavailable";

    private final String code;

    public WorldUnavailableException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
