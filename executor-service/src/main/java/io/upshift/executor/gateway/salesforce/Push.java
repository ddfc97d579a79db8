package io.upshift.executor.gateway.salesforce;

import io.upshift.executor.execution.domain.UpgradeRequest;
import io.upshift.executor.execution.domain.UpgradeResult;
import java.util.concurrent.CompletableFuture;

/**
 * One org's push, from the command until its job finishes. Its mutable fields are touched only on
 * the gateway's loop thread.
 */
final class Push {

    /** An org and the version it is pushed to: the gateway pushes each pair at most once at a time. */
    record OrgVersion(String orgId, String packageVersionId) {
    }

    final UpgradeRequest request;
    final String orgId;
    final CompletableFuture<UpgradeResult> result = new CompletableFuture<>();
    String jobId;
    String requestId;
    /** Handed to adoption and a request (no longer forming). */
    boolean sent;
    /** Its campaign halted or was canceled while the push was held here. */
    boolean campaignStopped;

    Push(UpgradeRequest request) {
        this.request = request;
        this.orgId = SalesforceQueries.normalize(request.orgId());
    }

    OrgVersion key() {
        return new OrgVersion(orgId, request.packageVersionId());
    }
}
