package io.upshift.salesforce;

import java.util.Collection;
import java.util.stream.Collectors;

/** Builds SOQL literals safely: values are quoted and escaped, never concatenated raw. */
public final class Soql {

    private Soql() {
    }

    /** A quoted string literal: {@code 'O\'Brien'}. */
    public static String quote(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('\'');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\'' -> sb.append("\\'");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                default -> sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }

    /** A parenthesised list of quoted literals for {@code IN}: {@code ('a','b')}. */
    public static String inList(Collection<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("An IN list needs at least one value");
        }
        return values.stream().map(Soql::quote).collect(Collectors.joining(",", "(", ")"));
    }
}
