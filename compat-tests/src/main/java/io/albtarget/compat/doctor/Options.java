package io.albtarget.compat.doctor;

import java.util.Map;

/** The doctor's options by the {@code alb.*} settings they set, so that errors name what the user typed. */
final class Options {

    private static final Map<String, String> BY_PROPERTY = Map.of(
            "alb.health-check.path", "--path",
            "alb.health-check.matcher", "--matcher",
            "alb.health-check.timeout", "--timeout",
            "alb.health-check.interval", "--interval",
            "alb.idle-timeout", "--idle-timeout",
            "alb.keep-alive.margin", "--keep-alive-margin",
            "alb.tls.backend-policy", "--tls-policy");

    private Options() {
    }

    /** The message with every {@code alb.*} property the doctor sets replaced by its option. */
    static String rename(String message) {
        String renamed = message;
        for (Map.Entry<String, String> entry : BY_PROPERTY.entrySet()) {
            renamed = renamed.replace(entry.getKey(), entry.getValue());
        }
        return renamed;
    }
}
