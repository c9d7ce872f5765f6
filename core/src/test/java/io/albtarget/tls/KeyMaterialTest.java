package io.albtarget.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key stores and PEM files as users configure them, good and bad, written into a temporary folder. */
class KeyMaterialTest {

    private static final char[] WRONG = "wrong".toCharArray();

    private static TestPki.Identity rsa;
    private static TestPki.Identity ec;
    private static TestPki.Identity chained;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() {
        rsa = TestPki.selfSigned(TestPki.rsa(2048));
        ec = TestPki.selfSigned(TestPki.ec("secp384r1"));
        chained = TestPki.issued(TestPki.ec("secp256r1"), "CN=Test CA");
    }

    private Path file(String name) {
        return dir.resolve(name);
    }

    private static KeyMaterialException failure(Runnable load, KeyMaterialException.Problem problem) {
        KeyMaterialException e = catchThrowableOfType(KeyMaterialException.class, load::run);
        assertThat(e).as("a KeyMaterialException").isNotNull();
        assertThat(e.problem()).isEqualTo(problem);
        return e;
    }

    @Test
    void pkcs12AndJksKeyStoresLoadWithTheirPassword() {
        KeyMaterial p12 = KeyMaterial.load(TestPki.keyStore(file("server.p12"), "PKCS12", rsa, TestPki.PASSWORD),
                TestPki.PASSWORD);
        KeyMaterial jks = KeyMaterial.load(TestPki.keyStore(file("server.jks"), "JKS", chained, TestPki.PASSWORD),
                TestPki.PASSWORD);

        assertThat(p12.format()).isEqualTo("PKCS12");
        assertThat(p12.alias()).contains("server");
        assertThat(p12.certificate().keyAlgorithm()).isEqualTo("RSA");
        assertThat(p12.certificate().keyBits()).isEqualTo(2048);
        assertThat(p12.chainSubjects()).containsExactly("CN=localhost");
        assertThat(jks.format()).isEqualTo("JKS");
        assertThat(jks.chainSubjects()).containsExactly("CN=localhost", "CN=Test CA");
        assertThat(jks.certificate().curve()).contains("P-256");
        assertThat(jks.certificate().issuer()).isEqualTo("CN=Test CA");
    }

    @Test
    void pkcs1RsaKeyInPem() {
        KeyMaterial material = KeyMaterial.loadPem(TestPki.pem(file("cert.pem"), rsa.chain[0]),
                TestPki.pem(file("key.pem"), rsa.keys.getPrivate()), null);

        assertThat(material.format()).isEqualTo("PEM (RSA PRIVATE KEY)");
        assertThat(material.certificate().keySupport()).isEqualTo(CertificateFacts.KeySupport.SUPPORTED);
        assertThat(material.toString()).startsWith("PEM (RSA PRIVATE KEY): CN=localhost, RSA 2048 bits");
    }

    @Test
    void sec1EcKeyInPem() {
        assertThat(Files.exists(TestPki.pem(file("ec.pem"), TestPki.sec1Ready(ec.keys.getPrivate())))).isTrue();

        KeyMaterial material = KeyMaterial.loadPem(TestPki.pem(file("cert.pem"), ec.chain[0]), file("ec.pem"), null);

        assertThat(material.format()).isEqualTo("PEM (EC PRIVATE KEY)");
        assertThat(material.certificate().curve()).contains("P-384");
        assertThat(material.certificate().keyBits()).isEqualTo(384);
    }

    @Test
    void pkcs8KeysInPemOfBothTypes() {
        KeyMaterial rsaMaterial = KeyMaterial.loadPem(TestPki.pem(file("rsa.crt"), rsa.chain[0]),
                TestPki.pem(file("rsa.key"), TestPki.pkcs8(rsa.keys.getPrivate())), null);
        KeyMaterial ecMaterial = KeyMaterial.loadPem(TestPki.pem(file("ec.crt"), ec.chain[0]),
                TestPki.pem(file("ec.key"), TestPki.pkcs8(ec.keys.getPrivate())), null);

        assertThat(rsaMaterial.format()).isEqualTo("PEM (PRIVATE KEY)");
        assertThat(ecMaterial.format()).isEqualTo("PEM (PRIVATE KEY)");
        assertThat(ecMaterial.certificate().keyAlgorithm()).isEqualTo("EC");
    }

