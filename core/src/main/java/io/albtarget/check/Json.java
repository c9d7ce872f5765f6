package io.albtarget.check;

/** Writes compact JSON; commas are placed by tracking whether a value was written at the current level. */
final class Json {

    private final StringBuilder out = new StringBuilder();
    private boolean needsComma;

    Json open(char bracket) {
        comma();
        out.append(bracket);
        needsComma = false;
        return this;
    }

    Json close(char bracket) {
        out.append(bracket);
        needsComma = true;
        return this;
    }

    Json key(String key) {
        comma();
        string(key);
        out.append(':');
        needsComma = false;
        return this;
    }

    Json value(String value) {
        comma();
        string(value);
        needsComma = true;
        return this;
    }

    Json value(long value) {
        comma();
        out.append(value);
        needsComma = true;
        return this;
    }

    private void comma() {
        if (needsComma) {
            out.append(',');
        }
    }

    private void string(String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
