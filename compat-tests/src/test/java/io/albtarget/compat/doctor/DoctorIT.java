package io.albtarget.compat.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The doctor against plain Jetty servers, which nobody here configured for an ALB. */
final class DoctorIT {

    private Server server;

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void aServerThatKeepsConnectionsLongerThanTheAlbPassesWithExitZeroAndJson() throws Exception {
        String url = start(Duration.ofSeconds(30));

        DoctorRun run = DoctorRun.of(url, "--path", "/health", "--timeout", "2s", "--idle-timeout", "1s",
                "--keep-alive-margin", "1s", "--json");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out.strip()).startsWith("{\"target\":\"http://127.0.0.1:").endsWith("}")
                .contains("\"verdict\":\"", "\"counts\":{\"pass\":", "\"fail\":0",
                        "{\"id\":\"health-path\",\"severity\":\"PASS\",\"symptom\":\"\",\"message\":\"GET /health"
                                + " with Host 127.0.0.1:",
                        "{\"id\":\"keep-alive.measured\",\"severity\":\"PASS\"");
        assertThat(run.err).contains("watching an idle connection for up to 2s");
    }

    @Test
    void aServerWhoseIdleTimeoutIsBelowTheAlbsExitsOneNamingHttp502() throws Exception {
        String url = start(Duration.ofSeconds(1));

        DoctorRun run = DoctorRun.of(url + "/health", "--timeout", "2s", "--idle-timeout", "2s",
                "--keep-alive-margin", "1s");

        assertThat(run.exitCode).as(run.toString()).isEqualTo(Doctor.FAILED);
        assertThat(run.out).containsPattern("FAIL keep-alive.measured +the server closed an idle connection after"
                + " 1\\.\\d s, before alb.idle-timeout 2s: the ALB reuses it and clients get HTTP 502 -> HTTP 502");
        assertThat(run.out).contains("PASS health-path").endsWith("FAIL: the ALB would show the symptoms above\n");
    }

    @Test
    void aHealthPathNobodyServesFailsWithResponseCodeMismatch() throws Exception {
        String url = start(Duration.ofSeconds(30));

        DoctorRun run = DoctorRun.of(url, "--path", "/status", "--skip-keep-alive");

        assertThat(run.exitCode).as(run.toString()).isEqualTo(Doctor.FAILED);
        assertThat(run.out).contains("FAIL health-path", "GET /status with Host 127.0.0.1:", "-> 404",
                "nothing serves the health path -> Target.ResponseCodeMismatch");
        assertThat(run.err).doesNotContain("watching an idle connection");
    }

    @Test
    void thePackagedJarRunsAsAUserRunsIt() throws Exception {
        String url = start(Duration.ofSeconds(1));
        Path jar = Path.of("target", "albtarget-doctor.jar");
        assertThat(jar).exists();

        Process doctor = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), url, "--path", "/health", "--idle-timeout", "2s", "--keep-alive-margin", "1s")
                .redirectErrorStream(true).start();
        String printed = new String(doctor.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(doctor.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(doctor.exitValue()).as(printed).isEqualTo(Doctor.FAILED);
        assertThat(printed).contains("FAIL keep-alive.measured", "clients get HTTP 502");
    }

    @Test
    void anHttpsUrlOfThisPlainPortSaysThePortAnswersPlainHttpAndBlamesNoCipherSuite() throws Exception {
        String url = start(Duration.ofSeconds(30)).replace("http://", "https://");

        DoctorRun run = DoctorRun.of(url, "--skip-keep-alive");

        assertThat(run.exitCode).as(run.toString()).isEqualTo(Doctor.FAILED);
        String told = "the port answers plain HTTP, not TLS: it answered the TLS ClientHello with 'HTTP/1.1 400 Bad"
                + " Request'";
        assertThat(run.out).containsPattern("FAIL health-path +" + Pattern.quote(told)
                + " -> Target.FailedHealthChecks");
        assertThat(run.out).contains("fix: make the target group's protocol HTTP for this port (http:// for"
                + " albtarget-doctor), or serve TLS on it");
        assertThat(run.out).containsPattern("FAIL tls.2016-08 +ELBSecurityPolicy-2016-08: " + Pattern.quote(told));
        assertThat(run.out).containsPattern("FAIL tls.tls13-1-0-2021-06 +ELBSecurityPolicy-TLS13-1-0-2021-06: "
                + Pattern.quote(told));
        assertThat(run.out).doesNotContain("cipher suites", "UNKNOWN", "PASS host-forms", "PASS framing");
    }

    /** A Jetty server answering 200 on /health and 404 elsewhere, with the connector's idle timeout. */
    private String start(Duration idleTimeout) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setIdleTimeout(idleTimeout.toMillis());
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                if (!Request.getPathInContext(request).equals("/health")) {
                    return false;
                }
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
                response.write(true, StandardCharsets.UTF_8.encode("UP"), callback);
                return true;
            }
        });
        server.start();
        return "http://127.0.0.1:" + connector.getLocalPort();
    }
}
