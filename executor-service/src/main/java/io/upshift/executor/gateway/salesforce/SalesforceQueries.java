package io.upshift.executor.gateway.salesforce;

import io.upshift.schemas.OrgIds;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** How the gateway's queries are cut into IN lists of ids, and their pages joined again. */
final class SalesforceQueries {

    /** Ids per IN list: 200 18-character ids keep a query URL far below Salesforce's 16,384 characters. */
    static final int IDS_PER_QUERY = 200;
    /** Job statuses after which a job never changes again. */
    static final String FINAL_STATUSES = "('Succeeded','Failed','Canceled','Cancelled')";

    private SalesforceQueries() {
    }

    /** The 18-character form of an org id, or the id as given when it is not one. */
    static String normalize(String orgId) {
        return OrgIds.normalize(orgId).orElse(orgId);
    }

    static <T> List<List<T>> chunks(Collection<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>();
        List<T> current = new ArrayList<>();
        for (T item : items) {
            current.add(item);
            if (current.size() == size) {
                chunks.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    static <T> CompletableFuture<List<T>> allOf(List<CompletableFuture<T>> futures) {
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> futures.stream().map(CompletableFuture::join).toList());
    }
}
