package io.albtarget.tls;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * How long the self-test takes: both policies against a JDK-default RSA server and EC server on loopback, first in
 * a fresh JVM (cold) and then repeated (warm, median). A main rather than a test, so that the first run is really
 * the JVM's first; it asserts nothing.
 *
 * <pre>{@code
 * mvn -B -ntp -q -pl core test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp core/target/test-classes:core/target/classes:$(cat core/target/cp.txt) io.albtarget.tls.TlsSelfTestTiming
 * }</pre>
 */
final class TlsSelfTestTiming {

    private static final int WARM_RUNS = 9;

    private TlsSelfTestTiming() {
    }

    public static void main(String[] args) throws IOException {
        TestPki.Identity rsa = TestPki.selfSigned(TestPki.rsa(2048));
        TestPki.Identity ec = TestPki.selfSigned(TestPki.ec("secp256r1"));
        try (TestTlsServer rsaServer = TestTlsServer.start(rsa.serverContext());
                TestTlsServer ecServer = TestTlsServer.start(ec.serverContext())) {
            for (TestTlsServer server : List.of(rsaServer, ecServer)) {
                String name = server == rsaServer ? "RSA 2048" : "EC P-256";
                TlsSelfTest test = TlsSelfTest.of("127.0.0.1", server.port());
                List<Long> warm = new ArrayList<>();
                for (int run = 0; run <= WARM_RUNS; run++) {
                    long start = System.nanoTime();
                    List<PolicyResult> results = new ArrayList<>();
                    for (BackendPolicy policy : BackendPolicy.values()) {
                        results.add(test.run(policy));
                    }
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    if (run == 0) {
                        System.out.printf(Locale.ROOT, "%s server, both policies, first run%s: %d ms (%s)%n", name,
                                server == rsaServer ? " in the JVM" : "", millis, summary(results));
                    } else {
                        warm.add(millis);
                    }
                }
                Collections.sort(warm);
                System.out.printf(Locale.ROOT, "%s server, both policies, warm: median %d ms of %d runs (%d-%d)%n",
                        name, warm.get(warm.size() / 2), warm.size(), warm.get(0), warm.get(warm.size() - 1));
            }
        }
    }

    private static String summary(List<PolicyResult> results) {
        StringBuilder text = new StringBuilder();
        for (PolicyResult result : results) {
            int handshakes = 1 + result.protocolHandshakes().size() + result.suiteHandshakes().size()
                    + result.diagnosis().size();
            text.append(text.length() == 0 ? "" : "; ").append(result.policy()).append(' ').append(result.status())
                    .append(' ').append(result.millis()).append(" ms, ").append(handshakes).append(" handshakes");
        }
        return text.toString();
    }
}
