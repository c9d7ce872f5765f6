package io.albtarget.tls;

import static io.albtarget.tls.BackendPolicy.ELB_SECURITY_POLICY_2016_08;
import static io.albtarget.tls.BackendPolicy.ELB_SECURITY_POLICY_TLS13_1_0_2021_06;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The self-test against JDK (SunJSSE) servers on loopback, one per configuration the ALB passes or fails. */
class TlsSelfTestTest {

    private static final String CHACHA_RSA = "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256";

    private static TestPki.Identity rsa;
    private static TestPki.Identity ec;

    @BeforeAll
    static void keys() {
        rsa = TestPki.selfSigned(TestPki.rsa(2048));
        ec = TestPki.selfSigned(TestPki.ec("secp256r1"));
    }

    private static TlsSelfTest selfTest(int port) {
        return TlsSelfTest.builder("127.0.0.1", port).connectTimeout(Duration.ofSeconds(2))
                .handshakeTimeout(Duration.ofSeconds(2)).build();
    }

    private static List<String> suites(BackendPolicy policy, String prefix) {
        return policy.suites().stream().map(BackendPolicy.Suite::ianaName).filter(n -> n.startsWith(prefix))
                .collect(Collectors.toList());
    }

    @Test
    void rsaServerWithJdkDefaultsPassesBothPolicies() throws IOException {
        try (TestTlsServer server = TestTlsServer.start(rsa.serverContext())) {
            PolicyResult old = selfTest(server.port()).run(ELB_SECURITY_POLICY_2016_08);
            PolicyResult tls13 = selfTest(server.port()).run(ELB_SECURITY_POLICY_TLS13_1_0_2021_06);

            assertThat(old.status()).isEqualTo(PolicyResult.Status.PASS);
            Handshake full = old.fullOffer().orElseThrow();
            assertThat(full.protocol()).contains("TLSv1.2");
            assertThat(full.suite().orElseThrow()).startsWith("TLS_ECDHE_RSA_");
            assertThat(full.sni()).isEmpty();
            assertThat(full.offeredProtocols()).containsExactly("TLSv1", "TLSv1.1", "TLSv1.2");
            assertThat(full.offeredSuites()).hasSize(18);
            assertThat(full.millis()).isLessThan(TlsSelfTest.ALB_TIMEOUT.toMillis());
            assertThat(old.reason()).startsWith("negotiated TLSv1.2 TLS_ECDHE_RSA_");
            // JDK 17 accepts the 12 ECDHE_RSA and TLS_RSA suites; JDK 24+ disables TLS_RSA_*, leaving 6
            assertThat(old.suiteHandshakes()).hasSize(18);
            assertThat(old.acceptedSuites()).containsAll(suites(ELB_SECURITY_POLICY_2016_08, "TLS_ECDHE_RSA_"))
                    .doesNotContainAnyElementsOf(suites(ELB_SECURITY_POLICY_2016_08, "TLS_ECDHE_ECDSA_"));
            assertThat(old.protocolHandshakes()).hasSize(3);
            assertThat(old.acceptedProtocols()).contains("TLSv1.2").doesNotContain("TLSv1.3");
            assertThat(old.diagnosis()).isEmpty();
            CertificateFacts certificate = old.certificate().orElseThrow();
            assertThat(certificate.keyAlgorithm()).isEqualTo("RSA");
            assertThat(certificate.keyBits()).isEqualTo(2048);
            assertThat(certificate.keySupport()).isEqualTo(CertificateFacts.KeySupport.SUPPORTED);
            assertThat(certificate.subject()).isEqualTo("CN=localhost");
            assertThat(certificate.notAfter()).isAfter(certificate.notBefore());

            assertThat(tls13.passed()).isTrue();
            assertThat(tls13.fullOffer().orElseThrow().protocol()).contains("TLSv1.3");
            assertThat(tls13.acceptedProtocols()).contains("TLSv1.2", "TLSv1.3");
            assertThat(tls13.suiteHandshakes()).hasSize(21);
            assertThat(tls13.acceptedSuites()).containsAll(suites(ELB_SECURITY_POLICY_TLS13_1_0_2021_06, "TLS_AES_"))
                    .contains("TLS_CHACHA20_POLY1305_SHA256")
                    .containsAll(suites(ELB_SECURITY_POLICY_2016_08, "TLS_ECDHE_RSA_"))
                    .containsAll(old.acceptedSuites());
        }
    }

