package io.albtarget.spring;

import static io.albtarget.spring.TestApplication.albHealthCheck;
import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.servlet.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import reactor.core.publisher.Sinks;

/**
 * The application of {@link BehindAlbIT} on WebFlux and Reactor Netty, with Spring Security asking for credentials on
 * every request, a blocking and a reactive health contributor, and one event loop.
 */
@SpringBootTest(classes = ReactiveTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {ReactiveTestApplication.REACTIVE, ReactiveTestApplication.ON_REACTOR_NETTY})
class WebFluxIT extends BehindAlbIT {

    @Autowired
    ReactiveTestApplication.SwitchedReactiveHealth switchedReactive;

    @AfterEach
    void switchReactiveHealthBack() {
        switchedReactive.status = Status.UP;
        switchedReactive.release();
    }

    @Test
    void twoHostLinesAndNoneAreRefused() {
        RawHttp.Response two = RawHttp.exchange(port, albHealthCheck("127.0.0.1\r\nHost: 127.0.0.1"));
        assertThat(two.status()).isEqualTo(400);
        assertThat(two.body()).isEqualTo("more than one Host header\n");
        RawHttp.Response none = RawHttp.exchange(port, "GET /health HTTP/1.1\r\nConnection: close\r\n\r\n");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body()).isEqualTo("Host header is missing\n");
    }

    @Test
    void anIdleConnectionOutlivesTheAlbsIdleTimeout() {
        assertIdleConnectionOutlivesTheAlbsIdleTimeout();
    }

    @Test
    void aReactiveContributorDownTakesTheTargetOutAndAHangingOneNeverHoldsTheAnswer() {
        switchedReactive.status = Status.DOWN;
        RawHttp.Response down = RawHttp.exchange(port, albHealthCheck("127.0.0.1:" + port));
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.body()).isEqualTo("{\"status\":\"DOWN\"}");

        switchedReactive.status = Status.UP;
        assertThat(RawHttp.exchange(port, albHealthCheck("127.0.0.1:" + port)).status()).isEqualTo(200);

        switchedReactive.hold = Sinks.empty();
        RawHttp.Response whileHanging = RawHttp.exchange(port, albHealthCheck("127.0.0.1:" + port));
        assertThat(whileHanging.status()).as("its last result, UP, within alb.health.deadline").isEqualTo(200);
        assertThat(switchedReactive.subscribedOn).as("asked on albtarget's threads, not the event loop")
                .startsWith("albtarget-health-");
    }
}
