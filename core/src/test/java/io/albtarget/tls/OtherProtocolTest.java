package io.albtarget.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import io.albtarget.ScriptedServer;
import io.albtarget.check.CheckTarget;
import io.albtarget.check.Finding;
import io.albtarget.check.Report;
import io.albtarget.check.SelfCheck;
import io.albtarget.check.Severity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A port that speaks the other protocol than the target's: plain HTTP sent to a TLS port (a JDK server, which
 * answers with an alert, and one that answers with a 400 of its own as Tomcat does), and TLS sent to a plain port.
 * The report says so instead of blaming the Host forms, the framing or the cipher suites.
 */
class OtherProtocolTest {

    private static final AlbSettings SETTINGS = AlbSettings.builder().timeout(Duration.ofSeconds(2))
            .interval(Duration.ofSeconds(5)).idleTimeout(Duration.ofSeconds(1)).keepAliveMargin(Duration.ofSeconds(1))
            .build();
    private static final List<String> PROBING = List.of("host-forms", "framing.obs-fold",
            "framing.empty-header-name");

    private static SSLContext context;

    @BeforeAll
    static void keys() {
        context = TestPki.selfSigned(TestPki.rsa(2048)).serverContext();
    }

    private static Finding finding(Report report, String id) {
        return report.findings().stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow();
    }

    private static CheckTarget loopback(int port) {
        return CheckTarget.remote(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    @Test
    void plainHttpToAJdkTlsServerSaysThePortSpeaksTls() throws IOException {
        try (TestTlsServer server = TestTlsServer.start(context)) {
            SelfCheck selfCheck = SelfCheck.of(SETTINGS, loopback(server.port()));
            Report report = selfCheck.run();
            Finding measured = selfCheck.measureKeepAlive().findings().get(0);

            String told = "the port speaks TLS, not plain HTTP: it answered the plain-HTTP request with a TLS alert"
                    + " record";
            Finding health = finding(report, "health-path");
            assertThat(health.severity()).isEqualTo(Severity.FAIL);
            assertThat(health.symptom()).isEqualTo("Target.FailedHealthChecks");
            assertThat(health.message()).isEqualTo(told);
            assertThat(health.fix()).startsWith("make the target group's protocol HTTPS for this port (https:// for"
                    + " albtarget-doctor)");
            for (String id : PROBING) {
                assertThat(finding(report, id).severity()).as(id).isEqualTo(Severity.SKIP);
                assertThat(finding(report, id).message()).as(id).isEqualTo(told);
            }
            assertThat(measured.severity()).isEqualTo(Severity.SKIP);
            assertThat(measured.message()).isEqualTo(told);
        }
    }

    @Test
    void plainHttpToATlsPortThatAnswers400AsTomcatDoesSaysThePortSpeaksTls() {
        try (TomcatLikeTlsPort server = new TomcatLikeTlsPort(context)) {
            Report report = SelfCheck.of(SETTINGS, loopback(server.port())).run();

            Finding health = finding(report, "health-path");
            assertThat(health.severity()).as(report.toText()).isEqualTo(Severity.FAIL);
            assertThat(health.message()).startsWith("the port speaks TLS, not plain HTTP: a TLS handshake completes"
                    + " (TLSv1.3 TLS_").contains("where the plain-HTTP health check got HTTP/1.1 400 in ");
            assertThat(health.message()).doesNotContain("Host header");
            for (String id : PROBING) {
                assertThat(finding(report, id).severity()).as(id).isEqualTo(Severity.SKIP);
                assertThat(finding(report, id).message()).as(id).isEqualTo(health.message());
            }
        }
    }

    @Test
    void tlsToAPlainPortSaysThePortAnswersPlainHttpAndBlamesNoCipherSuite() {
        try (ScriptedServer server = ScriptedServer.answering(
                "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")) {
            Report report = SelfCheck.of(SETTINGS, loopback(server.port()).tls(true)).run();

            String told = "the port answers plain HTTP, not TLS: it answered the TLS ClientHello with"
                    + " 'HTTP/1.1 400 Bad Request'";
            assertThat(finding(report, "health-path").message()).isEqualTo(told);
            assertThat(finding(report, "health-path").fix()).startsWith("make the target group's protocol HTTP for"
                    + " this port (http:// for albtarget-doctor), or serve TLS on it");
            for (String id : List.of("tls.2016-08", "tls.tls13-1-0-2021-06")) {
                Finding tls = finding(report, id);
                assertThat(tls.severity()).as(id).isEqualTo(Severity.FAIL);
                assertThat(tls.symptom()).isEqualTo("HTTP 502");
                assertThat(tls.message()).contains(told).doesNotContain("cipher suites", "UNKNOWN");
            }
            for (String id : PROBING) {
                assertThat(finding(report, id).severity()).as(id).isEqualTo(Severity.SKIP);
            }
            assertThat(report.findings()).extracting(Finding::id).doesNotContain("tls.certificate");
        }
    }

    /**
     * A port that speaks TLS (a JDK server socket layered over the accepted connection) and answers a plain-HTTP
     * request with the 400 Tomcat sends on its TLS connectors.
     */
    private static final class TomcatLikeTlsPort implements AutoCloseable {
        private static final int TLS_HANDSHAKE = 0x16;
        private static final String TLS_REQUIRED = "HTTP/1.1 400 \r\nContent-Type: text/plain;charset=UTF-8\r\n"
                + "Connection: close\r\n\r\nBad Request\r\nThis combination of host and port requires TLS.\r\n";

        private final ServerSocket listener;
        private final SSLContext context;

        TomcatLikeTlsPort(SSLContext context) {
            this.context = context;
            try {
                listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread acceptor = new Thread(this::accept, "tomcat-like-tls-port");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        private void accept() {
            while (!listener.isClosed()) {
                try (Socket socket = listener.accept()) {
                    socket.setSoTimeout(5_000);
                    serve(socket);
                } catch (IOException e) {
                    // a client that went away, or the listener closing
                }
            }
        }

        private void serve(Socket socket) throws IOException {
            // unbuffered: the TLS layer reads the rest of the ClientHello from the socket itself
            InputStream in = socket.getInputStream();
            int first = in.read();
            if (first != TLS_HANDSHAKE) {
                ScriptedServer.readHead(in);
                socket.getOutputStream().write(TLS_REQUIRED.getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            SSLSocket secure = (SSLSocket) context.getSocketFactory().createSocket(socket,
                    new ByteArrayInputStream(new byte[] {(byte) first}), false);
            secure.setUseClientMode(false);
            secure.startHandshake();
            ScriptedServer.readHead(secure.getInputStream());
            secure.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                    .getBytes(StandardCharsets.ISO_8859_1));
        }

        @Override
        public void close() {
            try {
                listener.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
