package io.albtarget.check;

import io.albtarget.internal.JsonText;

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
        out.append('"').append(JsonText.escape(value)).append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
