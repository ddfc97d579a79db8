package io.upshift.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Looks for known secret values in logs and other output: as they are, URL-encoded, JSON-escaped
 * and base64-encoded at any byte alignment (so a password inside an encoded {@code user:password}
 * is found too). Give it the secrets a run was started with, then the text or the files the run
 * wrote; it reports where each one showed up — without repeating the secret.
 *
 * <pre>{@code
 * SecretScanner secrets = SecretScanner.of(Map.of("database password", dbPassword, "API key", key));
 * secrets.assertNoneIn("planner log", capturedOutput);
 * secrets.assertNoneIn(Path.of("target/demo-logs"));
 * }</pre>
 */
public final class SecretScanner {

    /** Shorter values would be found by chance in any log. */
    public static final int MINIMUM_LENGTH = 8;

    private final Map<String, String> secrets;
    private final List<Needle> needles = new ArrayList<>();

    private SecretScanner(Map<String, String> secrets) {
        this.secrets = new LinkedHashMap<>(secrets);
        secrets.forEach((name, value) -> {
            if (value == null || value.length() < MINIMUM_LENGTH) {
                throw new IllegalArgumentException("secret '" + name + "' is shorter than " + MINIMUM_LENGTH
                        + " characters: scanning for it would find it by chance");
            }
            needles.addAll(forms(name, value));
        });
    }

    /**
     * A secret made up for one test run: the prefix says what it stands for, 40 random hex digits
     * make sure that finding it anywhere means it leaked, not that a log happened to contain it.
     */
    public static String madeUp(String prefix) {
        byte[] bytes = new byte[20];
        new SecureRandom().nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    /** A scanner for these secrets, by a name that says what each is. */
    public static SecretScanner of(Map<String, String> secretsByName) {
        return new SecretScanner(secretsByName);
    }

    /** The same scanner, also looking for one more secret. */
    public SecretScanner and(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(secrets);
        more.put(name, value);
        return new SecretScanner(more);
    }

    /** Where the secrets appear in one text ({@code source} names it in the findings). */
    public List<Finding> scan(String source, CharSequence text) {
        List<Finding> findings = new ArrayList<>();
        String[] lines = text.toString().split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            for (Needle needle : needles) {
                int at = lines[i].indexOf(needle.text);
                if (at >= 0) {
                    findings.add(new Finding(needle.secret, needle.form, source, i + 1, excerpt(lines[i], at, needle.text)));
                }
            }
        }
        return findings;
    }

    /** Where the secrets appear in a file, or in every file under a directory. */
    public List<Finding> scan(Path fileOrDirectory) {
        if (Files.isDirectory(fileOrDirectory)) {
            try (Stream<Path> files = Files.walk(fileOrDirectory)) {
                return files.filter(Files::isRegularFile).flatMap(file -> scan(file).stream()).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return scan(fileOrDirectory.toString(), read(fileOrDirectory));
    }

    /** Fails with every finding (each naming the secret, the form, the place) when any secret appears. */
    public void assertNoneIn(String source, CharSequence text) {
        fail(scan(source, text));
    }

    public void assertNoneIn(Path fileOrDirectory) {
        fail(scan(fileOrDirectory));
    }

    private static void fail(List<Finding> findings) {
        if (!findings.isEmpty()) {
            StringBuilder message = new StringBuilder(findings.size() + " secret(s) leaked:");
            findings.forEach(f -> message.append(System.lineSeparator()).append("  ").append(f));
            throw new AssertionError(message.toString());
        }
    }

    private static List<Needle> forms(String name, String value) {
        List<Needle> forms = new ArrayList<>();
        forms.add(new Needle(name, "as is", value));
        add(forms, name, "URL-encoded", URLEncoder.encode(value, StandardCharsets.UTF_8));
        add(forms, name, "JSON-escaped", value.replace("\\", "\\\\").replace("\"", "\\\""));
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (int offset = 0; offset < 3; offset++) {
            add(forms, name, "base64", aligned(Base64.getEncoder(), bytes, offset));
            add(forms, name, "base64url", aligned(Base64.getUrlEncoder(), bytes, offset));
        }
        return forms;
    }

    /**
     * The characters of the base64 encoding of {@code bytes} preceded by {@code offset} other
     * bytes that depend on {@code bytes} alone: the same wherever the secret sits in a longer value.
     */
    private static String aligned(Base64.Encoder encoder, byte[] bytes, int offset) {
        byte[] padded = new byte[offset + bytes.length];
        System.arraycopy(bytes, 0, padded, offset, bytes.length);
        String encoded = encoder.withoutPadding().encodeToString(padded);
        int start = (offset * 8 + 5) / 6;
        int end = (padded.length * 8) / 6;
        return end - start >= MINIMUM_LENGTH ? encoded.substring(start, end) : null;
    }

    private static void add(List<Needle> forms, String name, String form, String text) {
        if (text != null && forms.stream().noneMatch(n -> n.text.equals(text))) {
            forms.add(new Needle(name, form, text));
        }
    }

    private static String excerpt(String line, int at, String found) {
        String before = line.substring(Math.max(0, at - 40), at);
        String after = line.substring(Math.min(line.length(), at + found.length()),
                Math.min(line.length(), at + found.length() + 40));
        return before + "*****" + after;
    }

    private static String read(Path file) {
        try {
            CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            return utf8.decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A secret found: which one (by its name), in which form, where — with the secret itself
     * replaced by asterisks in the excerpt.
     */
    public record Finding(String secret, String form, String source, int line, String excerpt) {

        @Override
        public String toString() {
            return secret + " (" + form + ") in " + source + ", line " + line + ": …" + excerpt + "…";
        }
    }

    private record Needle(String secret, String form, String text) {
    }
}
