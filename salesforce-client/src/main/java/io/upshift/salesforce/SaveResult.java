package io.upshift.salesforce;

import java.util.List;

/**
 * The result of saving one record through sObject collections: its id when it succeeded, its
 * errors when it did not.
 */
public record SaveResult(String id, boolean success, List<ApiError> errors) {

    public SaveResult {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