    @Test
    void ecServerWithJdkDefaultsPassesBothPoliciesWithTheEcdsaSuitesOnly() throws IOException {
        try (TestTlsServer server = TestTlsServer.start(ec.serverContext())) {
            PolicyResult old = selfTest(server.port()).run(ELB_SECURITY_POLICY_2016_08);
            PolicyResult tls13 = selfTest(server.port()).run(ELB_SECURITY_POLICY_TLS13_1_0_2021_06);

            assertThat(old.passed()).isTrue();
            assertThat(old.fullOffer().orElseThrow().suite().orElseThrow()).startsWith("TLS_ECDHE_ECDSA_");
            assertThat(old.acceptedSuites())
                    .containsExactlyElementsOf(suites(ELB_SECURITY_POLICY_2016_08, "TLS_ECDHE_ECDSA_"));
            assertThat(tls13.passed()).isTrue();
            assertThat(tls13.acceptedSuites()).hasSize(9)
                    .containsAll(suites(ELB_SECURITY_POLICY_TLS13_1_0_2021_06, "TLS_ECDHE_ECDSA_"));
            CertificateFacts certificate = tls13.certificate().orElseThrow();
            assertThat(certificate.keyAlgorithm()).isEqualTo("EC");
            assertThat(certificate.curve()).contains("P-256");
            assertThat(certificate.keySupport()).isEqualTo(CertificateFacts.KeySupport.SUPPORTED);
        }
    }

    @Test
    void tls13OnlyServerFails2016WithProtocolVersionAndPassesTls13() throws IOException {
        try (TestTlsServer server = TestTlsServer.start(rsa.serverContext(), new String[] {"TLSv1.3"}, null)) {
            PolicyResult old = selfTest(server.port()).run(ELB_SECURITY_POLICY_2016_08);
            PolicyResult tls13 = selfTest(server.port()).run(ELB_SECURITY_POLICY_TLS13_1_0_2021_06);

            assertThat(old.status()).isEqualTo(PolicyResult.Status.FAIL);
            assertThat(old.fullOffer().orElseThrow().outcome()).isEqualTo(Handshake.Outcome.ALERT);
            assertThat(old.fullOffer().orElseThrow().alert()).contains("protocol_version");
            assertThat(old.reason()).contains("ELBSecurityPolicy-2016-08 does not offer").contains("TLSv1.3")
                    .contains("protocol_version");
            assertThat(old.acceptedSuites()).isEmpty();
            assertThat(old.acceptedProtocols()).isEmpty();
            assertThat(old.diagnosis()).hasSize(2);

            assertThat(tls13.passed()).isTrue();
            assertThat(tls13.acceptedProtocols()).containsExactly("TLSv1.3");
            assertThat(tls13.acceptedSuites()).containsExactly("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
                    "TLS_CHACHA20_POLY1305_SHA256");
        }
    }

    @Test
    void tls12ChachaOnlyServerFailsBothPolicies() throws IOException {
        try (TestTlsServer server = TestTlsServer.start(rsa.serverContext(), new String[] {"TLSv1.2"},
                new String[] {CHACHA_RSA})) {
            for (BackendPolicy policy : BackendPolicy.values()) {
                PolicyResult result = selfTest(server.port()).run(policy);
                assertThat(result.status()).isEqualTo(PolicyResult.Status.FAIL);
                assertThat(result.fullOffer().orElseThrow().alert()).contains("handshake_failure");
                assertThat(result.acceptedSuites()).isEmpty();
                assertThat(result.reason()).contains("does not offer").contains(CHACHA_RSA);
                assertThat(result.certificate()).isPresent();
            }
        }
    }

    @Test
    void dheOnlyServerFailsBothPolicies() throws IOException {
        try (TestTlsServer server = TestTlsServer.start(rsa.serverContext(), new String[] {"TLSv1.2"},
                new String[] {"TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"})) {
            for (BackendPolicy policy : BackendPolicy.values()) {
                PolicyResult result = selfTest(server.port()).run(policy);
                assertThat(result.passed()).isFalse();
                assertThat(result.fullOffer().orElseThrow().alert()).contains("handshake_failure");
                assertThat(result.reason()).contains("TLS_DHE_RSA_WITH_AES_");
            }
        }
    }

