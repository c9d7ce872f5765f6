package io.albtarget.spring;

import io.albtarget.AlbSettings;
import io.albtarget.AlbTarget;
import io.albtarget.servlet.AlbFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.server.Server;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnNotWarDeployment;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.web.server.WebFilter;
import reactor.netty.http.server.HttpServer;

/**
 * Makes a Spring Boot application, servlet or WebFlux, a correct target behind an AWS Application Load Balancer.
 *
 * <p>The settings are bound from Spring's {@code Environment} ({@code alb.*} properties, {@code ALB_*} environment
 * variables). {@link AlbFilter} runs first in the servlet filter chain, {@link AlbWebFilter} first among WebFlux's
 * web filters, ahead of Spring Security, and answers the ALB's health checks itself. The embedded Tomcat, Jetty or
 * Reactor Netty reads request heads through albtarget's guard and keeps idle connections longer than the ALB. The target starts serving when the application is ready, is self-checked on
 * the port it listens on, and drains before the web server shuts down. With Actuator, Spring's health contributors
 * count in the health answer, and the endpoint {@code albtarget} shows the settings and the self-check's report.
 *
 * <p>{@code alb.enabled=false} switches it all off. Every bean gives way to one the application defines.
 */
@AutoConfiguration(afterName = "org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration")
@ConditionalOnWebApplication
@ConditionalOnNotWarDeployment
@ConditionalOnBooleanProperty(name = "alb.enabled", matchIfMissing = true)
public final class AlbAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    AlbSettings albSettings(ConfigurableEnvironment environment) {
        return SpringSettings.bind(environment);
    }

    @Bean
    @ConditionalOnMissingBean
    AlbTarget albTarget(AlbSettings settings) {
        return AlbTarget.create(settings);
    }

    @Bean
    @ConditionalOnMissingBean
    StartupSelfCheck albStartupSelfCheck(AlbSettings settings, ObjectProvider<ServerSelfCheck> servers) {
        return new StartupSelfCheck(settings, servers.orderedStream().toList());
    }

    @Bean
    @ConditionalOnMissingBean
    TargetLifecycle albTargetLifecycle(AlbTarget target, ApplicationContext context, StartupSelfCheck selfCheck) {
        return new TargetLifecycle(target, context, selfCheck);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(Filter.class)
    static final class ServletConfiguration {

        /** The filter ahead of every other one, Spring Security's included. */
        @Bean
        @ConditionalOnMissingFilterBean(AlbFilter.class)
        FilterRegistrationBean<AlbFilter> albFilter(AlbTarget target) {
            FilterRegistrationBean<AlbFilter> registration = new FilterRegistrationBean<>(new AlbFilter(target));
            registration.setName("albtarget");
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            registration.setAsyncSupported(true);
            registration.setDispatcherTypes(DispatcherType.REQUEST);
            registration.addUrlPatterns("/*");
            return registration;
        }

        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass({Tomcat.class, TomcatServletWebServerFactory.class})
        static final class TomcatConfiguration {

            @Bean
            @ConditionalOnMissingBean
            EmbeddedTomcat albEmbeddedTomcat(AlbSettings settings, Environment environment) {
                return new EmbeddedTomcat(settings, environment);
            }
        }

        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass({Server.class, JettyServletWebServerFactory.class})
        static final class JettyConfiguration {

            @Bean
            @ConditionalOnMissingBean
            EmbeddedJetty albEmbeddedJetty(AlbSettings settings, Environment environment) {
                return new EmbeddedJetty(settings, environment);
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @ConditionalOnClass({HttpServer.class, NettyReactiveWebServerFactory.class, WebFilter.class})
    @ConditionalOnBean(NettyReactiveWebServerFactory.class)
    static final class ReactorNettyConfiguration {

        @Bean
        @ConditionalOnMissingBean
        EmbeddedReactorNetty albEmbeddedReactorNetty(AlbSettings settings, Environment environment) {
            return new EmbeddedReactorNetty(settings, environment);
        }

        /** The web filter ahead of every other one, Spring Security's included. */
        @Bean
        @ConditionalOnMissingBean
        AlbWebFilter albWebFilter(AlbTarget target) {
            return new AlbWebFilter(target);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthContributorRegistry.class)
    static final class HealthConfiguration {

        @Bean
        @ConditionalOnMissingBean
        SpringHealthIndicators albSpringHealthIndicators(AlbTarget target,
                ObjectProvider<HealthContributorRegistry> registry,
                ObjectProvider<ReactiveHealthContributorRegistry> reactive,
                ObjectProvider<HealthEndpointGroups> groups, Environment environment) {
            return new SpringHealthIndicators(target, registry, reactive, groups, environment);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
    static final class EndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnAvailableEndpoint
        AlbTargetEndpoint albTargetEndpoint(AlbTarget target, StartupSelfCheck selfCheck) {
            return new AlbTargetEndpoint(target, selfCheck);
        }
    }
}
