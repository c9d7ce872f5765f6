package io.albtarget.compat.matrix;

import io.albtarget.AlbSettings;
import io.albtarget.Setting;
import java.util.LinkedHashMap;
import java.util.Map;

/** Settings as the {@code alb.*} properties a Spring or Micronaut application would be given. */
final class AlbProperties {

    private AlbProperties() {
    }

    /**
     * Every setting with a value, as text a user would type; a setting derived from others when unset stays unset,
     * so that the application derives it as it would.
     */
    static Map<String, String> of(AlbSettings settings) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (Setting setting : Setting.values()) {
            String value = setting.value(settings);
            if (!value.isEmpty() && isSet(setting, settings)) {
                properties.put(setting.property(), value);
            }
        }
        return properties;
    }

    private static boolean isSet(Setting setting, AlbSettings settings) {
        return switch (setting) {
            case DRAIN_WAIT -> settings.drainWaitSet();
            case TLS_BACKEND_POLICY -> settings.tlsBackendPolicySet();
            default -> true;
        };
    }
}
