package io.albtarget.spring;

import static io.albtarget.servlet.GuardAssertions.assertRefusedAndClosed;
import static io.albtarget.spring.TestApplication.albHealthCheck;
import static io.albtarget.spring.TestApplication.authenticatedGet;
import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.servlet.RawHttp;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A Spring Boot application with Spring Security asking for credentials on every request, as the ALB and clients
 * speak to it over raw sockets; each subclass runs it on one embedded server.
 */
abstract class BehindAlbIT {

    @LocalServerPort
    int port;

    @Autowired
    TestApplication.SwitchedHealth switched;

    @AfterEach
    void switchHealthBack() {
        switched.status = Status.UP;
        switched.hold.countDown();
    }

    @Test
    void theAlbHealthCheckGetsTheMatchersCodeWithoutCredentials() {
        RawHttp.Response response = RawHttp.exchange(port, albHealthCheck("127.0.0.1:" + port));
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        assertThat(RawHttp.exchange(port, albHealthCheck("127.0.0.1")).status()).isEqualTo(200);
    }

    @Test
    void everyOtherRequestAsksForCredentials() {
        String anonymous = "GET /hello HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n";
        assertThat(RawHttp.exchange(port, anonymous).status()).isEqualTo(401);
        RawHttp.Response response = RawHttp.exchange(port, authenticatedGet("/hello", port));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello");
    }

    @Test
    void aForeignHostIsRefused() {
        RawHttp.Response response = RawHttp.exchange(port, albHealthCheck("203.0.113.9"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
        assertThat(response.body()).isEqualTo("Host is not an address of this target\n");
    }

    @Test
    void aMultiLineHeaderIsRefusedAheadOfTheServersParser() {
        assertRefused("GET", "X-Test: a\r\n b\r\n\r\n");
    }

    @Test
    void anEmptyHeaderNameIsRefused() {
        assertRefused("GET", ": value\r\n\r\n");
    }

    @Test
    void contentLengthWithTransferEncodingIsRefused() {
        assertRefused("POST", "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
    }

    /**
     * A kept-alive connection stays open past the ALB's idle timeout (alb.idle-timeout 2s + alb.keep-alive.margin
     * 1s in the tests' settings) and closes once idle for 3s: the server's own timeout, longer or never, would keep
     * it open, so the close shows albtarget's setting.
     */
    void assertIdleConnectionOutlivesTheAlbsIdleTimeout() {
        try (RawHttp http = RawHttp.connect(port)) {
            http.send(albHealthCheck("127.0.0.1:" + port).replace("Connection: close\r\n", ""));
            assertThat(http.read().status()).isEqualTo(200);
            assertThat(http.closedWithin(Duration.ofMillis(2500))).as("closed before the ALB's idle timeout").isFalse();
            assertThat(http.closedWithin(Duration.ofSeconds(3))).as("closed once idle for 3s").isTrue();
        }
    }

    /** An authenticated request with these last field lines (and body) gets albtarget's refusal and a close. */
    private void assertRefused(String method, String lastLines) {
        try (RawHttp http = RawHttp.connect(port)) {
            http.send(method + " /hello HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + TestApplication.AUTHORIZATION
                    + lastLines);
            assertRefusedAndClosed(http);
        }
    }

    @Test
    void aContributorDownTakesTheTargetOutAndAHangingOneNeverHoldsTheAnswer() throws InterruptedException {
        switched.status = Status.DOWN;
        RawHttp.Response down = RawHttp.exchange(port, albHealthCheck("127.0.0.1:" + port));
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.body()).isEqualTo("{\"status\":\"DOWN\"}");

        switched.status = Status.UP;
        assertThat(RawHttp.exchange(port, albHealthCheck("127.0.0.1:" + port)).status()).isEqualTo(200);

        CountDownLatch hold = new CountDownLatch(1);
        switched.hold = hold;
        RawHttp.Response whileHanging = RawHttp.exchange(port, albHealthCheck("127.0.0.1:" + port));
        assertThat(switched.held.tryAcquire(5, TimeUnit.SECONDS)).as("the contributor was asked").isTrue();
        assertThat(hold.getCount()).as("the contributor still hangs").isEqualTo(1);
        assertThat(whileHanging.status()).as("its last result, UP, within alb.health.deadline").isEqualTo(200);
    }

    @Test
    void theEndpointShowsTheSettingsToTheAuthenticatedOnly() {
        String anonymous = "GET /actuator/albtarget HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nConnection: close\r\n\r\n";
        assertThat(RawHttp.exchange(port, anonymous).status()).isEqualTo(401);
        RawHttp.Response response = RawHttp.exchange(port, authenticatedGet("/actuator/albtarget", port));
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.body()).startsWith("{\"state\":\"SERVING\",\"settings\":{\"alb.enabled\":\"true\",")
                .contains("\"alb.idle-timeout\":\"2s\"");
    }
}
