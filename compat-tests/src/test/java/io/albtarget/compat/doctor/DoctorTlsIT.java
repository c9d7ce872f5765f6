package io.albtarget.compat.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.servlet.TestKeystore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The doctor against Jetty HTTPS connectors: the ALB's handshake per back-end policy, and the key files. */
final class DoctorTlsIT {

    @TempDir
    private Path dir;
    private Server server;

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void aDefaultHttpsConnectorPassesBothPoliciesShowingTheNegotiatedSuiteAndTheAcceptedOnes() throws Exception {
        String url = start();

        DoctorRun run = DoctorRun.of(url, "--tls-policy", "both", "--skip-keep-alive");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).containsPattern("PASS tls.2016-08 +ELBSecurityPolicy-2016-08: negotiated TLSv1.2"
                + " TLS_ECDHE_RSA_WITH_AES_\\d+_GCM_SHA\\d+ in \\d+ ms; accepts TLSv1.2 and \\d+ of 18 suites: "
                + "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, ");
        assertThat(run.out).containsPattern("PASS tls.tls13-1-0-2021-06 +ELBSecurityPolicy-TLS13-1-0-2021-06:"
                + " negotiated TLSv1.3 TLS_AES_\\d+_GCM_SHA\\d+ in \\d+ ms; accepts TLSv1.2, TLSv1.3 and");
        assertThat(run.out).contains("PASS tls.certificate", "CN=localhost, RSA 2048 bits");
    }

    @Test
    void aTls13OnlyConnectorFailsThe2016PolicyAndTheJarExitsOne() throws Exception {
        String url = start("TLSv1.3");
        Path jar = Path.of("target", "albtarget-doctor.jar");

        Process doctor = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), url, "--tls-policy", "both", "--skip-keep-alive")
                .redirectErrorStream(true).start();
        String printed = new String(doctor.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(doctor.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(doctor.exitValue()).as(printed).isEqualTo(Doctor.FAILED);
        assertThat(printed).containsPattern("FAIL tls.2016-08 +ELBSecurityPolicy-2016-08: .*protocol_version.*"
                + " clients would get HTTP 502 -> HTTP 502");
        assertThat(printed).contains("fix: enable TLSv1.2 on the server")
                .containsPattern("PASS tls.tls13-1-0-2021-06 .* negotiated TLSv1.3");
    }

    @Test
    void theRunQuotedInTlsMdIsWhatTheDoctorPrintsForATls13OnlyConnector() throws Exception {
        String url = start("TLSv1.3");
        List<String> quote = Files.readAllLines(Path.of("..", "TLS.md"), StandardCharsets.UTF_8);
        int command = quote.indexOf(quote.stream().filter(l -> l.startsWith("$ java -jar compat-tests/target/"
                + "albtarget-doctor.jar https://")).findFirst().orElseThrow());
        // the quote elides the findings before the TLS ones with "..." and ends with its fence
        List<String> quoted = quote.subList(command + 2, quote.subList(command, quote.size()).indexOf("```")
                + command);

        DoctorRun run = DoctorRun.of(url, "--tls-policy", "both", "--skip-keep-alive");

        List<String> printed = run.out.lines().dropWhile(l -> !l.startsWith("FAIL tls.2016-08"))
                .limit(quoted.size()).collect(Collectors.toList());
        assertThat(withoutNumbers(printed)).as(run.out).isEqualTo(withoutNumbers(quoted));
    }

    /** Times, dates and ports differ from run to run; the suites' key sizes too, with the server's choice. */
    private static List<String> withoutNumbers(List<String> lines) {
        return lines.stream().map(line -> line.replaceAll("\\d+", "#")).collect(Collectors.toList());
    }

    @Test
    void onePolicyIsTestedWhenNamed() throws Exception {
        String url = start("TLSv1.3");

        DoctorRun run = DoctorRun.of(url, "--tls-policy", "ELBSecurityPolicy-TLS13-1-0-2021-06",
                "--skip-keep-alive");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("PASS tls.tls13-1-0-2021-06").doesNotContain("tls.2016-08");
    }

    @Test
    void anUnknownPolicyIsBadUsageNamingTheOption() throws Exception {
        String url = start();

        DoctorRun run = DoctorRun.of(url, "--tls-policy", "ELBSecurityPolicy-2015-05", "--skip-keep-alive");

        assertThat(run.exitCode).isEqualTo(Doctor.UNUSABLE);
        assertThat(run.err).contains("--tls-policy must be ELBSecurityPolicy-2016-08 or"
                + " ELBSecurityPolicy-TLS13-1-0-2021-06");
    }

    @Test
    void theKeyStoreIsCheckedAndAWrongPasswordFails() throws Exception {
        String url = start();
        Path keystore = dir.resolve("server.p12");

        DoctorRun good = DoctorRun.of(url, "--skip-keep-alive", "--keystore", keystore.toString(),
                "--keystore-password=" + TestKeystore.PASSWORD);
        DoctorRun wrong = DoctorRun.of(url, "--skip-keep-alive", "--keystore", keystore.toString(),
                "--keystore-password=wrong");

        assertThat(good.exitCode).as(good.toString()).isZero();
        assertThat(good.out).contains("PASS tls.key-files", "the key belongs to the certificate");
        assertThat(wrong.exitCode).as(wrong.toString()).isEqualTo(Doctor.FAILED);
        assertThat(wrong.out).contains("FAIL tls.key-files", "server.p12", "password",
                "fix: give the password the server is configured with");
    }

    @Test
    void anHttpUrlOfTheTlsPortSaysThePortSpeaksTls() throws Exception {
        String url = start().replace("https://", "http://");

        DoctorRun run = DoctorRun.of(url, "--skip-keep-alive");

        assertThat(run.exitCode).as(run.toString()).isEqualTo(Doctor.FAILED);
        assertThat(run.out).containsPattern("FAIL health-path +the port speaks TLS, not plain HTTP: it answered the"
                + " plain-HTTP request with a TLS alert record -> Target.FailedHealthChecks");
        assertThat(run.out).contains("fix: make the target group's protocol HTTPS for this port (https:// for"
                + " albtarget-doctor), or serve plain HTTP on it");
        assertThat(run.out).containsPattern("SKIP host-forms +the port speaks TLS")
                .containsPattern("SKIP framing.obs-fold +the port speaks TLS")
                .doesNotContain("PASS framing", "Host header");
    }

    /** An HTTPS Jetty answering 200 on /health, with only these protocols when given. */
    private String start(String... protocols) throws Exception {
        Path keystore = TestKeystore.create(dir);
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStorePath(keystore.toString());
        tls.setKeyStorePassword(TestKeystore.PASSWORD);
        tls.setKeyStoreType("PKCS12");
        if (protocols.length > 0) {
            tls.setIncludeProtocols(protocols);
        }
        server = new Server();
        HttpConfiguration https = new HttpConfiguration();
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // the ALB sends an IP as Host, which never matches the certificate's name
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"),
                new HttpConnectionFactory(https));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
                response.write(true, StandardCharsets.UTF_8.encode("UP"), callback);
                return true;
            }
        });
        server.start();
        return "https://127.0.0.1:" + connector.getLocalPort();
    }
}