    @Test
    void serverThatDemandsSniFailsWithThatReason() throws IOException {
        TestTlsServer server = TestTlsServer.start(TestPki.serverContext(
                TestTlsServer.requiringSni(TestPki.keyManagers(rsa))));
        try (server) {
            PolicyResult result = selfTest(server.port()).run(ELB_SECURITY_POLICY_TLS13_1_0_2021_06);

            assertThat(result.status()).isEqualTo(PolicyResult.Status.FAIL);
            assertThat(result.reason()).startsWith("the server demands SNI; the ALB sends none");
            assertThat(result.acceptedSuites()).isEmpty();
            Handshake withSni = result.diagnosis().get(0);
            assertThat(withSni.sni()).contains("localhost");
            assertThat(withSni.succeeded()).isTrue();
            assertThat(result.certificate()).isPresent();
        }
    }

    @Test
    void ed25519ServerFailsWithTheKeyAsReason() throws IOException {
        try (TestTlsServer server = TestTlsServer.start(
                TestPki.selfSigned(TestPki.generate("Ed25519", 0, null)).serverContext())) {
            PolicyResult result = selfTest(server.port()).run(ELB_SECURITY_POLICY_TLS13_1_0_2021_06);

            assertThat(result.passed()).isFalse();
            assertThat(result.reason()).startsWith("Ed25519 cannot work");
            assertThat(result.certificate().orElseThrow().keySupport())
                    .isEqualTo(CertificateFacts.KeySupport.UNSUPPORTED);
        }
    }

    @Test
    void smallRsaKeyPassesButIsFlagged() throws IOException {
        try (TestTlsServer server = TestTlsServer.start(TestPki.selfSigned(TestPki.rsa(1024)).serverContext())) {
            PolicyResult result = selfTest(server.port()).run(ELB_SECURITY_POLICY_2016_08);

            assertThat(result.passed()).isTrue();
            assertThat(result.certificate().orElseThrow().keySupport())
                    .isEqualTo(CertificateFacts.KeySupport.DOUBTFUL);
            assertThat(result.reason()).contains("but RSA 1024 bits is below 2048");
        }
    }

    @Test
    void refusedConnectionFailsAtOnceWithoutEnumerating() {
        int port = TestTlsServer.closedPort();

        PolicyResult result = selfTest(port).run(ELB_SECURITY_POLICY_2016_08);

        assertThat(result.status()).isEqualTo(PolicyResult.Status.FAIL);
        assertThat(result.fullOffer().orElseThrow().outcome()).isEqualTo(Handshake.Outcome.REFUSED);
        assertThat(result.reason()).isEqualTo("connection refused by 127.0.0.1:" + port
                + ": the ALB could not connect either");
        assertThat(result.suiteHandshakes()).isEmpty();
        assertThat(result.protocolHandshakes()).isEmpty();
        assertThat(result.certificate()).isEmpty();
    }

    @Test
    void silentServerTimesOutWithinTheHandshakeTimeout() throws IOException {
        try (TestTlsServer server = TestTlsServer.silent()) {
            TlsSelfTest test = TlsSelfTest.builder("127.0.0.1", server.port())
                    .handshakeTimeout(Duration.ofMillis(300)).build();

            PolicyResult result = test.run(ELB_SECURITY_POLICY_TLS13_1_0_2021_06);

            Handshake full = result.fullOffer().orElseThrow();
            assertThat(full.outcome()).isEqualTo(Handshake.Outcome.TIMEOUT);
            assertThat(full.millis()).isBetween(250L, 5_000L);
            assertThat(result.reason()).isEqualTo("no complete handshake within 300 ms: the ALB could not connect"
                    + " either");
            assertThat(result.suiteHandshakes()).isEmpty();
        }
    }

    @Test
    void availableWithBouncyCastleOnTheClassPath() {
        assertThat(TlsSelfTest.available()).isTrue();
    }

    @Test
    void builderRefusesBadValuesQuotingThem() {
        assertThatThrownBy(() -> TlsSelfTest.of("127.0.0.1", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'port' must be between 1 and 65535, but was 0");
        assertThatThrownBy(() -> TlsSelfTest.of(" ", 443)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'host' must not be blank, but was ' '");
        assertThatThrownBy(() -> TlsSelfTest.builder("localhost", 443).handshakeTimeout(Duration.ofMinutes(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'handshakeTimeout' must be between 1ms and 60s, but was PT2M");
        assertThatThrownBy(() -> TlsSelfTest.builder("localhost", 443).connectTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'connectTimeout' must be between 1ms and 60s, but was PT0S");
        assertThat(TlsSelfTest.of("localhost", 8443)).hasToString("TlsSelfTest[localhost:8443, connect 10s,"
                + " handshake 10s]");
    }
}
