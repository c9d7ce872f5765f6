/**
 * Spring Boot 4 auto-configuration for servlet applications behind an ALB: the settings bound from Spring's
 * {@code Environment}, the {@link io.albtarget.servlet.AlbFilter} first in the chain, the embedded Tomcat or Jetty
 * guarded and tuned, the target started when the application is ready and drained before the web server stops,
 * the startup self-check, and with Actuator, health contributors as indicators and an {@code albtarget} endpoint.
 */
@NullMarked
package io.albtarget.spring;

import org.jspecify.annotations.NullMarked;
