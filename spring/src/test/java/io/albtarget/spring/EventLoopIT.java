package io.albtarget.spring;

import static io.albtarget.spring.TestApplication.albHealthCheck;
import static io.albtarget.spring.TestApplication.authenticatedGet;
import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.servlet.RawHttp;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import reactor.core.publisher.Sinks;

/**
 * No albtarget code holds the event loop: with one event-loop thread for every connection, a health check that waits
 * for a contributor (up to a deadline of 9 s here) leaves the loop serving other requests, and its answer follows
 * once the contributor answers.
 */
@SpringBootTest(classes = ReactiveTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {ReactiveTestApplication.REACTIVE, ReactiveTestApplication.ON_REACTOR_NETTY, "alb.health-check.timeout=10s", "alb.health.deadline=9s"})
class EventLoopIT {

    @LocalServerPort
    int port;

    @Autowired
    ReactiveTestApplication.SwitchedReactiveHealth switchedReactive;

    @Test
    void theEventLoopServesOtherRequestsWhileAContributorIsAsked() throws Exception {
        switchedReactive.hold = Sinks.empty();
        try {
            CompletableFuture<RawHttp.Response> health = CompletableFuture.supplyAsync(
                    () -> RawHttp.exchange(port, albHealthCheck("127.0.0.1:" + port)));
            assertThat(switchedReactive.asked.tryAcquire(5, TimeUnit.SECONDS)).as("the contributor was asked").isTrue();

            RawHttp.Response hello = RawHttp.exchange(port, authenticatedGet("/hello", port));

            assertThat(hello.body()).isEqualTo("hello");
            assertThat(health).as("the health check still waits for the contributor").isNotDone();
            assertThat(switchedReactive.subscribedOn).startsWith("albtarget-health-");
            switchedReactive.release();
            assertThat(health.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        } finally {
            switchedReactive.release();
        }
    }
}