    @Test
    void encryptedPkcs8AndLegacyEncryptedPemOpenWithThePassword() {
        Path cert = TestPki.pem(file("cert.pem"), rsa.chain[0]);

        KeyMaterial pkcs8 = KeyMaterial.loadPem(cert, TestPki.pem(file("enc.key"),
                TestPki.encryptedPkcs8(rsa.keys.getPrivate(), TestPki.PASSWORD)), TestPki.PASSWORD);
        KeyMaterial legacy = KeyMaterial.loadPem(cert, TestPki.legacyEncrypted(file("legacy.key"),
                rsa.keys.getPrivate(), TestPki.PASSWORD), TestPki.PASSWORD);

        assertThat(pkcs8.format()).isEqualTo("PEM (ENCRYPTED PRIVATE KEY)");
        assertThat(legacy.format()).isEqualTo("PEM (encrypted RSA PRIVATE KEY)");
    }

    @Test
    void onePemFileWithKeyAndChainLoadsAsAKeyStore() {
        Path combined = TestPki.pem(file("all.pem"), TestPki.pkcs8(chained.keys.getPrivate()), chained.chain[0],
                chained.chain[1]);

        KeyMaterial material = KeyMaterial.load(combined, null);

        assertThat(material.chainSubjects()).containsExactly("CN=localhost", "CN=Test CA");
        assertThat(material.alias()).isEmpty();
    }

    @Test
    void wrongPasswordIsNamedForEveryEncryptedForm() {
        Path p12 = TestPki.keyStore(file("server.p12"), "PKCS12", rsa, TestPki.PASSWORD);
        Path jks = TestPki.keyStore(file("server.jks"), "JKS", rsa, TestPki.PASSWORD);
        Path cert = TestPki.pem(file("cert.pem"), rsa.chain[0]);
        Path pkcs8 = TestPki.pem(file("enc.key"), TestPki.encryptedPkcs8(rsa.keys.getPrivate(), TestPki.PASSWORD));
        Path legacy = TestPki.legacyEncrypted(file("legacy.key"), rsa.keys.getPrivate(), TestPki.PASSWORD);

        assertThat(failure(() -> KeyMaterial.load(p12, WRONG), KeyMaterialException.Problem.WRONG_PASSWORD))
                .hasMessageStartingWith(p12 + ": the password is wrong");
        failure(() -> KeyMaterial.load(jks, WRONG), KeyMaterialException.Problem.WRONG_PASSWORD);
        assertThat(failure(() -> KeyMaterial.loadPem(cert, pkcs8, WRONG),
                KeyMaterialException.Problem.WRONG_PASSWORD).file()).isEqualTo(pkcs8.toString());
        failure(() -> KeyMaterial.loadPem(cert, legacy, WRONG), KeyMaterialException.Problem.WRONG_PASSWORD);
        assertThat(failure(() -> KeyMaterial.loadPem(cert, pkcs8, null), KeyMaterialException.Problem.WRONG_PASSWORD))
                .hasMessage(pkcs8 + ": the key is encrypted and no password was given");
    }

    @Test
    void keyOfAnotherPairIsAMismatch() {
        KeyPair other = TestPki.rsa(2048);
        Path cert = TestPki.pem(file("cert.pem"), rsa.chain[0]);

        KeyMaterialException sameType = failure(() -> KeyMaterial.loadPem(cert,
                TestPki.pem(file("other.key"), other.getPrivate()), null), KeyMaterialException.Problem.KEY_MISMATCH);
        KeyMaterialException otherType = failure(() -> KeyMaterial.loadPem(cert,
                TestPki.pem(file("ec.key"), TestPki.pkcs8(ec.keys.getPrivate())), null),
                KeyMaterialException.Problem.KEY_MISMATCH);

        assertThat(sameType).hasMessage(file("other.key") + ": the private key (RSA) does not belong to the"
                + " certificate " + CertificateFacts.of(rsa.chain[0]));
        assertThat(otherType.getMessage()).contains("the private key (EC) does not belong");
    }

