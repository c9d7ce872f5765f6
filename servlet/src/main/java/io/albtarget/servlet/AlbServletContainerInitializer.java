package io.albtarget.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Registers {@link AlbFilter} ahead of the application's own filters when the container starts the context, unless
 * the context has one already. The filter it registers steps aside when the application registers an albtarget
 * filter of its own later in the start (a Spring Boot application deployed as a WAR does, through its own
 * initializer): whichever initializer the container runs first, one filter acts, the application's.
 *
 * <p>Public only because containers instantiate it through {@code META-INF/services}; applications never name it.
 */
public final class AlbServletContainerInitializer implements ServletContainerInitializer {

    static final String FILTER_NAME = "albtarget";
    /** Marks the filter this initializer registered: it steps aside for an albtarget filter the application adds. */
    static final String REGISTERED = "io.albtarget.servlet.registered-by-initializer";

    @Override
    public void onStartup(@Nullable Set<Class<?>> classes, ServletContext context) {
        boolean present = context.getFilterRegistrations().values().stream()
                .anyMatch(registration -> AlbFilter.class.getName().equals(registration.getClassName()));
        if (present) {
            return;
        }
        FilterRegistration.Dynamic registration = context.addFilter(FILTER_NAME, AlbFilter.class);
        if (registration == null) {
            return;
        }
        registration.setInitParameter(REGISTERED, "true");
        registration.setAsyncSupported(true);
        registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    }
}
