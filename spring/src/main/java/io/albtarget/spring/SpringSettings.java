package io.albtarget.spring;

import io.albtarget.AlbSettings;
import java.util.HashMap;
import java.util.Map;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Binds {@link AlbSettings} from Spring's {@code Environment}, so that {@code application.yaml}, profiles, command
 * line arguments, system properties and {@code ALB_*} environment variables all count, in Spring's order of
 * precedence.
 *
 * <p>Every {@code alb.*} name any property source holds is resolved through the environment, which gives it the
 * value of the source Spring ranks highest, an {@code ALB_*} variable included. An {@code ALB_*} variable whose
 * setting no other source names is handed over as an environment variable: its property name cannot be told from
 * the variable's alone ({@code _} stands for both {@code .} and {@code -}).
 */
final class SpringSettings {

    private static final String PREFIX = "alb.";
    private static final String VARIABLE_PREFIX = "ALB_";

    private SpringSettings() {
    }

    /**
     * The settings in effect.
     *
     * @throws InvalidAlbSettingsException naming each unknown {@code alb.*} property and each invalid value
     */
    static AlbSettings bind(ConfigurableEnvironment environment) {
        Map<String, String> properties = new HashMap<>();
        Map<String, String> variables = new HashMap<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!(source instanceof EnumerablePropertySource<?> names)) {
                continue;
            }
            boolean variablesSource = source instanceof SystemEnvironmentPropertySource;
            for (String name : names.getPropertyNames()) {
                if (name.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                    properties.put(name, environment.getProperty(name, ""));
                } else if (variablesSource && name.startsWith(VARIABLE_PREFIX)) {
                    variables.put(name, String.valueOf(source.getProperty(name)));
                }
            }
        }
        try {
            return AlbSettings.bind(properties, variables);
        } catch (IllegalArgumentException e) {
            throw new InvalidAlbSettingsException(e);
        }
    }
}
