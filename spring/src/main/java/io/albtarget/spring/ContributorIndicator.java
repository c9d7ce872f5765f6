package io.albtarget.spring;

import io.albtarget.spi.HealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.Status;

/**
 * One of Spring's health contributors as an albtarget indicator, so that it runs under albtarget's deadline and
 * cache: a slow contributor never holds the ALB's health answer past {@code alb.health.deadline}.
 *
 * <p>DOWN when the contributor, or any contributor of a composite, reports {@code DOWN} or {@code OUT_OF_SERVICE}
 * (the statuses Spring's health endpoint answers with 503); UP otherwise.
 */
final class ContributorIndicator implements HealthIndicator {

    private final String name;
    private final HealthContributor contributor;

    ContributorIndicator(String name, HealthContributor contributor) {
        this.name = name;
        this.contributor = contributor;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Status check() {
        return isUp(contributor) ? Status.UP : Status.DOWN;
    }

    private static boolean isUp(HealthContributor contributor) {
        if (contributor instanceof org.springframework.boot.health.contributor.HealthIndicator indicator) {
            Health health = indicator.health(false);
            return health == null || !isDown(health.getStatus());
        }
        if (contributor instanceof CompositeHealthContributor composite) {
            return composite.stream().allMatch(entry -> isUp(entry.contributor()));
        }
        return true;
    }

    private static boolean isDown(org.springframework.boot.health.contributor.Status status) {
        return status.equals(org.springframework.boot.health.contributor.Status.DOWN)
                || status.equals(org.springframework.boot.health.contributor.Status.OUT_OF_SERVICE);
    }
}
