package io.coxswain.protocol.selector;

import io.coxswain.protocol.selector.LabelRequirement.Operator;
import io.coxswain.protocol.selector.LabelSelectorLexer.Item;
import io.coxswain.protocol.selector.LabelSelectorLexer.Token;
import io.coxswain.protocol.validation.FieldError;
import io.coxswain.protocol.validation.FieldPath;
import io.coxswain.protocol.validation.LabelValidation;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Recursive-descent parser for the label selector grammar, a port of Kubernetes'
 * {@code labels.Parser} so that the same inputs are accepted and the same messages come out:
 *
 * <pre>
 *   selector    ::= requirement | requirement "," selector
 *   requirement ::= [!] KEY [ set-based | exact-match ]
 *   set-based   ::= ("in" | "notin") "(" VALUE {"," VALUE} ")"
 *   exact-match ::= ("=" | "==" | "!=" | ">" | "<") VALUE
 * </pre>
 */
final class LabelSelectorParser {

    /** {@code in} and {@code notin} are operators after a key but ordinary words where values go. */
    private enum Context { KEY_AND_OPERATOR, VALUES }

    /** Kubernetes names the unknown path of a parsed key "<nil>" in its messages. */
    private static final FieldPath UNNAMED_PATH = FieldPath.root("<nil>");
    private static final String BINARY_OPERATORS = "in, notin, =, ==, !=, gt, lt";

    private final List<Item> items;
    private int position;

    private LabelSelectorParser(String input) {
        this.items = LabelSelectorLexer.tokenize(input);
    }

    /** The requirements in the order written; {@link LabelSelector} sorts them. */
    static List<LabelRequirement> parse(String input) {
        return new LabelSelectorParser(input).parseSelector();
    }

    private List<LabelRequirement> parseSelector() {
        List<LabelRequirement> requirements = new ArrayList<>();
        while (true) {
            Item next = lookahead(Context.VALUES);
            switch (next.token()) {
                case IDENTIFIER, DOES_NOT_EXIST -> {
                    requirements.add(parseRequirementReportingFailure());
                    Item separator = consume(Context.VALUES);
                    switch (separator.token()) {
                        case END_OF_STRING -> {
                            return requirements;
                        }
                        case COMMA -> {
                            Item afterComma = lookahead(Context.VALUES);
                            if (afterComma.token() != Token.IDENTIFIER && afterComma.token() != Token.DOES_NOT_EXIST) {
                                throw found(afterComma.literal(), "identifier after ','");
                            }
                        }
                        default -> throw found(separator.literal(), "',' or 'end of string'");
                    }
                }
                case END_OF_STRING -> {
                    return requirements;
                }
                default -> throw found(next.literal(), "!, identifier, or 'end of string'");
            }
        }
    }

    private LabelRequirement parseRequirementReportingFailure() {
        try {
            return parseRequirement();
        } catch (SelectorParseException e) {
            throw new SelectorParseException("unable to parse requirement: " + e.getMessage());
        }
    }

    private LabelRequirement parseRequirement() {
        boolean negated = false;
        Item key = consume(Context.VALUES);
        if (key.token() == Token.DOES_NOT_EXIST) {
            negated = true;
            key = consume(Context.VALUES);
        }
        if (key.token() != Token.IDENTIFIER) {
            throw found(key.literal(), "identifier");
        }
        validateKey(key.literal());
        Token afterKey = lookahead(Context.VALUES).token();
        if (negated) {
            return new LabelRequirement(key.literal(), Operator.DOES_NOT_EXIST, List.of());
        }
        if (afterKey == Token.END_OF_STRING || afterKey == Token.COMMA) {
            return new LabelRequirement(key.literal(), Operator.EXISTS, List.of());
        }
        Operator operator = parseOperator();
        List<String> values = operator == Operator.IN || operator == Operator.NOT_IN
                ? parseValueSet()
                : parseExactValue();
        return new LabelRequirement(key.literal(), operator, values);
    }

