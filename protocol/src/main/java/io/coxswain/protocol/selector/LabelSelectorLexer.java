package io.coxswain.protocol.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Splits a label selector string into tokens, following Kubernetes' {@code labels.Lexer}. */
final class LabelSelectorLexer {

    enum Token {
        ERROR, END_OF_STRING, CLOSED_PAR, COMMA, DOES_NOT_EXIST, DOUBLE_EQUALS, EQUALS,
        GREATER_THAN, IDENTIFIER, IN, LESS_THAN, NOT_EQUALS, NOT_IN, OPEN_PAR
    }

    record Item(Token token, String literal) {
    }

    private static final Map<String, Token> KEYWORDS_AND_SYMBOLS = Map.ofEntries(
            Map.entry(")", Token.CLOSED_PAR),
            Map.entry(",", Token.COMMA),
            Map.entry("!", Token.DOES_NOT_EXIST),
            Map.entry("==", Token.DOUBLE_EQUALS),
            Map.entry("=", Token.EQUALS),
            Map.entry(">", Token.GREATER_THAN),
            Map.entry("in", Token.IN),
            Map.entry("<", Token.LESS_THAN),
            Map.entry("!=", Token.NOT_EQUALS),
            Map.entry("notin", Token.NOT_IN),
            Map.entry("(", Token.OPEN_PAR));

    private final String input;
    private int position;

    private LabelSelectorLexer(String input) {
        this.input = input;
    }

    /** All tokens of the input, always ending with {@link Token#END_OF_STRING}. */
    static List<Item> tokenize(String input) {
        LabelSelectorLexer lexer = new LabelSelectorLexer(input);
        List<Item> items = new ArrayList<>();
        Item item;
        do {
            item = lexer.next();
            items.add(item);
        } while (item.token() != Token.END_OF_STRING);
        return items;
    }

    private Item next() {
        while (position < input.length() && isWhitespace(input.charAt(position))) {
            position++;
        }
        if (position >= input.length()) {
            return new Item(Token.END_OF_STRING, "");
        }
        return isSpecialSymbol(input.charAt(position)) ? scanSpecialSymbol() : scanIdentifierOrKeyword();
    }

    private Item scanIdentifierOrKeyword() {
        int start = position;
        while (position < input.length()
                && !isSpecialSymbol(input.charAt(position)) && !isWhitespace(input.charAt(position))) {
            position++;
        }
        String word = input.substring(start, position);
        Token keyword = KEYWORDS_AND_SYMBOLS.get(word);
        return new Item(keyword != null ? keyword : Token.IDENTIFIER, word);
    }

    /** Takes the longest run of symbols that still forms an operator ("!=" rather than "!"). */
    private Item scanSpecialSymbol() {
        StringBuilder buffer = new StringBuilder();
        Item longest = null;
        while (position < input.length() && isSpecialSymbol(input.charAt(position))) {
            buffer.append(input.charAt(position));
            Token token = KEYWORDS_AND_SYMBOLS.get(buffer.toString());
            if (token != null) {
                longest = new Item(token, buffer.toString());
            } else if (longest != null) {
                break;
            }
            position++;
        }
        if (longest == null) {
            return new Item(Token.ERROR, "error expected: keyword found '" + buffer + "'");
        }
        return longest;
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isSpecialSymbol(char c) {
        return switch (c) {
            case '=', '!', '(', ')', ',', '>', '<' -> true;
            default -> false;
        };
    }
}
