package io.upshift.planner.inventory.web;

import io.upshift.planner.shared.domain.SalesforceIds;
import java.util.function.Function;

/** Reads ids and values from paths and query strings, or says (HTTP 400) why they are not usable. */
final class Params {

    private Params() {
    }

    static String packageId(String text) {
        try {
            return SalesforceIds.normalize(text, SalesforceIds.PACKAGE_PREFIX, "package id");
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("packageId", text, e.getMessage());
        }
    }

    static String versionId(String text) {
        try {
            return SalesforceIds.normalize(text, SalesforceIds.VERSION_PREFIX, "version id");
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("versionId", text, e.getMessage());
        }
    }

    static String orgId(String field, String text) {
        try {
            return SalesforceIds.orgId(text);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(field, text, SalesforceIds.problem(text, SalesforceIds.ORG_PREFIX, "org id")
                    .orElse(e.getMessage()));
        }
    }

    /** Null for null; otherwise the parsed value, or a 400 naming the parameter. */
    static <T> T optional(String field, String text, Function<String, T> parser) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(field, text, e.getMessage());
        }
    }
}
