package io.albtarget.servlet.tomcat;

import io.albtarget.servlet.TestKeystore;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;

/**
 * An embedded Tomcat on 127.0.0.1 with one connector and one context at the root: by default with a servlet that
 * echoes what it received, or with what a test deploys.
 *
 * <p>Public because the self-check tests use it too.
 */
public final class EmbeddedTomcat implements AutoCloseable {

    private final Tomcat tomcat;
    private final Connector connector;

    private EmbeddedTomcat(Tomcat tomcat, Connector connector) {
        this.tomcat = tomcat;
        this.connector = connector;
    }

    /** Starts Tomcat with this connector, on 127.0.0.1 and its port (0 for any), serving the echo servlet. */
    static EmbeddedTomcat start(Connector connector) {
        return start(connector, context -> Tomcat.addServlet(context, "echo", new EchoServlet()).addMapping("/"));
    }

    /** Starts Tomcat with this connector (on 127.0.0.1 unless it has an address), and the servlets and filters {@code deploy} adds to the root context. */
    public static EmbeddedTomcat start(Connector connector, Consumer<Context> deploy) {
        try {
            Tomcat tomcat = new Tomcat();
            tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
            if (connector.getProperty("address") == null) {
                connector.setProperty("address", "127.0.0.1");
            }
            tomcat.setConnector(connector);
            deploy.accept(tomcat.addContext("", null));
            tomcat.start();
            return new EmbeddedTomcat(tomcat, connector);
        } catch (Exception e) {
            throw new IllegalStateException("Tomcat did not start", e);
        }
    }

    /** An HTTPS connector on port 0 with this protocol and the RSA key pair of a {@link TestKeystore} keystore. */
    static Connector https(String protocol, Path keystore) {
        Connector connector = new Connector(protocol);
        connector.setPort(0);
        connector.setSecure(true);
        connector.setScheme("https");
        connector.setProperty("SSLEnabled", "true");
        SSLHostConfig host = new SSLHostConfig();
        SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(host, SSLHostConfigCertificate.Type.RSA);
        certificate.setCertificateKeystoreFile(keystore.toString());
        certificate.setCertificateKeystorePassword(TestKeystore.PASSWORD);
        certificate.setCertificateKeystoreType("PKCS12");
        host.addCertificate(certificate);
        connector.addSslHostConfig(host);
        return connector;
    }

    public int port() {
        return connector.getLocalPort();
    }

    public Connector connector() {
        return connector;
    }

    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException("Tomcat did not stop", e);
        }
    }

    /**
     * Answers 200 with the X-Test value it received and the length of the body it read, both in the body, where an
     * HTTP/2 test can read them without decoding header fields.
     */
    static final class EchoServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            int length = request.getInputStream().readAllBytes().length;
            String value = request.getHeader("X-Test");
            byte[] body = ("x-test=" + (value == null ? "" : value) + "\nlength=" + length + "\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            response.setStatus(200);
            response.setContentType("text/plain");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }
}
