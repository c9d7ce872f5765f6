package io.albtarget.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import io.albtarget.check.CheckTarget;
import io.albtarget.check.Finding;
import io.albtarget.check.SelfCheck;
import io.albtarget.check.Severity;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's key files in the self-check, as {@code tls.key-files}, next to a target that is not even up. */
class KeyFilesInSelfCheckTest {

    @TempDir
    Path dir;

    private static Finding keyFiles(CheckTarget target) {
        return SelfCheck.of(AlbSettings.defaults(), target).run().findings().stream()
                .filter(f -> f.id().equals("tls.key-files")).findFirst().orElseThrow();
    }

    private static CheckTarget down() {
        return CheckTarget.remote(new InetSocketAddress(InetAddress.getLoopbackAddress(), TestTlsServer.closedPort()));
    }

    @Test
    void aGoodKeyStorePassesNamingItsChain() {
        Path p12 = TestPki.keyStore(dir.resolve("server.p12"), "PKCS12",
                TestPki.issued(TestPki.ec("secp256r1"), "CN=Test CA"), TestPki.PASSWORD);

        Finding finding = keyFiles(down().keyStore(p12, TestPki.PASSWORD));

        assertThat(finding.severity()).isEqualTo(Severity.PASS);
        assertThat(finding.message()).startsWith("PKCS12: the key belongs to the certificate, chain of 2 in order"
                + " (CN=localhost <- CN=Test CA); CN=localhost, EC P-256");
    }

    @Test
    void aKeyThatDoesNotBelongToTheCertificateFailsWithTheFix() {
        Path cert = TestPki.pem(dir.resolve("cert.pem"), TestPki.selfSigned(TestPki.rsa(2048)).chain[0]);
        Path key = TestPki.pem(dir.resolve("key.pem"), TestPki.pkcs8(TestPki.rsa(2048).getPrivate()));

        Finding finding = keyFiles(down().pemFiles(cert, key, null));

        assertThat(finding.severity()).isEqualTo(Severity.FAIL);
        assertThat(finding.symptom()).isEqualTo("HTTP 502");
        assertThat(finding.message()).startsWith(key + ": ").contains("does not belong to the certificate",
                "the server cannot serve TLS with these files");
        assertThat(finding.fix()).isEqualTo("pair the certificate with the private key it was issued for");
    }

    @Test
    void anEd25519KeyLoadsButFailsForTheAlb() {
        Path p12 = TestPki.keyStore(dir.resolve("ed.p12"), "PKCS12",
                TestPki.selfSigned(TestPki.generate("Ed25519", 0, null)), TestPki.PASSWORD);

        Finding finding = keyFiles(down().keyStore(p12, TestPki.PASSWORD));

        assertThat(finding.severity()).isEqualTo(Severity.FAIL);
        assertThat(finding.message()).contains("Ed25519 cannot work");
        assertThat(finding.fix()).startsWith("serve an RSA (2048 bits or more) or EC P-256/P-384 certificate");
    }

    @Test
    void noKeyFilesNoFinding() {
        assertThat(SelfCheck.of(AlbSettings.defaults(), down()).run().findings()).extracting(Finding::id)
                .doesNotContain("tls.key-files");
    }
}