    @Test
    void chainOutOfOrderIsNamed() {
        Path key = TestPki.pem(file("key.pem"), TestPki.pkcs8(chained.keys.getPrivate()));
        Path caFirst = TestPki.pem(file("ca-first.pem"), chained.chain[1], chained.chain[0]);
        Path strayMiddle = TestPki.pem(file("stray.pem"), chained.chain[0], ec.chain[0], chained.chain[1]);

        assertThat(failure(() -> KeyMaterial.loadPem(caFirst, key, null),
                KeyMaterialException.Problem.CHAIN_OUT_OF_ORDER))
                .hasMessage(key + ": the private key belongs to certificate 2 of the chain (CN=localhost); the leaf"
                        + " must come first");
        assertThat(failure(() -> KeyMaterial.loadPem(strayMiddle, key, null),
                KeyMaterialException.Problem.CHAIN_OUT_OF_ORDER))
                .hasMessage(key + ": certificate 2 of the chain (CN=localhost) is not the issuer of certificate 1"
                        + " (issued by CN=Test CA)");
    }

    @Test
    void unsupportedAndEmptyFilesAreNamed() throws Exception {
        Path text = Files.writeString(file("notes.txt"), "not a key\n", StandardCharsets.US_ASCII);
        Path unknownBlock = Files.writeString(file("odd.pem"),
                "-----BEGIN SOMETHING ELSE-----\nAAAA\n-----END SOMETHING ELSE-----\n", StandardCharsets.US_ASCII);
        Path certOnly = TestPki.pem(file("cert.pem"), rsa.chain[0]);
        Path keyOnly = TestPki.pem(file("key.pem"), TestPki.pkcs8(rsa.keys.getPrivate()));
        Path p12 = TestPki.keyStore(file("server.p12"), "PKCS12", rsa, TestPki.PASSWORD);

        assertThat(failure(() -> KeyMaterial.load(text, TestPki.PASSWORD),
                KeyMaterialException.Problem.UNSUPPORTED_FORMAT)).hasMessageStartingWith(text + ": ");
        failure(() -> KeyMaterial.load(unknownBlock, null), KeyMaterialException.Problem.UNSUPPORTED_FORMAT);
        failure(() -> KeyMaterial.loadPem(p12, keyOnly, null), KeyMaterialException.Problem.UNSUPPORTED_FORMAT);
        assertThat(failure(() -> KeyMaterial.load(certOnly, null), KeyMaterialException.Problem.NO_KEY))
                .hasMessage(certOnly + ": no private key in the file");
        assertThat(failure(() -> KeyMaterial.loadPem(keyOnly, keyOnly, null),
                KeyMaterialException.Problem.NO_CERTIFICATE)).hasMessage(keyOnly + ": no certificate in the file");
        failure(() -> KeyMaterial.load(file("missing.p12"), TestPki.PASSWORD), KeyMaterialException.Problem.UNREADABLE);
    }

    @Test
    void unsupportedKeyTypesLoadButAreFlagged() {
        TestPki.Identity ed25519 = TestPki.selfSigned(TestPki.generate("Ed25519", 0, null));

        KeyMaterial material = KeyMaterial.load(TestPki.keyStore(file("ed.p12"), "PKCS12", ed25519,
                TestPki.PASSWORD), TestPki.PASSWORD);

        assertThat(material.certificate().keyAlgorithm()).isEqualTo("Ed25519");
        assertThat(material.certificate().keySupport()).isEqualTo(CertificateFacts.KeySupport.UNSUPPORTED);
        assertThat(material.certificate().keyNote()).isEqualTo("Ed25519 cannot work: the ALB does not support EdDSA"
                + " keys; use RSA 2048 or EC P-256");
    }
}
