package io.albtarget.micronaut;

import io.albtarget.AlbSettings;
import io.micronaut.core.value.PropertyResolver;

/**
 * Binds {@link AlbSettings} through Micronaut's property resolution, so that {@code application.yml}, system
 * properties and environment variables ({@code ALB_IDLE_TIMEOUT} for {@code alb.idle-timeout}) count as Micronaut
 * ranks them.
 */
final class MicronautSettings {

    private MicronautSettings() {
    }

    /**
     * The settings in effect.
     *
     * @throws io.albtarget.InvalidSettingsException naming each invalid value with its property, the allowed range
     *     and the value given
     */
    static AlbSettings bind(PropertyResolver properties) {
        return AlbSettings.bind(name -> properties.getProperty(name, String.class).orElse(null));
    }
}
