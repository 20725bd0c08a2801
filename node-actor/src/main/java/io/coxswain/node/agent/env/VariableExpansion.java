package io.coxswain.node.agent.env;

import java.util.Map;

/**
 * Kubernetes' {@code $(VAR)} references in env values, command and args: a reference to a variable
 * defined earlier is replaced by its value, an unknown one is left as written, and {@code $$} stands for
 * a literal {@code $} (so {@code $$(VAR)} is the text {@code $(VAR)}).
 */
public final class VariableExpansion {
    private VariableExpansion() {}

    public static String expand(String input, Map<String, String> variables) {
        StringBuilder out = new StringBuilder(input.length());
        int i = 0;
        while (i < input.length()) {
            char c = input.charAt(i);
            if (c != '$' || i + 1 >= input.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = input.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '(') {
                int close = input.indexOf(')', i + 2);
                if (close < 0) {
                    out.append(input, i, input.length()); // unterminated: kept as written
                    break;
                }
                String name = input.substring(i + 2, close);
                String value = variables.get(name);
                out.append(value != null ? value : input.substring(i, close + 1));
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
