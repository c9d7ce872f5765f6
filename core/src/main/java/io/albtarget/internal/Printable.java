package io.albtarget.internal;

import java.util.Locale;

/** Makes untrusted text safe to quote in a message or a log line. */
public final class Printable {

    private static final int LIMIT = 80;

    private Printable() {
    }

    /** The text with every character outside printable ASCII as {@code \\uXXXX}, cut after 80 characters. */
    public static String of(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), LIMIT) + 8);
        for (int i = 0; i < text.length() && i < LIMIT; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                out.append(c);
            } else {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            }
        }
        if (text.length() > LIMIT) {
            out.append("...");
        }
        return out.toString();
    }
}
