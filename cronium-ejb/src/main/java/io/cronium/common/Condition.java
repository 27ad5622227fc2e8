package io.cronium.common;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The small, safe language of conditions on how a run ended (workflow ON_CONDITION edges, an event's CONDITION
 * actions): its exit code, status and output, never code. Grammar (keywords in lower case):
 * <pre>
 *   condition  := or
 *   or         := and ("or" and)*
 *   and        := not ("and" not)*
 *   not        := "not" not | comparison
 *   comparison := operand (("==" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "contains") operand)?
 *   operand    := number | 'string' | "string" | true | false | null | path | "(" condition ")"
 *   path       := ("exitCode" | "status" | "output") ("." name | "[" index "]")*
 * </pre>
 * For example {@code exitCode == 0 and output.items[0].state != "failed"} or {@code output.count >= 10 or status ==
 * "TIMEOUT"}. A path that leads nowhere is null; numbers compare as numbers, strings as strings, anything else
 * only for (in)equality; an ordering between different kinds is false; {@code contains} looks for a substring or an
 * array element; a lone operand holds when it is {@code true}. Parsing fails with the position of the problem.
 */
public final class Condition {

    /** What a condition is evaluated on: the previous step's exit code, status and output (JSON, or null). */
    public record Facts(Integer exitCode, String status, JsonValue output) {
    }

    /** The facts of a run as stored: its result is JSON text (text that is not JSON counts as a string). */
    public static Facts facts(Integer exitCode, String status, String result) {
        JsonValue output = JsonValue.NULL;
        if (result != null && !result.isBlank()) {
            try (var reader = Jsons.createReader(new java.io.StringReader(result))) {
                output = reader.readValue();
            } catch (jakarta.json.JsonException e) {
                output = Jsons.createValue(result);
            }
        }
        return new Facts(exitCode, status, output);
    }

