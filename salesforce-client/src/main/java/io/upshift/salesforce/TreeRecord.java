package io.upshift.salesforce;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * One record for the composite tree endpoint.
 *
 * @param referenceId how the response refers to this record: unique in the request, starts with a
 *        letter or digit and holds only letters, digits and underscores (an 18-character org id fits)
 * @param fields the record's field values
 */
public record TreeRecord(String referenceId, Map<String, ?> fields) {

    private static final Pattern REFERENCE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_]*");

    public TreeRecord {
        if (referenceId == null || !REFERENCE_ID.matcher(referenceId).matches()) {
            throw new IllegalArgumentException("referenceId must be alphanumeric (underscores allowed), was '"
                    + referenceId + "'");
        }
        fields = Map.copyOf(fields);
    }
}
