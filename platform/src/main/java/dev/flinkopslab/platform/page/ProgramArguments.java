package dev.flinkopslab.platform.page;

import java.util.ArrayList;
import java.util.List;

/**
 * Program arguments as one line of text, as a shell splits it: at white space, with double quotes around an
 * argument that holds spaces ({@code --name "my job"}); a backslash escapes a quote.
 */
final class ProgramArguments {
    private ProgramArguments() {}

    static List<String> split(String line) {
        List<String> args = new ArrayList<>();
        if (line == null) {
            return args;
        }
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean inArgument = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                current.append('"');
                inArgument = true;
                i++;
            } else if (c == '"') {
                quoted = !quoted;
                inArgument = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (inArgument) {
                    args.add(current.toString());
                    current.setLength(0);
                    inArgument = false;
                }
            } else {
                current.append(c);
                inArgument = true;
            }
        }
        if (quoted) {
            throw new FormException("programArgs", "a double quote is not closed: close it, or escape it as \\\"");
        }
        if (inArgument) {
            args.add(current.toString());
        }
        return args;
    }

    static String join(List<String> args) {
        List<String> shown = new ArrayList<>();
        for (String a : args) {
            String escaped = a.replace("\"", "\\\"");
            shown.add(a.isEmpty() || a.chars().anyMatch(Character::isWhitespace) ? '"' + escaped + '"' : escaped);
        }
        return String.join(" ", shown);
    }
}