    /** A condition that does not parse: the reason names the position (1-based). */
    public static final class InvalidConditionException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidConditionException(String message) {
            super(message);
        }
    }

    static final int MAX_LENGTH = 1000;
    private static final int MAX_DEPTH = 32;

    private sealed interface Node permits Or, And, Not, Compare, Literal, Path {
    }

    private record Or(List<Node> terms) implements Node {
    }

    private record And(List<Node> terms) implements Node {
    }

    private record Not(Node term) implements Node {
    }

    private record Compare(Node left, String op, Node right) implements Node {
    }

    private record Literal(JsonValue value) implements Node {
    }

    private record Path(String root, List<Object> steps) implements Node {
    }

    private final String text;
    private final Node root;

    private Condition(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    public static Condition parse(String text) throws InvalidConditionException {
        if (text == null || text.isBlank()) {
            throw new InvalidConditionException("the condition is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidConditionException("the condition is longer than " + MAX_LENGTH + " characters");
        }
        var parser = new Parser(Tokens.of(text));
        Node root = parser.or(0);
        if (!parser.atEnd()) {
            throw parser.error("unexpected '" + parser.peek().text() + "'");
        }
        return new Condition(text, root);
    }

    public boolean holds(Facts facts) {
        return JsonValue.TRUE.equals(value(root, facts));
    }

    @Override
    public String toString() {
        return text;
    }

    private static JsonValue value(Node node, Facts facts) {
        if (node instanceof Or or) {
            return bool(or.terms().stream().anyMatch(t -> JsonValue.TRUE.equals(value(t, facts))));
        }
        if (node instanceof And and) {
            return bool(and.terms().stream().allMatch(t -> JsonValue.TRUE.equals(value(t, facts))));
        }
        if (node instanceof Not not) {
            return bool(!JsonValue.TRUE.equals(value(not.term(), facts)));
        }
        if (node instanceof Compare c) {
            return bool(compare(value(c.left(), facts), c.op(), value(c.right(), facts)));
        }
        if (node instanceof Literal l) {
            return l.value();
        }
        return walk((Path) node, facts);
    }

    private static JsonValue walk(Path path, Facts facts) {
        JsonValue current = switch (path.root()) {
            case "exitCode" -> facts.exitCode() == null ? JsonValue.NULL : Jsons.createValue(facts.exitCode());
            case "status" -> facts.status() == null ? JsonValue.NULL : Jsons.createValue(facts.status());
            default -> facts.output() == null ? JsonValue.NULL : facts.output();
        };
        for (Object step : path.steps()) {
            if (step instanceof String name && current instanceof JsonObject o && o.containsKey(name)) {
                current = o.get(name);
            } else if (step instanceof Integer i && current instanceof JsonArray a && i < a.size()) {
                current = a.get(i);
            } else {
                return JsonValue.NULL;
            }
        }
        return current;
    }

    private static boolean compare(JsonValue a, String op, JsonValue b) {
        return switch (op) {
            case "==" -> same(a, b);
            case "!=" -> !same(a, b);
            case "contains" -> a instanceof JsonString s && b instanceof JsonString t ? s.getString().contains(t.getString())
                    : a instanceof JsonArray array && array.stream().anyMatch(e -> same(e, b));
            default -> {
                Integer order = order(a, b);
                yield order != null && switch (op) {
                    case "<" -> order < 0;
                    case "<=" -> order <= 0;
                    case ">" -> order > 0;
                    default -> order >= 0;
                };
            }
        };
    }

    private static boolean same(JsonValue a, JsonValue b) {
        Integer order = order(a, b);
        return order != null ? order == 0 : a.equals(b);
    }

    private static Integer order(JsonValue a, JsonValue b) {
        if (a instanceof JsonNumber x && b instanceof JsonNumber y) {
            return x.bigDecimalValue().compareTo(y.bigDecimalValue());
        }
        if (a instanceof JsonString x && b instanceof JsonString y) {
            return x.getString().compareTo(y.getString());
        }
        return null;
    }

    private static JsonValue bool(boolean b) {
        return b ? JsonValue.TRUE : JsonValue.FALSE;
    }

    private record Token(String kind, String text, int position) {
    }

    /** The condition cut into numbers, strings, words, operators and brackets. */
    private static final class Tokens {

        static List<Token> of(String text) throws InvalidConditionException {
            List<Token> tokens = new ArrayList<>();
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '"' || c == '\'') {
                    int end = i + 1;
                    var value = new StringBuilder();
                    while (end < text.length() && text.charAt(end) != c) {
                        if (text.charAt(end) == '\\' && end + 1 < text.length()) {
                            end++;
                        }
                        value.append(text.charAt(end++));
                    }
                    if (end >= text.length()) {
                        throw new InvalidConditionException("the string at position " + (i + 1) + " is not closed");
                    }
                    tokens.add(new Token("string", value.toString(), i + 1));
                    i = end + 1;
                } else if (Character.isDigit(c) || c == '-' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1))) {
                    int end = i + 1;
                    while (end < text.length() && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '.')) {
                        end++;
                    }
                    tokens.add(new Token("number", text.substring(i, end), i + 1));
                    i = end;
                } else if (Character.isLetter(c) || c == '_') {
                    int end = i + 1;
                    while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_'
                            || text.charAt(end) == '-')) {
                        end++;
                    }
                    tokens.add(new Token("word", text.substring(i, end), i + 1));
                    i = end;
                } else {
                    String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
                    if (List.of("==", "!=", "<=", ">=").contains(two)) {
                        tokens.add(new Token("op", two, i + 1));
                        i += 2;
                    } else if ("<>().[]".indexOf(c) >= 0) {
                        tokens.add(new Token(c == '<' || c == '>' ? "op" : "punct", String.valueOf(c), i + 1));
                        i++;
                    } else {
                        throw new InvalidConditionException("unexpected '" + c + "' at position " + (i + 1));
                    }
                }
            }
            return tokens;
        }
    }

    /** Recursive descent over the tokens, one method per grammar rule. */
    private static final class Parser {

        private final List<Token> tokens;
        private int next;

        Parser(List<Token> tokens) {
            this.tokens = tokens;
        }

        boolean atEnd() {
            return next >= tokens.size();
        }

        Token peek() {
            return tokens.get(next);
        }

        InvalidConditionException error(String what) {
            return new InvalidConditionException(atEnd() ? what + " at the end" : what + " at position " + peek().position());
        }

        private boolean word(String w) {
            if (!atEnd() && peek().kind().equals("word") && peek().text().equals(w)) {
                next++;
                return true;
            }
            return false;
        }

        private boolean punct(String p) {
            if (!atEnd() && peek().kind().equals("punct") && peek().text().equals(p)) {
                next++;
                return true;
            }
            return false;
        }

        Node or(int depth) throws InvalidConditionException {
            if (depth > MAX_DEPTH) {
                throw error("the condition nests deeper than " + MAX_DEPTH + " levels");
            }
            List<Node> terms = new ArrayList<>(List.of(and(depth)));
            while (word("or")) {
                terms.add(and(depth));
            }
            return terms.size() == 1 ? terms.get(0) : new Or(terms);
        }

        Node and(int depth) throws InvalidConditionException {
            List<Node> terms = new ArrayList<>(List.of(not(depth)));
            while (word("and")) {
                terms.add(not(depth));
            }
            return terms.size() == 1 ? terms.get(0) : new And(terms);
        }

        Node not(int depth) throws InvalidConditionException {
            return word("not") ? new Not(not(depth + 1)) : comparison(depth);
        }

        Node comparison(int depth) throws InvalidConditionException {
            Node left = operand(depth);
            if (!atEnd() && (peek().kind().equals("op") || peek().kind().equals("word") && peek().text().equals("contains"))) {
                String op = tokens.get(next++).text();
                return new Compare(left, op, operand(depth));
            }
            return left;
        }

        Node operand(int depth) throws InvalidConditionException {
            if (atEnd()) {
                throw error("a value is missing");
            }
            Token t = peek();
            if (punct("(")) {
                Node inner = or(depth + 1);
                if (!punct(")")) {
                    throw error("')' expected");
                }
                return inner;
            }
            next++;
            switch (t.kind()) {
                case "number":
                    try {
                        return new Literal(Jsons.createValue(new BigDecimal(t.text())));
                    } catch (NumberFormatException e) {
                        throw new InvalidConditionException("'" + t.text() + "' at position " + t.position() + " is not a number");
                    }
                case "string":
                    return new Literal(Jsons.createValue(t.text()));
                case "word":
                    switch (t.text()) {
                        case "true": return new Literal(JsonValue.TRUE);
                        case "false": return new Literal(JsonValue.FALSE);
                        case "null": return new Literal(JsonValue.NULL);
                        case "exitCode", "status", "output": return path(t.text());
                        default: throw new InvalidConditionException("unknown name '" + t.text() + "' at position "
                                + t.position() + ": use exitCode, status or output");
                    }
                default:
                    next--;
                    throw error("unexpected '" + t.text() + "'");
            }
        }

        private Node path(String root) throws InvalidConditionException {
            List<Object> steps = new ArrayList<>();
            while (true) {
                if (punct(".")) {
                    if (atEnd() || !peek().kind().equals("word")) {
                        throw error("a field name is expected after '.'");
                    }
                    steps.add(tokens.get(next++).text());
                } else if (punct("[")) {
                    if (atEnd() || !peek().kind().equals("number") || !peek().text().matches("\\d+")) {
                        throw error("an index (0, 1, ...) is expected after '['");
                    }
                    steps.add(Integer.parseInt(tokens.get(next++).text()));
                    if (!punct("]")) {
                        throw error("']' expected");
                    }
                } else {
                    return new Path(root, steps);
                }
            }
        }
    }
}
