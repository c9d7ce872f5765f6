package io.albtarget.servlet.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.servlet.TestKeystore;
import io.albtarget.tls.BackendPolicy;
import io.albtarget.tls.PolicyResult;
import io.albtarget.tls.TlsSelfTest;
import java.nio.file.Path;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A default Jetty HTTPS connector accepts both ALB back-end policies, although Jetty's default exclusions (SHA-1
 * and TLS_RSA_* suites) leave it only the four ECDHE_RSA GCM and SHA-2 suites of 2016-08.
 */
class JettyTlsSelfTestIT {

    @Test
    void defaultHttpsConnectorPassesBothPolicies(@TempDir Path dir) throws Exception {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(TestKeystore.create(dir).toString());
        ssl.setKeyStorePassword(TestKeystore.PASSWORD);
        ssl.setKeyStoreType("PKCS12");
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server, ssl);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.start();
        try {
            TlsSelfTest test = TlsSelfTest.of("127.0.0.1", connector.getLocalPort());
            PolicyResult old = test.run(BackendPolicy.ELB_SECURITY_POLICY_2016_08);
            PolicyResult tls13 = test.run(BackendPolicy.ELB_SECURITY_POLICY_TLS13_1_0_2021_06);

            assertThat(old.status()).as(old.toString()).isEqualTo(PolicyResult.Status.PASS);
            assertThat(old.acceptedSuites()).containsExactly("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                    "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                    "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384");
            assertThat(tls13.status()).as(tls13.toString()).isEqualTo(PolicyResult.Status.PASS);
            assertThat(tls13.fullOffer().orElseThrow().protocol()).contains("TLSv1.3");
        } finally {
            server.stop();
        }
    }
}
