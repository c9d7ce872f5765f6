package io.albtarget.spring;

import io.albtarget.AlbTarget;
import java.util.function.Predicate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.core.env.Environment;

/**
 * Registers Spring's health contributors with the target's health, each as a {@link ContributorIndicator}, once
 * every singleton exists: all of them, reactive ones included, or the members of the health group named by
 * {@code albtarget.spring.health-group} (e.g. {@code readiness}).
 */
final class SpringHealthIndicators implements SmartInitializingSingleton {

    static final String GROUP = "albtarget.spring.health-group";

    private final AlbTarget target;
    private final ObjectProvider<HealthContributorRegistry> registry;
    private final ObjectProvider<ReactiveHealthContributorRegistry> reactive;
    private final ObjectProvider<HealthEndpointGroups> groups;
    private final Environment environment;

    SpringHealthIndicators(AlbTarget target, ObjectProvider<HealthContributorRegistry> registry,
            ObjectProvider<ReactiveHealthContributorRegistry> reactive, ObjectProvider<HealthEndpointGroups> groups,
            Environment environment) {
        this.target = target;
        this.registry = registry;
        this.reactive = reactive;
        this.groups = groups;
        this.environment = environment;
    }

    /**
     * @throws IllegalStateException if {@code albtarget.spring.health-group} names no health group
     */
    @Override
    public void afterSingletonsInstantiated() {
        HealthContributorRegistry contributors = registry.getIfAvailable();
        ReactiveHealthContributorRegistry reactiveContributors = reactive.getIfAvailable();
        if (contributors == null && reactiveContributors == null) {
            return;
        }
        Predicate<String> member = members(environment.getProperty(GROUP, "").strip());
        if (contributors != null) {
            contributors.stream().filter(entry -> member.test(entry.name()))
                    .forEach(entry -> register(entry.name(), entry.contributor()));
        }
        if (reactiveContributors != null) {
            // each blocks on albtarget's own indicator threads, never on an event loop
            reactiveContributors.stream().filter(entry -> member.test(entry.name()))
                    .forEach(entry -> register(entry.name(), entry.contributor().asHealthContributor()));
        }
    }

    private void register(String name, HealthContributor contributor) {
        target.health().register(new ContributorIndicator(name, contributor));
    }

    private Predicate<String> members(String name) {
        if (name.isEmpty()) {
            return contributor -> true;
        }
        HealthEndpointGroups known = groups.getIfAvailable();
        HealthEndpointGroup group = known == null ? null : known.get(name);
        if (group == null) {
            throw new IllegalStateException(GROUP + " must name a health group, one of "
                    + (known == null ? "none (the health endpoint is not available)" : known.getNames())
                    + ", but was '" + name + "'");
        }
        return group::isMember;
    }
}
