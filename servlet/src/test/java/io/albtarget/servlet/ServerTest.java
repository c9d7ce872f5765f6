package io.albtarget.servlet;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A test run once per server in {@link TestServers#selected()}: every server, or those named in the system property
 * {@code albtarget.servers} (e.g. {@code -Dalbtarget.servers=TOMCAT,JETTY}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@MethodSource("io.albtarget.servlet.TestServers#selected")
@interface ServerTest {
}
