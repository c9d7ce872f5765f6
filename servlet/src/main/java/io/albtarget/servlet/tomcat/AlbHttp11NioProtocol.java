package io.albtarget.servlet.tomcat;

import io.albtarget.AlbSettings;
import io.albtarget.internal.http.DesyncPolicy;
import io.albtarget.internal.http.RequestHeadGuard;
import java.util.Locale;
import org.apache.coyote.Adapter;
import org.apache.coyote.http11.Http11NioProtocol;

/**
 * Tomcat's HTTP/1.1 NIO protocol with a {@link RequestHeadGuard} on every connection: a request head the ALB's
 * desync rules refuse (an obs-fold line, which Tomcat would silently unfold; a bare LF; both Content-Length and
 * Transfer-Encoding, which Tomcat would resolve by dropping Content-Length; ...) is answered with albtarget's own
 * one-line refusal and the connection is closed, after the responses to the requests before it; everything else
 * reaches Tomcat unchanged.
 *
 * <p>It sets no timeouts: {@link AlbTomcat#tune} does, for embedded servers, and also sets the desync mitigation
 * mode. In {@code server.xml}, set {@code connectionTimeout} and {@code keepAliveTimeout} above the ALB idle timeout
 * yourself, and the mode, when not {@code defensive}, with the attribute {@code desyncMitigationMode}.
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

    private final GuardedNioEndpoint endpoint;

    /** A protocol handler with a guarded NIO endpoint; Tomcat configures it through its setters. */
    public AlbHttp11NioProtocol() {
        this(new GuardedNioEndpoint());
    }

    private AlbHttp11NioProtocol(GuardedNioEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    /** Tomcat's adapter, behind one that answers the guard's refusals in albtarget's format. */
    @Override
    public void setAdapter(Adapter adapter) {
        super.setAdapter(new RefusalAdapter(adapter));
    }

    /**
     * The desync mitigation mode, as the {@code server.xml} attribute {@code desyncMitigationMode}:
     * {@code monitor}, {@code defensive} (the default) or {@code strictest}.
     *
     * @throws IllegalArgumentException naming the attribute, the allowed values and the value given
     */
    public void setDesyncMitigationMode(String mode) {
        for (AlbSettings.DesyncMitigationMode known : AlbSettings.DesyncMitigationMode.values()) {
            if (known.name().equalsIgnoreCase(mode.strip())) {
                policy(DesyncPolicy.of(known));
                return;
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "desyncMitigationMode must be one of monitor, defensive, strictest, but was '%s'", mode));
    }

    /** The desync mitigation mode in effect, in lower case. */
    public String getDesyncMitigationMode() {
        return endpoint.policy().mode().name().toLowerCase(Locale.ROOT);
    }

    /** The policy the guards apply, and count with. */
    DesyncPolicy policy() {
        return endpoint.policy();
    }

    void policy(DesyncPolicy policy) {
        endpoint.policy(policy);
    }
}
