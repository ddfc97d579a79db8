package io.upshift.salesforce;

import java.util.List;
import java.util.Map;

/**
 * What a composite tree insert did.
 *
 * @param insertedIds the new record id per referenceId
 * @param rejected the errors per referenceId that Salesforce refused; when the endpoint rejected a
 *        batch, none of it was inserted, so a single-attempt result has either ids or rejections
 */
public record TreeInsertResult(Map<String, String> insertedIds, Map<String, List<ApiError>> rejected) {

    public TreeInsertResult {
        insertedIds = Map.copyOf(insertedIds);
        rejected = Map.copyOf(rejected);
    }

    public boolean hasRejections() {
        return !rejected.isEmpty();
    }
}
