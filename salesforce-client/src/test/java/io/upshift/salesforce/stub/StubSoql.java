package io.upshift.salesforce.stub;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The part of SOQL the stub understands: {@code SELECT fields | COUNT() FROM type [WHERE …]
 * [ORDER BY …] [LIMIT n] [OFFSET n]}, with {@code AND}, {@code OR}, {@code NOT}, parentheses,
 * {@code = != <> < <= > >= IN NOT IN LIKE}, string, number, boolean, null and datetime literals,
 * and one level of lookup ({@code PackagePushRequest.Status}). Anything else is answered with
 * {@code MALFORMED_QUERY}, an unknown field with {@code INVALID_FIELD} and an unknown object with
 * {@code INVALID_TYPE}, as Salesforce does, so a client bug shows in tests.
 */
final class StubSoql {

    /** Gives the evaluator access to the stored records. */
    interface Records {
        Map<String, Object> byId(String id);

        List<Map<String, Object>> all(String type);
    }

    /** A selected or filtered field, possibly through one lookup. */
    record FieldPath(StubSchema.Relationship relationship, String field) {

        Object valueOf(Map<String, Object> record, Records records) {
            if (relationship == null) {
                return record.get(field);
            }
            Object parentId = record.get(relationship.field());
            Map<String, Object> parent = parentId == null ? null : records.byId(parentId.toString());
            return parent == null ? null : parent.get(field);
        }
    }

    record Order(FieldPath field, boolean descending, boolean nullsLast) {
    }

