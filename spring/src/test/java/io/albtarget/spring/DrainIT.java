package io.albtarget.spring;

import static io.albtarget.spring.TestApplication.albHealthCheck;
import static io.albtarget.spring.TestApplication.authenticatedGet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.albtarget.servlet.RawHttp;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Closing the application, as Spring Boot's shutdown hook does on SIGTERM: health turns 503 at once, new requests
 * (an async {@code Callable} among them, which needs Spring's task executor) are still served with {@code Connection: close} through the drain wait,
 * requests in flight (synchronous, {@code DeferredResult}, {@code StreamingResponseBody}) outlive it and finish,
 * and only then does the web server stop, whatever {@code server.shutdown} says.
 */
class DrainIT {

    @ParameterizedTest(name = "{0}, server.shutdown={1}")
    @CsvSource({
        "tomcat, graceful",
        "tomcat, immediate",
        "jetty, graceful",
    })
    void inFlightRequestsOutliveTheDrainWaitAndTheServerStopsAfter(String server, String shutdown)
            throws Exception {
        String other = server.equals("tomcat")
                ? "org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration"
                : "org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration";
        ConfigurableApplicationContext application = new SpringApplicationBuilder(TestApplication.class)
                .properties("server.port=0", "server.shutdown=" + shutdown, "alb.self-check=off",
                        "spring.autoconfigure.exclude=" + other)
                .run();
        int port = ((WebServerApplicationContext) application).getWebServer().getPort();
        TestApplication.Gate gate = application.getBean(TestApplication.Gate.class);
        Thread closing = new Thread(application::close, "test-close");
        try (RawHttp sync = RawHttp.connect(port).send(authenticatedGet("/sync", port));
                RawHttp deferred = RawHttp.connect(port).send(authenticatedGet("/deferred", port));
                RawHttp streaming = RawHttp.connect(port).send(authenticatedGet("/streaming", port))) {
            assertThat(gate.awaitArrivals(3)).as("three requests in flight").isTrue();

            closing.start();
            await().atMost(Duration.ofSeconds(5)).until(
                    () -> RawHttp.exchange(port, albHealthCheck("127.0.0.1:" + port)).body(),
                    body -> body.equals("{\"status\":\"DRAINING\"}"));
            RawHttp.Response during = RawHttp.exchange(port, authenticatedGet("/callable", port));
            assertThat(during.status()).as("%s", during).isEqualTo(200);
            assertThat(during.body()).isEqualTo("callable");
            assertThat(during.header("Connection")).isEqualToIgnoringCase("close");

            // twice alb.drain.wait: the requests in flight outlive the wait, and the close waits for them
            Thread.sleep(600);
            assertThat(closing.isAlive()).as("the close waits for the requests in flight").isTrue();
            gate.open();

            assertThat(sync.read().body()).isEqualTo("sync");
            assertThat(deferred.read().body()).isEqualTo("deferred");
            assertThat(streaming.read().body()).isEqualTo("streaming");
        } finally {
            gate.open();
        }
        closing.join(Duration.ofSeconds(15).toMillis());
        assertThat(closing.isAlive()).as("closed once drained").isFalse();
        assertThatThrownBy(() -> connect(port)).isInstanceOf(ConnectException.class);
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        }
    }
}
