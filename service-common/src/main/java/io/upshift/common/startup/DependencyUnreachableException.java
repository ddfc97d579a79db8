package io.upshift.common.startup;

/** A service cannot start because something it needs does not answer. */
public class DependencyUnreachableException extends RuntimeException {

    private final String dependency;
    private final String address;
    private final String setting;

    public DependencyUnreachableException(String dependency, String address, String setting, Throwable cause) {
        super(dependency + " at " + address + " is unreachable: " + describe(cause), cause);
        this.dependency = dependency;
        this.address = address;
        this.setting = setting;
    }

    public String dependency() {
        return dependency;
    }

    public String address() {
        return address;
    }

    /** The configuration property that names the address, for the failure message. */
    public String setting() {
        return setting;
    }

    static String describe(Throwable cause) {
        if (cause == null) {
            return "no answer";
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
