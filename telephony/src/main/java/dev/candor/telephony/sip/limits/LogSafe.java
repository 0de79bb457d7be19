package dev.candor.telephony.sip.limits;

/**
 * Makes text from the network safe to put in a log line: user parts, display names, caller IDs,
 * reasons that quote the input. Control characters (CR, LF, NUL, ESC...), the shell and URL
 * separators {@code & ; | ` $ < > " '}, the backslash and the {@code /} of a {@code ../} become
 * {@code \xNN} (or {@code \\uNNNN}), so a log line stays one line and never carries a working path
 * traversal, command separator or forged entry. Long values are cut at {@value #MAX_CHARS} characters.
 */
public final class LogSafe {
    public static final int MAX_CHARS = 200;

    private LogSafe() {
    }

    public static String text(CharSequence value) {
        if (value == null) {
            return "null";
        }
        int length = Math.min(value.length(), MAX_CHARS);
        StringBuilder out = new StringBuilder(length + 16);
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (needsEscape(c) || (c == '/' && i >= 2 && value.charAt(i - 1) == '.' && value.charAt(i - 2) == '.')) {
                if (c <= 0xff) {
                    out.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                } else {
                    out.append(String.format("\\u%04x", (int) c));
                }
            } else {
                out.append(c);
            }
        }
        if (value.length() > MAX_CHARS) {
            out.append("...(").append(value.length()).append(" chars)");
        }
        return out.toString();
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)
                || c == '&' || c == ';' || c == '|' || c == '`' || c == '$' || c == '<' || c == '>'
                || c == '"' || c == '\'' || c == '\\'
                || c == '\u2028' || c == '\u2029' || Character.getType(c) == Character.FORMAT;
    }
}
