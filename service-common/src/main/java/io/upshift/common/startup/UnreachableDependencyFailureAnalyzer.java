package io.upshift.common.startup;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Turns "cannot reach Kafka / PostgreSQL / the schema registry" into three lines that name the
 * dependency, the address and the setting to fix, instead of a wall of stack trace.
 */
public class UnreachableDependencyFailureAnalyzer implements FailureAnalyzer {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        DependencyUnreachableException unreachable = Causes.find(failure, DependencyUnreachableException.class);
        if (unreachable != null) {
            return new FailureAnalysis(unreachable.getMessage(),
                    "Start " + unreachable.dependency() + " or point '" + unreachable.setting()
                            + "' at a reachable one (now: " + unreachable.address() + ").",
                    unreachable);
        }
        SQLException sql = Causes.find(failure, SQLException.class);
        if (sql != null && isConnectionFailure(sql)) {
            return new FailureAnalysis("PostgreSQL is unreachable: " + DependencyUnreachableException.describe(sql),
                    "Start PostgreSQL or point 'spring.datasource.url' at a reachable server.", sql);
        }
        return null;
    }

    private static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        return (state != null && state.startsWith("08"))
                || Causes.find(e, ConnectException.class) != null
                || Causes.find(e, UnknownHostException.class) != null;
    }
}
