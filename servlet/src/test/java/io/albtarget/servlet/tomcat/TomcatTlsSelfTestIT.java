package io.albtarget.servlet.tomcat;

import static org.assertj.core.api.Assertions.assertThat;

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
}
