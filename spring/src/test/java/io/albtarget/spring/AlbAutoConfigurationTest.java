package io.albtarget.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import io.albtarget.AlbTarget;
import io.albtarget.health.HealthState;
import io.albtarget.servlet.AlbFilter;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.context.servlet.AnnotationConfigServletWebApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;

class AlbAutoConfigurationTest {

    /** A servlet web application as an embedded server runs it: no servlet context while beans are defined. */
    private final WebApplicationContextRunner runner = new WebApplicationContextRunner(
            AnnotationConfigServletWebApplicationContext::new)
            .withConfiguration(AutoConfigurations.of(AlbAutoConfiguration.class))
            .withPropertyValues("alb.drain.wait=0s");

    @Test
    void defaultsMakeTheTargetAndPutTheFilterFirst() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(AlbSettings.class).hasSingleBean(AlbTarget.class)
                    .hasSingleBean(TargetLifecycle.class).hasSingleBean(StartupSelfCheck.class)
                    .hasSingleBean(EmbeddedTomcat.class).hasSingleBean(EmbeddedJetty.class)
                    .hasSingleBean(SpringHealthIndicators.class).doesNotHaveBean(AlbTargetEndpoint.class);
            FilterRegistrationBean<?> registration = context.getBean(FilterRegistrationBean.class);
            assertThat(registration.getFilter()).isInstanceOf(AlbFilter.class);
            assertThat(registration.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE);
            assertThat(registration.isAsyncSupported()).isTrue();
            assertThat(registration.getUrlPatterns()).containsExactly("/*");
            assertThat(registration.determineDispatcherTypes()).containsExactly(DispatcherType.REQUEST);
        });
    }

    @Test
    void settingsComeFromTheEnvironment() {
        runner.withPropertyValues("alb.idle-timeout=120s", "alb.health-check.matcher=200-299")
                .run(context -> {
                    AlbSettings settings = context.getBean(AlbSettings.class);
                    assertThat(settings.idleTimeout()).isEqualTo(Duration.ofSeconds(120));
                    assertThat(settings.matcher().healthyCode()).isEqualTo(200);
                });
    }

    @Test
    void givesWayToTheApplicationsBeans() {
        runner.withUserConfiguration(OwnBeans.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(AlbSettings.class)).isSameAs(OwnBeans.SETTINGS);
            assertThat(context.getBean(AlbTarget.class).settings()).isSameAs(OwnBeans.SETTINGS);
            assertThat(context.getBeansOfType(FilterRegistrationBean.class)).containsOnlyKeys("ownFilter");
        });
    }

    @Test
    void switchedOffMakesNoBean() {
        runner.withPropertyValues("alb.enabled=false", "alb.idle-timeout=0s").run(context -> assertThat(context)
                .hasNotFailed().doesNotHaveBean(AlbSettings.class).doesNotHaveBean(AlbTarget.class)
                .doesNotHaveBean(FilterRegistrationBean.class).doesNotHaveBean(TargetLifecycle.class)
                .doesNotHaveBean(EmbeddedTomcat.class).doesNotHaveBean(EmbeddedJetty.class)
                .doesNotHaveBean(SpringHealthIndicators.class));
    }

    @Test
    void switchedOffByTheEnvironmentVariable() {
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("test-variables", Map.of("ALB_ENABLED", "false"))))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(AlbTarget.class));
    }

    @Test
    void aWebFluxApplicationGetsTheWebFilterAndReactorNettysTuningAndNoServletFilter() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(NettyReactiveWebServerAutoConfiguration.class,
                        AlbAutoConfiguration.class))
                .withPropertyValues("alb.drain.wait=0s")
                .run(context -> assertThat(context).hasNotFailed()
                        .hasSingleBean(AlbTarget.class).hasSingleBean(TargetLifecycle.class)
                        .hasSingleBean(AlbWebFilter.class).hasSingleBean(EmbeddedReactorNetty.class)
                        .doesNotHaveBean(FilterRegistrationBean.class).doesNotHaveBean(EmbeddedTomcat.class)
                        .doesNotHaveBean(EmbeddedJetty.class));
    }

    @Test
    void aWebFluxApplicationOnAnotherServerGetsNoWebFilter() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(AlbAutoConfiguration.class))
                .withPropertyValues("alb.drain.wait=0s")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(AlbTarget.class)
                        .doesNotHaveBean(AlbWebFilter.class).doesNotHaveBean(EmbeddedReactorNetty.class));
    }

    @Test
    void aServletApplicationGetsNoWebFilter() {
        runner.run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(AlbWebFilter.class).doesNotHaveBean(EmbeddedReactorNetty.class));
    }

    @Test
    void aNonWebApplicationGetsNothing() {
        new org.springframework.boot.test.context.runner.ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(AlbAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(AlbTarget.class));
    }

    @Test
    void withoutJettyOrTomcatOnlyTheOtherIsAdapted() {
        runner.withClassLoader(new FilteredClassLoader(Server.class)).run(context -> assertThat(context)
                .hasNotFailed().hasSingleBean(EmbeddedTomcat.class).doesNotHaveBean(EmbeddedJetty.class));
        runner.withClassLoader(new FilteredClassLoader(org.apache.catalina.startup.Tomcat.class))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(EmbeddedJetty.class)
                        .doesNotHaveBean(EmbeddedTomcat.class));
    }

    @Test
    void withoutActuatorOrSpringHealthThereIsNoEndpointAndNoContributor() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=albtarget")
                .withClassLoader(new FilteredClassLoader(Endpoint.class, HealthContributorRegistry.class))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(AlbTarget.class)
                        .doesNotHaveBean(AlbTargetEndpoint.class).doesNotHaveBean(SpringHealthIndicators.class));
    }

    @Test
    void withoutSpringSecurityTheFilterIsTheSame() {
        runner.withClassLoader(new FilteredClassLoader(HttpSecurity.class)).run(context -> assertThat(context)
                .hasNotFailed().hasSingleBean(FilterRegistrationBean.class).hasSingleBean(AlbTarget.class));
    }

    @Test
    void theEndpointOnceExposed() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=albtarget")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(AlbTargetEndpoint.class));
    }

    @Test
    void anInvalidValueFailsStartupWithTheAnalyzersReport() {
        runner.withPropertyValues("alb.idle-timeout=0s", "alb.health-check.intreval=10s").run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getDescription())
                    .contains("alb.idle-timeout must be between 1s and 4000s, but was 0s")
                    .contains("unknown setting alb.health-check.intreval (did you mean alb.health-check.interval?)");
            assertThat(analysis.getAction()).contains("application.yaml").contains("ALB_IDLE_TIMEOUT")
                    .contains("alb.enabled=false").contains("\n    alb.idle-timeout (ALB_IDLE_TIMEOUT): 1–4000 s")
                    .contains("\n    alb.health-check.intreval: not an albtarget setting; remove or rename it");
        });
    }

    /**
     * As Spring Boot reports a failed startup: through the analyzers listed in {@code spring.factories} (those that
     * need the failed context to be made are left out).
     */
    private static FailureAnalysis analyze(Throwable failure) {
        return SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalyzer.class, null,
                        SpringFactoriesLoader.FailureHandler.handleMessage((message, problem) -> { }))
                .stream()
                .map(analyzer -> analyzer.analyze(failure))
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no failure analyzer for " + failure));
    }

    @Test
    void readinessMovesTheTarget() {
        runner.run(context -> {
            AlbTarget target = context.getBean(AlbTarget.class);
            assertThat(target.health().state()).isEqualTo(HealthState.STARTING);
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
            assertThat(target.health().state()).isEqualTo(HealthState.SERVING);
            AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
            assertThat(target.health().state()).isIn(HealthState.DRAINING, HealthState.STOPPED);
        });
    }

    @Test
    void closingTheContextDrainsTheTarget() {
        AlbTarget[] target = new AlbTarget[1];
        runner.run(context -> {
            target[0] = context.getBean(AlbTarget.class);
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        });
        assertThat(target[0].health().state()).isEqualTo(HealthState.STOPPED);
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {

        static final AlbSettings SETTINGS = AlbSettings.builder().idleTimeout(Duration.ofSeconds(90)).build();

        @Bean
        AlbSettings ownSettings() {
            return SETTINGS;
        }

        @Bean
        FilterRegistrationBean<AlbFilter> ownFilter(AlbTarget target) {
            return new FilterRegistrationBean<>(new AlbFilter(target));
        }
    }
}
