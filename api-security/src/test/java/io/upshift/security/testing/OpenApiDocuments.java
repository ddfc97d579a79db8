package io.upshift.security.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A service's OpenAPI document is committed under {@code docs/openapi/} and must be what the running
 * service serves at {@code /v3/api-docs}: each service's drift test hands the served text to
 * {@link #check}, which fails on any difference (naming the first differing line) or, with
 * {@code -Dupshift.openapi.write=true}, writes the served document over the committed one.
 */
public final class OpenApiDocuments {

    /** The system property that regenerates the committed documents instead of comparing them. */
    public static final String WRITE = "upshift.openapi.write";

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private OpenApiDocuments() {
    }

    /**
     * @param committed the committed document, e.g. {@code ../docs/openapi/notifier.json} from the module
     * @param served what {@code /v3/api-docs} answered
     * @param module the service's Maven module, for the command in the failure message
     * @param test the drift test's class name, for the command in the failure message
     */
    public static void check(Path committed, String served, String module, String test) throws IOException {
        String generated = canonical(served);
        if (Boolean.getBoolean(WRITE)) {
            Files.createDirectories(committed.toAbsolutePath().getParent());
            Files.writeString(committed, generated, StandardCharsets.UTF_8);
            return;
        }
        String regenerate = "./mvnw -pl " + module + " -am verify -Dtest=None -Dit.test=" + test + " -D" + WRITE
                + "=true -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false";
        String name = committed.normalize().toString();
        if (!Files.exists(committed)) {
            throw new AssertionError(name + " is missing: generate it with -D" + WRITE + "=true (" + regenerate + ") and commit it");
        }
        String text = Files.readString(committed, StandardCharsets.UTF_8);
        if (!text.equals(generated)) {
            throw new AssertionError(name + " differs from the served /v3/api-docs (" + firstDifference(text, generated)
                    + "). If the API change is intended, regenerate the file with -D" + WRITE + "=true (" + regenerate
                    + ") and commit it");
        }
    }

    /**
     * Keys sorted and pretty-printed, without {@code servers} (it names the test's random port): the
     * same API always gives the same text.
     */
    public static String canonical(String document) {
        JsonNode tree = JSON.readTree(document);
        ((ObjectNode) tree).remove("servers");
        Object plain = JSON.treeToValue(tree, Object.class);
        return JSON.writeValueAsString(plain) + "\n";
    }

    /** The first line (1-based) on which the two texts differ, ignoring indentation. */
    public static String firstDifference(String committed, String generated) {
        List<String> a = committed.lines().toList();
        List<String> b = generated.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String left = i < a.size() ? a.get(i).strip() : "(end of file)";
            String right = i < b.size() ? b.get(i).strip() : "(end of file)";
            if (!left.equals(right)) {
                return "first at line " + (i + 1) + ": committed «" + left + "», served «" + right + "»";
            }
        }
        return "whitespace only";
    }
}