    private Operator parseOperator() {
        Item item = consume(Context.KEY_AND_OPERATOR);
        return switch (item.token()) {
            case IN -> Operator.IN;
            case EQUALS -> Operator.EQUALS;
            case DOUBLE_EQUALS -> Operator.DOUBLE_EQUALS;
            case GREATER_THAN -> Operator.GREATER_THAN;
            case LESS_THAN -> Operator.LESS_THAN;
            case NOT_IN -> Operator.NOT_IN;
            case NOT_EQUALS -> Operator.NOT_EQUALS;
            default -> throw found(item.literal(), BINARY_OPERATORS);
        };
    }

    /** {@code (a,b)}; empty entries such as {@code (a,)} or {@code ()} stand for the empty value. */
    private List<String> parseValueSet() {
        Item open = consume(Context.VALUES);
        if (open.token() != Token.OPEN_PAR) {
            throw new SelectorParseException("found '" + open.literal() + "' expected: '('");
        }
        Item first = lookahead(Context.VALUES);
        switch (first.token()) {
            case IDENTIFIER, COMMA -> {
                List<String> values = parseIdentifierList();
                if (consume(Context.VALUES).token() != Token.CLOSED_PAR) {
                    throw found(first.literal(), "')'");
                }
                return values;
            }
            case CLOSED_PAR -> {
                consume(Context.VALUES);
                return List.of("");
            }
            default -> throw found(first.literal(), "',', ')' or identifier");
        }
    }

    private List<String> parseIdentifierList() {
        TreeSet<String> values = new TreeSet<>();
        while (true) {
            Item item = consume(Context.VALUES);
            switch (item.token()) {
                case IDENTIFIER -> {
                    values.add(item.literal());
                    Item next = lookahead(Context.VALUES);
                    switch (next.token()) {
                        case COMMA -> {
                            // another value follows
                        }
                        case CLOSED_PAR -> {
                            return new ArrayList<>(values);
                        }
                        default -> throw found(next.literal(), "',' or ')'");
                    }
                }
                case COMMA -> {
                    if (values.isEmpty()) {
                        values.add("");
                    }
                    Token next = lookahead(Context.VALUES).token();
                    if (next == Token.CLOSED_PAR) {
                        values.add("");
                        return new ArrayList<>(values);
                    }
                    if (next == Token.COMMA) {
                        values.add("");
                    }
                }
                default -> throw found(item.literal(), "',', or identifier");
            }
        }
    }

    /** The single value after {@code =}, {@code ==}, {@code !=}, {@code >} or {@code <}; may be empty. */
    private List<String> parseExactValue() {
        Token next = lookahead(Context.VALUES).token();
        if (next == Token.END_OF_STRING || next == Token.COMMA) {
            return List.of("");
        }
        Item value = consume(Context.VALUES);
        if (value.token() != Token.IDENTIFIER) {
            throw found(value.literal(), "identifier");
        }
        return List.of(value.literal());
    }

    private static void validateKey(String key) {
        List<String> problems = LabelValidation.isQualifiedName(key);
        if (!problems.isEmpty()) {
            throw new SelectorParseException(
                    FieldError.invalid(UNNAMED_PATH, key, String.join("; ", problems)).toString());
        }
    }

    private Item lookahead(Context context) {
        return inContext(items.get(position), context);
    }

    private Item consume(Context context) {
        Item item = inContext(items.get(position), context);
        if (position < items.size() - 1) {
            position++;
        }
        return item;
    }

    private static Item inContext(Item item, Context context) {
        boolean keyword = item.token() == Token.IN || item.token() == Token.NOT_IN;
        return context == Context.VALUES && keyword ? new Item(Token.IDENTIFIER, item.literal()) : item;
    }

    private static SelectorParseException found(String literal, String expected) {
        return new SelectorParseException("found '" + literal + "', expected: " + expected);
    }
}
