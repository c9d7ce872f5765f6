package io.albtarget.servlet;

import io.albtarget.AlbSettings;
import jakarta.servlet.FilterConfig;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Where the filter's settings come from, highest precedence first: the filter's init-params, the servlet
 * context's init-params, system properties, environment variables.
 */
final class ServletSettings {

    private ServletSettings() {
    }

    static AlbSettings bind(FilterConfig config) {
        Map<String, String> properties = new HashMap<>();
        System.getProperties().stringPropertyNames().forEach(name -> properties.put(name,
                System.getProperty(name)));
        copy(config.getServletContext().getInitParameterNames(), config.getServletContext()::getInitParameter,
                properties);
        copy(config.getInitParameterNames(), config::getInitParameter, properties);
        return AlbSettings.bind(properties, System.getenv());
    }

    private static void copy(Enumeration<String> names, Function<String, String> values,
            Map<String, String> into) {
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            if (name.startsWith("alb.")) {
                into.put(name, values.apply(name));
            }
        }
    }
}
