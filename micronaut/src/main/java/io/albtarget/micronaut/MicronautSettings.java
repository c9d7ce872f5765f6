package io.albtarget.micronaut;

import io.albtarget.AlbSettings;
import io.albtarget.InvalidSettingsException;
import io.albtarget.internal.Log;
import io.micronaut.core.value.PropertyResolver;

/**
 * Binds {@link AlbSettings} through Micronaut's property resolution, so that {@code application.yml}, system
 * properties and environment variables ({@code ALB_IDLE_TIMEOUT} for {@code alb.idle-timeout}) count as Micronaut
 * ranks them.
 */
final class MicronautSettings {

    private static final Log LOG = Log.of(MicronautSettings.class);

    private MicronautSettings() {
    }

    /**
     * The settings in effect.
     *
     * @throws InvalidSettingsException naming each invalid value with its property, the allowed range
     *     and the value given
     */
    static AlbSettings bind(PropertyResolver properties) {
        try {
            return AlbSettings.bind(name -> properties.getProperty(name, String.class).orElse(null));
        } catch (InvalidSettingsException e) {
            // Micronaut reports the failure under the path of beans that led to it; each problem leads here
            e.problems().forEach(problem -> LOG.error("albtarget: " + problem.message()));
            throw e;
        }
    }
}
