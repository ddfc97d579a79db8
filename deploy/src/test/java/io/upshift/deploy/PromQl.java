package io.upshift.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Just enough PromQL to take an expression apart for the checks: its series selectors, and the
 * expressions under an alert's condition. Not a parser: a tokenizer that knows brackets, strings,
 * keywords and operator precedence at the top level, which is all the checks need.
 */
final class PromQl {

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "bool", "offset", "atan2", "inf", "nan", "start", "end");
    private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
            "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");
    private static final Set<String> COMPARISONS = Set.of("==", "!=", ">", "<", ">=", "<=");

    private PromQl() {
    }

    enum Kind {
        IDENT, NUMBER, STRING, MATCHERS, RANGE, OPERATOR, OPEN, CLOSE, COMMA
    }

    record Token(Kind kind, String text, int start, int end) {

        boolean is(String word) {
            return kind == Kind.IDENT && text.equalsIgnoreCase(word);
        }
    }

    /**
     * Every series selector in the expression — a metric name with its label matchers, or matchers
     * alone — without range, offset or {@code @} modifiers: each can be evaluated on its own.
     */
    static List<String> selectors(String expression) {
        List<Token> tokens = tokenize(expression);
        List<String> selectors = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            if (token.kind() == Kind.IDENT) {
                String word = token.text().toLowerCase(Locale.ROOT);
                if (LABEL_LISTS.contains(word) && next != null && next.kind() == Kind.OPEN) {
                    i = closing(tokens, i + 1);
                } else if (KEYWORDS.contains(word) || next != null && next.kind() == Kind.OPEN
                        || AGGREGATIONS.contains(word) && next != null && (next.is("by") || next.is("without"))) {
                    continue; // a keyword, a function or an aggregation
                } else if (i > 0 && tokens.get(i - 1).is("offset")) {
                    continue;
                } else if (next != null && next.kind() == Kind.MATCHERS) {
                    selectors.add(token.text() + next.text());
                    i++;
                } else {
                    selectors.add(token.text());
                }
            } else if (token.kind() == Kind.MATCHERS) {
                selectors.add(token.text());
            }
        }
        return selectors;
    }

    /**
     * The expressions under an alert's condition, each of which should return series on a live
     * system: the operands of top-level {@code or} and {@code and} (not the right side of
     * {@code unless}, a filter that is empty when all is well), each stripped of a top-level
     * comparison — {@code rate(x[5m]) > 0.1} becomes {@code rate(x[5m])}, the side that holds a
     * selector. Operands without a selector ({@code vector(0)}) are left out.
     */
    static List<String> conditionOperands(String expression) {
        List<Token> tokens = tokenize(expression);
        List<String> operands = new ArrayList<>();
        for (List<Token> alternative : split(tokens, Set.of("or"))) {
            List<List<Token>> parts = split(alternative, Set.of("and", "unless"));
            for (int p = 0; p < parts.size(); p++) {
                if (p > 0 && precededBy(alternative, parts.get(p), "unless")) {
                    continue;
                }
                List<Token> operand = withoutComparison(expression, skipModifiers(parts.get(p)));
                if (!operand.isEmpty() && !selectors(text(expression, operand)).isEmpty()) {
                    operands.add(text(expression, operand));
                }
            }
        }
        return operands;
    }

    static List<Token> tokenize(String expression) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = expression.length();
        while (i < n) {
            char c = expression.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                while (i < n && expression.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"' || c == '\'' || c == '`') {
                i = endOfString(expression, i);
                tokens.add(new Token(Kind.STRING, expression.substring(start, i), start, i));
            } else if (c == '{' || c == '[') {
                i = endOfGroup(expression, i, c, c == '{' ? '}' : ']');
                tokens.add(new Token(c == '{' ? Kind.MATCHERS : Kind.RANGE, expression.substring(start, i), start, i));
            } else if (c == '(' || c == ')' || c == ',') {
                i++;
                tokens.add(new Token(c == '(' ? Kind.OPEN : c == ')' ? Kind.CLOSE : Kind.COMMA, String.valueOf(c), start, i));
            } else if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(expression.charAt(i + 1))) {
                i++;
                while (i < n && (Character.isLetterOrDigit(expression.charAt(i)) || expression.charAt(i) == '.'
                        || (expression.charAt(i) == '+' || expression.charAt(i) == '-')
                        && (expression.charAt(i - 1) == 'e' || expression.charAt(i - 1) == 'E'))) {
                    i++;
                }
                tokens.add(new Token(Kind.NUMBER, expression.substring(start, i), start, i));
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                while (i < n && (Character.isLetterOrDigit(expression.charAt(i)) || expression.charAt(i) == '_'
                        || expression.charAt(i) == ':')) {
                    i++;
                }
                tokens.add(new Token(Kind.IDENT, expression.substring(start, i), start, i));
            } else {
                String two = i + 1 < n ? expression.substring(i, i + 2) : "";
                i += Set.of("==", "!=", ">=", "<=", "=~", "!~").contains(two) ? 2 : 1;
                tokens.add(new Token(Kind.OPERATOR, expression.substring(start, i), start, i));
            }
        }
        int depth = 0;
        for (Token token : tokens) {
            depth += token.kind() == Kind.OPEN ? 1 : token.kind() == Kind.CLOSE ? -1 : 0;
            if (depth < 0) {
                throw new IllegalArgumentException("unbalanced ')' at " + token.start() + " in " + expression);
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("unclosed '(' in " + expression);
        }
        return tokens;
    }

    private static int endOfString(String s, int start) {
        char quote = s.charAt(start);
        int i = start + 1;
        while (i < s.length() && s.charAt(i) != quote) {
            i += s.charAt(i) == '\\' && quote != '`' ? 2 : 1;
        }
        if (i >= s.length()) {
            throw new IllegalArgumentException("unclosed string at " + start + " in " + s);
        }
        return i + 1;
    }

    private static int endOfGroup(String s, int start, char open, char close) {
        int i = start + 1;
        while (i < s.length() && s.charAt(i) != close) {
            char c = s.charAt(i);
            i = c == '"' || c == '\'' || c == '`' ? endOfString(s, i) : i + 1;
        }
        if (i >= s.length()) {
            throw new IllegalArgumentException("unclosed " + open + " at " + start + " in " + s);
        }
        return i + 1;
    }

    /** The index of the parenthesis that closes the one at {@code open}. */
    private static int closing(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            depth += tokens.get(i).kind() == Kind.OPEN ? 1 : tokens.get(i).kind() == Kind.CLOSE ? -1 : 0;
            if (depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced parentheses");
    }

    /** Splits at top-level occurrences of these binary keywords. */
    private static List<List<Token>> split(List<Token> tokens, Set<String> operators) {
        List<List<Token>> parts = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int depth = 0;
        for (Token token : tokens) {
            depth += token.kind() == Kind.OPEN ? 1 : token.kind() == Kind.CLOSE ? -1 : 0;
            if (depth == 0 && token.kind() == Kind.IDENT
                    && operators.contains(token.text().toLowerCase(Locale.ROOT))) {
                parts.add(current);
                current = new ArrayList<>();
            } else {
                current.add(token);
            }
        }
        parts.add(current);
        return parts;
    }

    private static boolean precededBy(List<Token> all, List<Token> part, String keyword) {
        if (part.isEmpty()) {
            return false;
        }
        int index = all.indexOf(part.getFirst());
        return index > 0 && all.get(index - 1).is(keyword);
    }

    /** Drops the {@code on (…)}, {@code ignoring (…)}, {@code group_left (…)} and {@code bool} that open an operand. */
    private static List<Token> skipModifiers(List<Token> tokens) {
        int i = 0;
        while (i < tokens.size() && tokens.get(i).kind() == Kind.IDENT
                && (LABEL_LISTS.contains(tokens.get(i).text().toLowerCase(Locale.ROOT)) || tokens.get(i).is("bool"))) {
            i++;
            if (i < tokens.size() && tokens.get(i).kind() == Kind.OPEN) {
                i = closing(tokens, i) + 1;
            }
        }
        return tokens.subList(i, tokens.size());
    }

    /** The side of a top-level comparison that holds a selector (the left one if both do); the operand itself without one. */
    private static List<Token> withoutComparison(String expression, List<Token> tokens) {
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            depth += token.kind() == Kind.OPEN ? 1 : token.kind() == Kind.CLOSE ? -1 : 0;
            if (depth == 0 && token.kind() == Kind.OPERATOR && COMPARISONS.contains(token.text())) {
                List<Token> left = tokens.subList(0, i);
                List<Token> right = skipModifiers(tokens.subList(i + 1, tokens.size()));
                return !left.isEmpty() && !selectors(text(expression, left)).isEmpty() ? left : right;
            }
        }
        return tokens;
    }

    private static String text(String expression, List<Token> tokens) {
        return tokens.isEmpty() ? "" : expression.substring(tokens.getFirst().start(), tokens.getLast().end()).strip();
    }
}
