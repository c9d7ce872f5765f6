package io.albtarget.servlet.jetty;

import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * An embedded Jetty on 127.0.0.1 and an ephemeral port with one connector and one servlet context at the root,
 * set up by the test: the connector before the server starts, the context with its servlets and filters.
 *
 * <p>Public because the self-check tests use it too.
 */
public final class EmbeddedJetty implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;

    private EmbeddedJetty(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** Starts Jetty with the connector as {@code configure} leaves it, and what {@code deploy} adds. */
    public static EmbeddedJetty start(Consumer<ServerConnector> configure, Consumer<ServletContextHandler> deploy) {
        Server server = new Server();
        try {
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            configure.accept(connector);
            server.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler();
            deploy.accept(context);
            server.setHandler(context);
            server.start();
            return new EmbeddedJetty(server, connector);
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not start", e);
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    public ServerConnector connector() {
        return connector;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        }
    }
}
