package io.albtarget.compat;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.albtarget.AlbSettings;
import io.albtarget.check.CheckTarget;
import io.albtarget.check.Report;
import io.albtarget.check.SelfCheck;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** With Logback on the class path, as under Spring Boot and Micronaut, albtarget's log lines arrive in Logback. */
final class LogbackRoutingIT {

    @Test
    void selfCheckLinesReachLogbackWithTheirLevelsAndTextIntact() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(SelfCheck.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        AlbSettings settings = AlbSettings.builder().idleTimeout(Duration.ofSeconds(1))
                .keepAliveMargin(Duration.ofSeconds(1)).build();
        try {
            Report report = SelfCheck.of(settings, CheckTarget.remote(new InetSocketAddress(
                    InetAddress.getLoopbackAddress(), port))).start().get(10, TimeUnit.SECONDS);

            assertThat(report.hasFailures()).isTrue();
            assertThat(appender.list).anySatisfy(event -> {
                assertThat(event.getLevel().toString()).isEqualTo("INFO");
                assertThat(event.getFormattedMessage()).startsWith("albtarget self-check of http://127.0.0.1:" + port);
            });
            assertThat(appender.list).anySatisfy(event -> {
                assertThat(event.getLevel().toString()).isEqualTo("ERROR");
                assertThat(event.getFormattedMessage()).contains("FAIL health-path: could not connect: connection"
                        + " refused -> Target.FailedHealthChecks; fix: ");
            });
        } finally {
            logger.detachAppender(appender);
        }
    }
}
