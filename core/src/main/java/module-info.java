/**
 * albtarget's framework-free engine: the ALB target-group model, the rules requests are judged by, health and
 * drain, the self-check and the TLS self-test.
 *
 * <p>The exported packages are the API. {@code io.albtarget.internal} and its subpackages are not: they are exported
 * only to albtarget's own modules, and may change in any release.
 *
 * <p>Every dependency is optional. JSpecify's annotations are needed only to compile; SLF4J is used when the
 * application has it (else {@link System.Logger}); BouncyCastle only by the TLS self-test and to read PEM files,
 * which report it missing when the application does not resolve it.
 */
module io.albtarget.core {
    requires static transitive org.jspecify;
    requires static org.slf4j;
    requires static org.bouncycastle.provider;
    requires static org.bouncycastle.pkix;
    requires static org.bouncycastle.tls;

    exports io.albtarget;
    exports io.albtarget.check;
    exports io.albtarget.health;
    exports io.albtarget.http;
    exports io.albtarget.spi;
    exports io.albtarget.tls;

    exports io.albtarget.internal to
            io.albtarget.servlet, io.albtarget.compat, io.albtarget.spring, io.albtarget.netty, io.albtarget.micronaut;
    exports io.albtarget.internal.host to
            io.albtarget.servlet, io.albtarget.compat, io.albtarget.spring, io.albtarget.netty, io.albtarget.micronaut;
    exports io.albtarget.internal.http to
            io.albtarget.servlet, io.albtarget.compat, io.albtarget.spring, io.albtarget.netty, io.albtarget.micronaut;
    exports io.albtarget.internal.keepalive to
            io.albtarget.servlet, io.albtarget.compat, io.albtarget.spring, io.albtarget.netty, io.albtarget.micronaut;
    exports io.albtarget.internal.probe to
            io.albtarget.servlet, io.albtarget.compat, io.albtarget.spring, io.albtarget.netty, io.albtarget.micronaut;

    uses io.albtarget.spi.HealthIndicator;
}
