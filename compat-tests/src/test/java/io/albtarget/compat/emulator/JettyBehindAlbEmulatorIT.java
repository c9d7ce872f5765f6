package io.albtarget.compat.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import io.albtarget.compat.health.TimeScale;
import io.albtarget.servlet.RawHttp;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A real server behind the emulator: Jetty, whose idle timeout decides how long it keeps a connection. */
class JettyBehindAlbEmulatorIT {

    private final Server jetty = new Server();

    private InetSocketAddress startJetty(Duration idleTimeout) throws Exception {
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setIdleTimeout(idleTimeout.toMillis());
        jetty.addConnector(connector);
        jetty.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(200);
                response.write(true, ByteBuffer.wrap("ok".getBytes(StandardCharsets.US_ASCII)), callback);
                return true;
            }
        });
        jetty.start();
        return new InetSocketAddress("127.0.0.1", connector.getLocalPort());
    }

    @AfterEach
    void stopJetty() throws Exception {
        jetty.stop();
    }

    private static AlbEmulator emulator(Duration idleTimeout) {
        return AlbEmulator.builder().settings(AlbSettings.builder().healthCheckPath("/health")
                .interval(Duration.ofSeconds(5)).timeout(Duration.ofSeconds(2)).idleTimeout(idleTimeout).build())
                .timeScale(TimeScale.dividedBy(10)).start();
    }

    private static int get(AlbEmulator alb) {
        try (RawHttp client = RawHttp.connect(alb.port())) {
            return client.send("GET / HTTP/1.1\r\nHost: app.example\r\n\r\n").read().status();
        }
    }

    /** The statuses of two requests 1.5 s apart through the emulator, once the target is healthy. */
    private static List<Integer> twoRequestsAGapApart(InetSocketAddress target, AlbEmulator alb) throws Exception {
        alb.register(target);
        alb.awaitHealthy(target, Duration.ofSeconds(10));
        int first = get(alb);
        Thread.sleep(1500);
        return List.of(first, get(alb));
    }

    @Test
    void jettyWithAnIdleTimeoutShorterThanTheAlbsAnswersSomeRequestsWith502() throws Exception {
        InetSocketAddress target = startJetty(Duration.ofMillis(500));
        try (AlbEmulator alb = emulator(Duration.ofSeconds(3))) {
            assertThat(twoRequestsAGapApart(target, alb)).containsExactly(200, 502);
            List<ErrorEvent> errors = alb.errors();
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).reason()).startsWith("pooled connection reused after the target closed it");
        }
    }

    @Test
    void jettyWithAnIdleTimeoutLongerThanTheAlbsAnswersEveryRequest() throws Exception {
        InetSocketAddress target = startJetty(Duration.ofSeconds(5));
        try (AlbEmulator alb = emulator(Duration.ofSeconds(1))) {
            assertThat(twoRequestsAGapApart(target, alb)).containsExactly(200, 200);
            assertThat(alb.errors()).isEmpty();
        }
    }
}
