package io.albtarget.compat.doctor;

import io.albtarget.Setting;
import java.util.Map;

/** The doctor's options by the {@code alb.*} settings they set, so that errors name what the user typed. */
final class Options {

    private static final Map<String, String> BY_PROPERTY = Map.of(
            Setting.HEALTH_CHECK_PATH.property(), "--path",
            Setting.HEALTH_CHECK_MATCHER.property(), "--matcher",
            Setting.HEALTH_CHECK_TIMEOUT.property(), "--timeout",
            Setting.HEALTH_CHECK_INTERVAL.property(), "--interval",
            Setting.IDLE_TIMEOUT.property(), "--idle-timeout",
            Setting.KEEP_ALIVE_MARGIN.property(), "--keep-alive-margin",
            Setting.TLS_BACKEND_POLICY.property(), "--tls-policy");

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
