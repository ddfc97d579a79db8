package io.upshift.executor.execution.domain;

/** What a metrics adapter wants to hear about a run; every method is called on the run's own thread. */
public interface RunObserver {

    /** The gateway answered a call. {@code operation}: installed_version, earlier_push or upgrade. */
    void gatewayCall(String operation, String result);

    /** A transient failure is tried again. */
    void retryScheduled(String errorCode);

    RunObserver NONE = new RunObserver() {
        @Override
        public void gatewayCall(String operation, String result) {
        }

        @Override
        public void retryScheduled(String errorCode) {
        }
    };
}
