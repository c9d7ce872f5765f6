package io.albtarget.micronaut;

import io.albtarget.AlbSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;

/** Settings an application defines itself, in the contexts of the tests that set {@code test.user-settings}. */
@Factory
@Requires(property = UserSettings.SWITCH)
final class UserSettings {

    static final String SWITCH = "test.user-settings";
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(120);

    @Singleton
    @Replaces(AlbSettings.class)
    AlbSettings userSettings() {
        return AlbSettings.builder().idleTimeout(IDLE_TIMEOUT).build();
    }
}
