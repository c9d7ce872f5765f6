package io.albtarget.servlet.tomcat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.albtarget.AlbSettings;
import io.albtarget.check.Finding;
import io.albtarget.check.Report;
import io.albtarget.check.Severity;
import io.albtarget.servlet.TestKeystore;
import io.albtarget.tls.BackendPolicy;
import io.albtarget.tls.KeyMaterial;
import io.albtarget.tls.PolicyResult;
import io.albtarget.tls.TlsSelfTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A default Tomcat HTTPS connector (NIO, JSSE, an RSA 2048 key from keytool) accepts both ALB back-end policies. */
class TomcatTlsSelfTestIT {

    @Test
    void defaultHttpsConnectorPassesBothPolicies(@TempDir Path dir) {
        Path keystore = TestKeystore.create(dir);
        try (EmbeddedTomcat tomcat = EmbeddedTomcat.start(EmbeddedTomcat.https("HTTP/1.1", keystore))) {
            TlsSelfTest test = TlsSelfTest.of("127.0.0.1", tomcat.port());
            for (BackendPolicy policy : BackendPolicy.values()) {
                PolicyResult result = test.run(policy);

                assertThat(result.status()).as(result.toString()).isEqualTo(PolicyResult.Status.PASS);
                assertThat(result.acceptedProtocols()).contains("TLSv1.2");
                assertThat(result.acceptedSuites()).contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
                assertThat(result.certificate().orElseThrow().subject()).isEqualTo("CN=localhost");
            }
        }
        KeyMaterial material = KeyMaterial.load(keystore, TestKeystore.PASSWORD.toCharArray());
        assertThat(material.certificate().keyBits()).isEqualTo(2048);
    }

    @Test
    void selfCheckOfAnHttpsConnectorSpeaksTlsAndMakesTheAlbsHandshakeForBothPolicies(@TempDir Path dir) {
        try (EmbeddedTomcat tomcat = EmbeddedTomcat.start(EmbeddedTomcat.https("HTTP/1.1", TestKeystore.create(dir)))) {
            Report report = AlbTomcat.selfCheck(tomcat.connector(), AlbSettings.defaults()).run();

            assertThat(report.target()).startsWith("https://127.0.0.1:" + tomcat.port());
            assertThat(report.findings()).extracting(Finding::id, Finding::severity).contains(
                    tuple("health-path", Severity.PASS), tuple("tls.2016-08", Severity.PASS),
                    tuple("tls.tls13-1-0-2021-06", Severity.PASS), tuple("tls.certificate", Severity.PASS));
        }
    }

    @Test
    void selfCheckTestsOnlyTheConfiguredPolicy(@TempDir Path dir) {
        AlbSettings settings = AlbSettings.builder()
                .tlsBackendPolicy(AlbSettings.TlsPolicy.ELB_SECURITY_POLICY_TLS13_1_0_2021_06).build();
        try (EmbeddedTomcat tomcat = EmbeddedTomcat.start(EmbeddedTomcat.https("HTTP/1.1", TestKeystore.create(dir)))) {
            Report report = AlbTomcat.selfCheck(tomcat.connector(), settings).run();

            assertThat(report.findings()).extracting(Finding::id).contains("tls.tls13-1-0-2021-06")
                    .doesNotContain("tls.2016-08");
        }
    }
}
