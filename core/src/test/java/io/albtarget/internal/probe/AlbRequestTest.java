package io.albtarget.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.ScriptedServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The bytes the probe puts on the wire, as a server receives them. */
final class AlbRequestTest {

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";

    private static String received(AlbRequest request) {
        try (ScriptedServer server = ScriptedServer.answering(OK)) {
            Exchange answer = HttpProbe.to(server.address()).exchange(request, Duration.ofSeconds(2));
            assertThat(answer.outcome()).isEqualTo(Exchange.Outcome.COMPLETE);
            assertThat(server.requests()).hasSize(1);
            return server.requests().get(0);
        }
    }

    @Test
    void healthCheckIsTheCapturedAlbRequestByteForByte() {
        String wire = received(AlbRequest.healthCheck("/", "10.0.7.140:8080"));

        assertThat(wire).isEqualTo("GET / HTTP/1.1\r\n"
                + "Host: 10.0.7.140:8080\r\n"
                + "Connection: close\r\n"
                + "User-Agent: ELB-HealthChecker/2.0\r\n"
                + "Accept-Encoding: gzip, compressed\r\n"
                + "\r\n");
        assertThat(wire.getBytes(StandardCharsets.ISO_8859_1)).as("tcpdump's length of the captured segment")
                .hasSize(130);
    }

    @Test
    void healthCheckHeadersComeInTheCapturedOrder() {
        String wire = received(AlbRequest.healthCheck("/health?deep=1", "10.0.1.5"));

        assertThat(wire).startsWith("GET /health?deep=1 HTTP/1.1\r\nHost: 10.0.1.5\r\n");
        assertThat(wire.indexOf("\r\nHost:")).isLessThan(wire.indexOf("\r\nConnection:"));
        assertThat(wire.indexOf("\r\nConnection:")).isLessThan(wire.indexOf("\r\nUser-Agent:"));
        assertThat(wire.indexOf("\r\nUser-Agent:")).isLessThan(wire.indexOf("\r\nAccept-Encoding:"));
        assertThat(wire.split("\r\n")).as("request line and four headers, nothing else").hasSize(5);
    }

    @Test
    void forwardedRequestKeepsTheConnectionAlive() {
        String wire = received(AlbRequest.forwarded("/health", "10.0.1.5:8080"));

        assertThat(wire).startsWith("GET /health HTTP/1.1\r\nHost: 10.0.1.5:8080\r\n").endsWith("\r\n\r\n")
                .contains("X-Forwarded-For: ").doesNotContainIgnoringCase("Connection:");
    }

    @Test
    void requestOfSendsExactlyItsCharacters() {
        String text = "GET / HTTP/1.1\r\nHost: a\r\nX-Folded: first\r\n second\r\n\r\n";

        assertThat(received(AlbRequest.of(text))).isEqualTo(text);
    }

    @Test
    void toStringShowsLineEndsForAReport() {
        assertThat(AlbRequest.healthCheck("/", "10.0.7.140").toString())
                .startsWith("GET / HTTP/1.1\\r\\nHost: 10.0.7.140\\r\\n").endsWith("\\r\\n\\r\\n")
                .doesNotContain("\r", "\n");
    }

    @Test
    void theHealthCheckersHostCarriesThePortUnlessItIsTheProtocolsDefault() throws Exception {
        InetAddress v4 = InetAddress.getByName("10.0.3.17");
        assertThat(AlbRequest.healthCheckHost(new InetSocketAddress(v4, 8080), false)).isEqualTo("10.0.3.17:8080");
        assertThat(AlbRequest.healthCheckHost(new InetSocketAddress(v4, 80), false)).isEqualTo("10.0.3.17");
        assertThat(AlbRequest.healthCheckHost(new InetSocketAddress(v4, 443), true)).isEqualTo("10.0.3.17");
        assertThat(AlbRequest.healthCheckHost(new InetSocketAddress(v4, 443), false)).isEqualTo("10.0.3.17:443");
        assertThat(AlbRequest.healthCheckHost(new InetSocketAddress(InetAddress.getByName("fd00::5"), 8080), false))
                .isEqualTo("[fd00:0:0:0:0:0:0:5]:8080");
    }
}
