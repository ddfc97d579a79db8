package io.upshift.executor.execution.domain;

/**
 * The run was given up without an outcome: its command was handed to another executor (the
 * partition was revoked) or this executor is stopping. The command will be delivered again,
 * and the gateway's adoption keeps the org from being pushed twice.
 */
public class RunAbandonedException extends RuntimeException {

    public RunAbandonedException(String message) {
        super(message, null, false, false);
    }
}
