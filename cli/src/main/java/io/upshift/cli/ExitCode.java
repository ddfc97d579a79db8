package io.upshift.cli;

/** The exit codes a script can rely on; the same table is in {@code --help} and the README. */
public final class ExitCode {

    public static final int OK = 0;
    /** The API refused the request or failed (4xx other than 401/403, 5xx), or the command found a problem. */
    public static final int API_FAILED = 1;
    /** Bad usage: unknown option, missing argument, a campaign file that does not validate, no profile. */
    public static final int USAGE = 2;
    /** The API cannot be reached (connection refused, unknown host, timeout). */
    public static final int CANNOT_CONNECT = 3;
    /** The API key is wrong (401) or its roles do not allow the call (403). */
    public static final int UNAUTHORIZED = 4;
    /** {@code campaign watch}: the campaign halted. */
    public static final int HALTED = 10;
    /** {@code campaign watch}: the campaign was canceled. */
    public static final int CANCELED = 11;

    static final String HELP = """
            Exit codes:
              0   ok (watch: the campaign COMPLETED)
              1   the API refused the request or failed
              2   usage: bad option, bad campaign file, no profile
              3   cannot connect to the API
              4   unauthorized or forbidden (API key or role)
              10  watch: the campaign HALTED
              11  watch: the campaign was CANCELED""";

    private ExitCode() {
    }
}
