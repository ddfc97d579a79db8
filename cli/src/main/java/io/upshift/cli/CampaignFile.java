package io.upshift.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A campaign as code: a YAML (or JSON) file that holds exactly the body of {@code POST /api/v1/campaigns},
 * plus an optional {@code selection.orgFile}. It is bound strictly (an unknown or misspelt field is an
 * error, not ignored) and checked by {@link CampaignRules} with the rules the planner applies, each
 * problem naming its field ({@code strategy.canary.percent: must be above 0 and at most 100}); the
 * published schema is {@code campaign-file.schema.json}.
 *
 * @param orgFile the org file named by {@code selection.orgFile}, resolved against the campaign file's folder
 */
record CampaignFile(Path path, CampaignDefinition definition, Path orgFile) {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Reads stored definitions: the planner adds fields of its own (createdBy). */
    static final JsonMapper LENIENT = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** Reads, binds and validates the file, or throws a {@link CliException} (exit 2) naming each bad field. */
    static CampaignFile load(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCode.USAGE, path + ": no such file");
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "cannot read " + path + ": " + e.getMessage());
        }
        CampaignDefinition definition = parse(path.toString(), text);
        List<String> problems = CampaignRules.problems(definition);
        Path orgFile = null;
        if (definition.selection() != null && definition.selection().orgFile() != null) {
            Path dir = path.toAbsolutePath().getParent();
            orgFile = dir.resolve(definition.selection().orgFile()).normalize();
            if (!Files.isRegularFile(orgFile)) {
                problems = new java.util.ArrayList<>(problems);
                problems.add("selection.orgFile: " + orgFile + " is not a file");
            }
        }
        if (!problems.isEmpty()) {
            throw invalid(path.toString(), problems);
        }
        return new CampaignFile(path, definition, orgFile);
    }

    static CampaignDefinition parse(String name, String text) {
        JsonNode tree;
        try {
            tree = YAML.readTree(text);
        } catch (JacksonException e) {
            throw new CliException(ExitCode.USAGE, name + ": not YAML: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new CliException(ExitCode.USAGE, name + ": a campaign file is a YAML mapping (name:, packageId:, targetVersion:, …)");
        }
        try {
            return YAML.treeToValue(tree, CampaignDefinition.class);
        } catch (JacksonException e) {
            throw invalid(name, List.of(bindingProblem(e)));
        }
    }

    /** The ids the org file names, by key: what the draft's selection.orgIds will hold once it is uploaded. */
    List<String> orgFileIds() {
        try {
            return SalesforceIds.orgIdsIn(Files.readString(orgFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "cannot read " + orgFile + ": " + e.getMessage());
        }
    }

    /** "field.path: what is wrong", from a binding failure: an unknown field, a wrong type, a bad value. */
    static String bindingProblem(JacksonException e) {
        String path = path(e);
        if (e instanceof UnrecognizedPropertyException unknown) {
            return (path.isEmpty() ? "" : path + ": ") + "unknown field (known here: "
                    + String.join(", ", unknown.getKnownPropertyIds().stream().map(Object::toString).sorted().toList()) + ")";
        }
        if (e instanceof InvalidFormatException format) {
            Class<?> type = format.getTargetType();
            return path + ": '" + format.getValue() + "' is not " + describe(type);
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return path + ": must be " + describe(mismatched.getTargetType());
        }
        return (path.isEmpty() ? "" : path + ": ") + e.getOriginalMessage();
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + String.join(", ", java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString).toList());
        }
        return switch (type.getSimpleName()) {
            case "Duration" -> "an ISO-8601 duration (PT5S, PT4H, P3D)";
            case "Instant" -> "an instant with a zone (2026-12-07T02:00:00Z)";
            case "LocalTime" -> "a local time (02:00 or 02:00:30)";
            case "BigDecimal", "Double" -> "a number";
            case "Integer", "Long", "int" -> "a whole number";
            case "Boolean", "boolean" -> "true or false";
            case "Set", "List" -> "a list";
            case "String" -> "text";
            default -> "a " + type.getSimpleName();
        };
    }

    static CliException invalid(String name, List<String> problems) {
        return new CliException(ExitCode.USAGE, name + " is not a valid campaign file: " + String.join("; ", problems));
    }
}
