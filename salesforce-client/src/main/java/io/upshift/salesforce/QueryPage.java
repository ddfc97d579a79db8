package io.upshift.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One page of a SOQL result.
 *
 * @param totalSize the number of records the whole query matches
 * @param done whether this is the last page
 * @param nextRecordsUrl where the next page is ({@code /services/data/v62.0/query/01g…-2000}), or null when done
 * @param records this page's records, each with Salesforce's {@code attributes}
 */
public record QueryPage(long totalSize, boolean done, String nextRecordsUrl, List<JsonNode> records) {

    public QueryPage {
        records = List.copyOf(records);
        if (!done && (nextRecordsUrl == null || nextRecordsUrl.isBlank())) {
            throw new IllegalArgumentException("A page that is not the last one must name nextRecordsUrl");
        }
    }
}
