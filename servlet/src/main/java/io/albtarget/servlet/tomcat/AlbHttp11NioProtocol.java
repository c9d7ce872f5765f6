package io.albtarget.servlet.tomcat;

import io.albtarget.http.RequestHeadGuard;
import org.apache.coyote.http11.Http11NioProtocol;

/**
 * Tomcat's HTTP/1.1 NIO protocol with a {@link RequestHeadGuard} on every connection: a request head the guard
 * refuses (an obs-fold line, which Tomcat would silently unfold, or both Content-Length and Transfer-Encoding,
 * which Tomcat would resolve by dropping Content-Length) is answered by Tomcat itself with 400 and the connection
 * is closed, after the responses to the requests before it; everything else reaches Tomcat unchanged.
 *
 * <p>It sets no timeouts: {@link AlbTomcat#tune} does, for embedded servers. In {@code server.xml}, set
 * {@code connectionTimeout} and {@code keepAliveTimeout} above the ALB idle timeout yourself.
 *
 * <p>Name it wherever Tomcat takes a protocol class name, in {@code server.xml}:
 * <pre>{@code <Connector port="8080" protocol="io.albtarget.servlet.tomcat.AlbHttp11NioProtocol"/>}</pre>
 * or embedded: {@code new Connector(AlbHttp11NioProtocol.class.getName())}. Every attribute of
 * {@link Http11NioProtocol} keeps working, including TLS ({@code SSLHostConfig}, the guard sees the decrypted
 * bytes) and {@code Http2Protocol} (h2c upgrade, prior knowledge and ALPN h2 switch the guard off for the
 * connection).
 *
 * <p>It relies on {@code NioEndpoint#createChannel}, which Tomcat made overridable in 10.1.12 and 11.0.0-M10.
 * Instances are configured and used by Tomcat like any protocol handler.
 */
public final class AlbHttp11NioProtocol extends Http11NioProtocol {

    /** A protocol handler with a guarded NIO endpoint; Tomcat configures it through its setters. */
    public AlbHttp11NioProtocol() {
        super(new GuardedNioEndpoint());
    }
}
