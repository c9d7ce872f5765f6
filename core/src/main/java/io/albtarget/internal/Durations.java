package io.albtarget.internal;

import java.time.Duration;
import java.util.Locale;

/** Parses and prints the durations of {@code alb.*} settings: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, or plain seconds. */
public final class Durations {

    private static final long MAX_MILLIS = Duration.ofDays(365).toMillis();

    private Durations() {
    }

    public static Duration parse(String property, String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        int unitStart = 0;
        while (unitStart < value.length() && Character.isDigit(value.charAt(unitStart))) {
            unitStart++;
        }
        String digits = value.substring(0, unitStart);
        long factor = millisPer(value.substring(unitStart));
        if (digits.isEmpty() || digits.length() > 12 || factor == 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s must be a duration such as 30s, 500ms, 2m or 30 (seconds), but was '%s'",
                    property, Printable.of(text)));
        }
        long millis = Long.parseLong(digits) * factor;
        if (millis > MAX_MILLIS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s must be at most 365 days, but was '%s'", property, Printable.of(text)));
        }
        return Duration.ofMillis(millis);
    }

    private static long millisPer(String unit) {
        switch (unit) {
            case "ms":
                return 1;
            case "":
            case "s":
                return 1000;
            case "m":
                return 60_000;
            case "h":
                return 3_600_000;
            default:
                return 0;
        }
    }

    /** The shortest exact form: {@code 500ms}, {@code 30s}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
