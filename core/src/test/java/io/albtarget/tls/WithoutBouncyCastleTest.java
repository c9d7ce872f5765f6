package io.albtarget.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * albtarget-core as a user without BouncyCastle has it: its classes in a class loader whose parent is the platform
 * loader, so neither BouncyCastle nor anything else of the test class path is visible.
 */
class WithoutBouncyCastleTest {

    /** Loads albtarget-core's own classes and records every attempt to reach BouncyCastle. */
    private static final class CoreOnly extends URLClassLoader {

        final List<String> bouncyCastleRequests = new CopyOnWriteArrayList<>();

        CoreOnly() {
            super(new URL[] {TlsSelfTest.class.getProtectionDomain().getCodeSource().getLocation()},
                    ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("org.bouncycastle.")) {
                bouncyCastleRequests.add(name);
            }
            return super.loadClass(name, resolve);
        }
    }

    @Test
    void selfTestSkipsAndOnlyTheGateLooksForBouncyCastle() throws Exception {
        try (CoreOnly loader = new CoreOnly()) {
            Class<?> selfTest = loader.loadClass(TlsSelfTest.class.getName());
            Class<?> policies = loader.loadClass(BackendPolicy.class.getName());
            assertThat(selfTest.getClassLoader()).isSameAs(loader);

            Object available = selfTest.getMethod("available").invoke(null);
            Object test = selfTest.getMethod("of", String.class, int.class).invoke(null, "127.0.0.1", 8443);
            Object result = selfTest.getMethod("run", policies)
                    .invoke(test, policies.getField("ELB_SECURITY_POLICY_TLS13_1_0_2021_06").get(null));

            assertThat(available).isEqualTo(false);
            assertThat(call(result, "status")).hasToString("SKIP");
            assertThat(call(result, "reason")).isEqualTo("BouncyCastle (org.bouncycastle:bctls-jdk18on:1.84 and"
                    + " bcpkix-jdk18on:1.84) is not on the class path");
            assertThat(call(result, "passed")).isEqualTo(false);
            assertThat(result).hasToString("ELBSecurityPolicy-TLS13-1-0-2021-06 SKIP: " + call(result, "reason"));
            assertThat(Set.copyOf(loader.bouncyCastleRequests)).hasSize(1)
                    .containsExactly("org.bouncycastle.tls.TlsClientProtocol");
        }
    }

    @Test
    void selfCheckOfAnHttpsTargetReportsTheTlsCheckAsSkippedAndRunsEverythingElse() throws Exception {
        int port = TestTlsServer.closedPort();
        try (CoreOnly loader = new CoreOnly()) {
            Class<?> settingsType = loader.loadClass("io.albtarget.AlbSettings");
            Class<?> targetType = loader.loadClass("io.albtarget.check.CheckTarget");
            Object settings = settingsType.getMethod("bind", Map.class, Map.class).invoke(null, Map.of(), Map.of());
            Object target = targetType.getMethod("remote", InetSocketAddress.class)
                    .invoke(null, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            target = targetType.getMethod("tls", boolean.class).invoke(target, true);
            Object selfCheck = loader.loadClass("io.albtarget.check.SelfCheck")
                    .getMethod("of", settingsType, targetType).invoke(null, settings, target);

            String report = (String) call(call(selfCheck, "run"), "toText");

            assertThat(report).contains("FAIL health-path               could not connect: connection refused",
                    "SKIP tls.2016-08               BouncyCastle (org.bouncycastle:bctls-jdk18on:1.84 and"
                            + " bcpkix-jdk18on:1.84) is not on the class path",
                    "SKIP tls.tls13-1-0-2021-06     BouncyCastle (org.bouncycastle:bctls-jdk18on:1.84");
        }
    }

    @Test
    void keyStoresLoadWithTheJdkAlonePemNamesTheMissingJar(@TempDir Path dir) throws Exception {
        TestPki.Identity identity = TestPki.selfSigned(TestPki.ec("secp256r1"));
        Path p12 = TestPki.keyStore(dir.resolve("server.p12"), "PKCS12", identity, TestPki.PASSWORD);
        Path cert = TestPki.pem(dir.resolve("cert.pem"), identity.chain[0]);
        Path key = TestPki.pem(dir.resolve("key.pem"), TestPki.pkcs8(identity.keys.getPrivate()));
        try (CoreOnly loader = new CoreOnly()) {
            Class<?> keyMaterial = loader.loadClass(KeyMaterial.class.getName());

            Object loaded = keyMaterial.getMethod("load", Path.class, char[].class).invoke(null, p12,
                    TestPki.PASSWORD);
            Throwable pem = null;
            try {
                keyMaterial.getMethod("loadPem", Path.class, Path.class, char[].class).invoke(null, cert, key, null);
            } catch (InvocationTargetException e) {
                pem = e.getCause();
            }

            assertThat(call(loaded, "format")).isEqualTo("PKCS12");
            assertThat(call(call(loaded, "certificate"), "curve")).hasToString("Optional[P-256]");
            assertThat(pem).isNotNull();
            assertThat(pem.getClass().getName()).isEqualTo(KeyMaterialException.class.getName());
            assertThat(call(pem, "problem")).hasToString("BOUNCY_CASTLE_MISSING");
            assertThat(pem).hasMessage(cert + ": reading PEM needs BouncyCastle; BouncyCastle"
                    + " (org.bouncycastle:bctls-jdk18on:1.84 and bcpkix-jdk18on:1.84) is not on the class path");
        }
    }

    private static Object call(Object target, String method) throws ReflectiveOperationException {
        Method m = target.getClass().getMethod(method);
        return m.invoke(target);
    }
}
