package io.albtarget.micronaut;

import io.albtarget.AlbSettings;
import io.albtarget.AlbTarget;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.value.PropertyResolver;
import io.micronaut.context.annotation.Context;

/**
 * The settings and the target of a Micronaut application behind an AWS Application Load Balancer.
 *
 * <p>On unless {@code alb.enabled=false}. An application that defines its own {@link AlbSettings} or
 * {@link AlbTarget} bean marks it {@code @Replaces(AlbSettings.class)} (or {@code AlbTarget.class}), as Micronaut
 * does it; the rest of albtarget then uses the application's bean. Both are made when the context starts, so
 * that an invalid setting fails the startup rather than the first request.
 */
@Factory
@Requires(property = AlbFactory.ENABLED, notEquals = "false")
public final class AlbFactory {

    static final String ENABLED = "alb.enabled";

    /**
     * The {@code alb.*} settings from Micronaut's environment.
     *
     * @throws io.albtarget.InvalidSettingsException naming each invalid value, which fails the startup
     */
    @Context
    AlbSettings albSettings(PropertyResolver properties) {
        return MicronautSettings.bind(properties);
    }

    /** The target, which starts serving once the server listens. */
    @Context
    AlbTarget albTarget(AlbSettings settings) {
        return AlbTarget.create(settings);
    }
}