    record Query(StubSchema.SObjectType type, boolean count, List<FieldPath> select, Condition where,
                 List<Order> orderBy, Integer limit, Integer offset) {

        List<Map<String, Object>> run(Records records) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Map<String, Object> record : records.all(type.name())) {
                if (where == null || where.test(record, records)) {
                    rows.add(record);
                }
            }
            if (!orderBy.isEmpty()) {
                Comparator<Map<String, Object>> comparator = null;
                for (Order order : orderBy) {
                    Comparator<Map<String, Object>> next = (a, b) -> {
                        Object x = order.field().valueOf(a, records);
                        Object y = order.field().valueOf(b, records);
                        if (x == null || y == null) {
                            int nulls = x == null && y == null ? 0 : x == null ? -1 : 1;
                            return order.nullsLast() ? -nulls : nulls;
                        }
                        int c = compare(x, y);
                        return order.descending() ? -c : c;
                    };
                    comparator = comparator == null ? next : comparator.thenComparing(next);
                }
                rows.sort(comparator);
            }
            int from = offset == null ? 0 : Math.min(offset, rows.size());
            int to = limit == null ? rows.size() : Math.min(rows.size(), from + limit);
            return new ArrayList<>(rows.subList(from, to));
        }
    }

    interface Condition {
        boolean test(Map<String, Object> record, Records records);
    }

    private static final Pattern DATETIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:?\\d{2})");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Set<String> KEYWORDS = Set.of("SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "LIKE",
            "ORDER", "BY", "ASC", "DESC", "NULLS", "FIRST", "LAST", "LIMIT", "OFFSET", "NULL", "TRUE", "FALSE");
    static final DateTimeFormatter SALESFORCE_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private final List<String> tokens;
    private int position;

    private StubSoql(List<String> tokens) {
        this.tokens = tokens;
    }

    static Query parse(String soql) {
        if (soql == null || soql.isBlank()) {
            throw StubApiException.malformedQuery("The query is empty");
        }
        StubSoql parser = new StubSoql(tokenize(soql));
        return parser.query();
    }

    // ---------------------------------------------------------------------------------------- parse

    private Query query() {
        expectKeyword("SELECT");
        List<String> selected = new ArrayList<>();
        boolean count = false;
        if (peekIs("COUNT") && "(".equals(peek(1)) && ")".equals(peek(2))) {
            position += 3;
            count = true;
        } else {
            selected.add(identifier());
            while (peekIs(",")) {
                position++;
                selected.add(identifier());
            }
        }
        expectKeyword("FROM");
        String typeName = identifier();
        StubSchema.SObjectType type = StubSchema.type(typeName).orElseThrow(() -> new StubApiException(400,
                "INVALID_TYPE", "sObject type '" + typeName + "' is not supported."));
        List<FieldPath> select = new ArrayList<>();
        for (String s : selected) {
            select.add(path(type, s));
        }
        Condition where = null;
        if (peekIs("WHERE")) {
            position++;
            where = or(type);
        }
        List<Order> orderBy = new ArrayList<>();
        if (peekIs("ORDER")) {
            position++;
            expectKeyword("BY");
            do {
                if (peekIs(",")) {
                    position++;
                }
                FieldPath field = path(type, identifier());
                boolean descending = false;
                if (peekIs("ASC")) {
                    position++;
                } else if (peekIs("DESC")) {
                    position++;
                    descending = true;
                }
                boolean nullsLast = descending;
                if (peekIs("NULLS")) {
                    position++;
                    nullsLast = peekIs("LAST");
                    if (!peekIs("LAST") && !peekIs("FIRST")) {
                        throw unexpected();
                    }
                    position++;
                }
                orderBy.add(new Order(field, descending, nullsLast));
            } while (peekIs(","));
        }
        Integer limit = null;
        Integer offset = null;
        if (peekIs("LIMIT")) {
            position++;
            limit = integer();
        }
        if (peekIs("OFFSET")) {
            position++;
            offset = integer();
        }
        if (position < tokens.size()) {
            throw unexpected();
        }
        return new Query(type, count, select, where, orderBy, limit, offset);
    }

    private Condition or(StubSchema.SObjectType type) {
        Condition left = and(type);
        while (peekIs("OR")) {
            position++;
            Condition l = left;
            Condition r = and(type);
            left = (record, records) -> l.test(record, records) || r.test(record, records);
        }
        return left;
    }

    private Condition and(StubSchema.SObjectType type) {
        Condition left = unary(type);
        while (peekIs("AND")) {
            position++;
            Condition l = left;
            Condition r = unary(type);
            left = (record, records) -> l.test(record, records) && r.test(record, records);
        }
        return left;
    }

    private Condition unary(StubSchema.SObjectType type) {
        if (peekIs("NOT")) {
            position++;
            Condition inner = unary(type);
            return (record, records) -> !inner.test(record, records);
        }
        if (peekIs("(")) {
            position++;
            Condition inner = or(type);
            expect(")");
            return inner;
        }
        return comparison(type);
    }

    private Condition comparison(StubSchema.SObjectType type) {
        FieldPath field = path(type, identifier());
        String operator = next();
        String upper = operator.toUpperCase(Locale.ROOT);
        if ("NOT".equals(upper)) {
            expectKeyword("IN");
            List<Object> values = list();
            return (record, records) -> {
                Object value = field.valueOf(record, records);
                return values.stream().noneMatch(v -> equal(value, v));
            };
        }
        if ("IN".equals(upper)) {
            List<Object> values = list();
            return (record, records) -> {
                Object value = field.valueOf(record, records);
                return values.stream().anyMatch(v -> equal(value, v));
            };
        }
        Object literal = literal();
        return switch (upper) {
            case "=" -> (record, records) -> equal(field.valueOf(record, records), literal);
            case "!=", "<>" -> (record, records) -> !equal(field.valueOf(record, records), literal);
            case "<" -> (record, records) -> ordered(field.valueOf(record, records), literal, c -> c < 0);
            case "<=" -> (record, records) -> ordered(field.valueOf(record, records), literal, c -> c <= 0);
            case ">" -> (record, records) -> ordered(field.valueOf(record, records), literal, c -> c > 0);
            case ">=" -> (record, records) -> ordered(field.valueOf(record, records), literal, c -> c >= 0);
            case "LIKE" -> {
                if (!(literal instanceof String pattern)) {
                    throw StubApiException.malformedQuery("LIKE needs a string literal");
                }
                Pattern regex = likePattern(pattern);
                yield (record, records) -> {
                    Object value = field.valueOf(record, records);
                    return value != null && regex.matcher(value.toString()).matches();
                };
            }
            default -> throw StubApiException.malformedQuery("unexpected token: '" + operator + "'");
        };
    }

    private List<Object> list() {
        expect("(");
        List<Object> values = new ArrayList<>();
        values.add(literal());
        while (peekIs(",")) {
            position++;
            values.add(literal());
        }
        expect(")");
        return values;
    }

    private Object literal() {
        String token = next();
        if (token.startsWith("'")) {
            return token.substring(1);
        }
        String upper = token.toUpperCase(Locale.ROOT);
        if ("NULL".equals(upper)) {
            return null;
        }
        if ("TRUE".equals(upper) || "FALSE".equals(upper)) {
            return Boolean.parseBoolean(token);
        }
        if (NUMBER.matcher(token).matches()) {
            return new BigDecimal(token);
        }
        if (DATETIME.matcher(token).matches()) {
            return parseInstant(token).orElseThrow(() -> StubApiException.malformedQuery("invalid datetime " + token));
        }
        throw StubApiException.malformedQuery("unexpected token: '" + token + "'");
    }

    private FieldPath path(StubSchema.SObjectType type, String name) {
        int dot = name.indexOf('.');
        if (dot < 0) {
            String field = type.field(name).orElseThrow(() -> StubApiException.invalidField(name, type.name()));
            return new FieldPath(null, field);
        }
        String relationshipName = name.substring(0, dot);
        String rest = name.substring(dot + 1);
        StubSchema.Relationship relationship = type.relationship(relationshipName)
                .orElseThrow(() -> new StubApiException(400, "INVALID_FIELD", "Didn't understand relationship '"
                        + relationshipName + "' in field path. If you are attempting to use a custom relationship,"
                        + " be sure to append the '__r' after the custom relationship name."));
        StubSchema.SObjectType target = StubSchema.require(relationship.target());
        if (rest.contains(".")) {
            throw StubApiException.malformedQuery("The stub follows one lookup only: " + name);
        }
        String field = target.field(rest).orElseThrow(() -> StubApiException.invalidField(rest, target.name()));
        return new FieldPath(relationship, field);
    }

    private String identifier() {
        String token = next();
        if (token.startsWith("'") || !Character.isLetter(token.charAt(0))
                || KEYWORDS.contains(token.toUpperCase(Locale.ROOT)) && !"COUNT".equalsIgnoreCase(token)) {
            throw StubApiException.malformedQuery("unexpected token: '" + token + "'");
        }
        return token;
    }

    private int integer() {
        String token = next();
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw StubApiException.malformedQuery("unexpected token: '" + token + "'");
        }
    }

    private void expectKeyword(String keyword) {
        if (!peekIs(keyword)) {
            throw position < tokens.size() ? unexpected()
                    : StubApiException.malformedQuery("unexpected end of query, expecting " + keyword);
        }
        position++;
    }

    private void expect(String symbol) {
        if (!symbol.equals(peek(0))) {
            throw position < tokens.size() ? unexpected()
                    : StubApiException.malformedQuery("unexpected end of query, expecting '" + symbol + "'");
        }
        position++;
    }

    private boolean peekIs(String word) {
        String token = peek(0);
        return token != null && !token.startsWith("'") && token.equalsIgnoreCase(word);
    }

    private String peek(int ahead) {
        int i = position + ahead;
        return i < tokens.size() ? tokens.get(i) : null;
    }

    private String next() {
        if (position >= tokens.size()) {
            throw StubApiException.malformedQuery("unexpected end of query");
        }
        return tokens.get(position++);
    }

    private StubApiException unexpected() {
        return StubApiException.malformedQuery("unexpected token: '" + tokens.get(position) + "'");
    }

    /** Splits SOQL into words, symbols and string literals (kept with a leading quote, unescaped). */
    static List<String> tokenize(String soql) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < soql.length()) {
            char c = soql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                StringBuilder literal = new StringBuilder("'");
                i++;
                boolean closed = false;
                while (i < soql.length()) {
                    char d = soql.charAt(i);
                    if (d == '\\' && i + 1 < soql.length()) {
                        char e = soql.charAt(i + 1);
                        literal.append(switch (e) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            default -> e;
                        });
                        i += 2;
                    } else if (d == '\'') {
                        i++;
                        closed = true;
                        break;
                    } else {
                        literal.append(d);
                        i++;
                    }
                }
                if (!closed) {
                    throw StubApiException.malformedQuery("unterminated string literal");
                }
                tokens.add(literal.toString());
            } else if (c == '(' || c == ')' || c == ',') {
                tokens.add(String.valueOf(c));
                i++;
            } else if (c == '=' ) {
                tokens.add("=");
                i++;
            } else if (c == '!' || c == '<' || c == '>') {
                if (i + 1 < soql.length() && (soql.charAt(i + 1) == '=' || c == '<' && soql.charAt(i + 1) == '>')) {
                    tokens.add(soql.substring(i, i + 2));
                    i += 2;
                } else if (c == '!') {
                    throw StubApiException.malformedQuery("unexpected token: '!'");
                } else {
                    tokens.add(String.valueOf(c));
                    i++;
                }
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '-') {
                int start = i;
                while (i < soql.length() && (Character.isLetterOrDigit(soql.charAt(i))
                        || "_.:-+".indexOf(soql.charAt(i)) >= 0)) {
                    i++;
                }
                tokens.add(soql.substring(start, i));
            } else {
                throw StubApiException.malformedQuery("unexpected token: '" + c + "'");
            }
        }
        return tokens;
    }

    // ------------------------------------------------------------------------------------- evaluate

    static boolean equal(Object value, Object literal) {
        if (value == null || literal == null) {
            return value == null && literal == null;
        }
        if (value instanceof Instant || literal instanceof Instant) {
            Optional<Instant> a = asInstant(value);
            Optional<Instant> b = asInstant(literal);
            return a.isPresent() && a.equals(b);
        }
        if (value instanceof Number || literal instanceof Number) {
            return asNumber(value).compareTo(asNumber(literal)) == 0;
        }
        if (value instanceof Boolean || literal instanceof Boolean) {
            return value.toString().equalsIgnoreCase(literal.toString());
        }
        return value.toString().equalsIgnoreCase(literal.toString());
    }

    private static boolean ordered(Object value, Object literal, java.util.function.IntPredicate test) {
        if (value == null || literal == null) {
            return false;
        }
        return test.test(compare(value, literal));
    }

    static int compare(Object a, Object b) {
        if (a instanceof Instant || b instanceof Instant) {
            return asInstant(a).orElse(Instant.MIN).compareTo(asInstant(b).orElse(Instant.MIN));
        }
        if (a instanceof Number || b instanceof Number) {
            return asNumber(a).compareTo(asNumber(b));
        }
        return a.toString().compareToIgnoreCase(b.toString());
    }

    private static BigDecimal asNumber(Object value) {
        try {
            return new BigDecimal(value.toString());
        } catch (NumberFormatException e) {
            throw StubApiException.malformedQuery("value of incorrect type: " + value);
        }
    }

    private static Optional<Instant> asInstant(Object value) {
        return value instanceof Instant instant ? Optional.of(instant) : parseInstant(value.toString());
    }

    /** Reads the datetime forms Salesforce accepts: {@code …Z}, {@code …+00:00}, {@code …+0000}. */
    static Optional<Instant> parseInstant(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(OffsetDateTime.parse(text, SALESFORCE_OFFSET).toInstant());
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    private static Pattern likePattern(String like) {
        StringBuilder regex = new StringBuilder();
        for (char c : like.toCharArray()) {
            switch (c) {
                case '%' -> regex.append(".*");
                case '_' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }
}
