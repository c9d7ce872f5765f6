package io.albtarget.servlet.jetty;

import io.albtarget.internal.http.DesyncPolicy;
import io.albtarget.internal.http.GuardedPorts;
import io.albtarget.internal.http.RequestHeadGuard;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnector;

/**
 * Jetty's HTTP/1.1 connection factory, giving each connection a {@link GuardedEndPoint}, and registering the
 * connector's port with {@link GuardedPorts} once it accepts connections, until the factory stops. Over TLS it
 * follows Jetty's SSL factory and so guards the decrypted bytes.
 */
final class GuardedHttpConnectionFactory extends HttpConnectionFactory {

    private final DesyncPolicy policy;
    private int registered;

    GuardedHttpConnectionFactory(HttpConfiguration configuration, DesyncPolicy policy) {
        super(configuration);
        this.policy = policy;
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        register(connector);
        return super.newConnection(connector,
                new GuardedEndPoint(endPoint, new RequestHeadGuard(policy), connector.getExecutor()));
    }

    private synchronized void register(Connector connector) {
        if (registered == 0 && connector instanceof NetworkConnector network && network.getLocalPort() > 0) {
            registered = network.getLocalPort();
            GuardedPorts.register(registered);
        }
    }

    @Override
    protected synchronized void doStop() throws Exception {
        if (registered > 0) {
            GuardedPorts.unregister(registered);
            registered = 0;
        }
        super.doStop();
    }
}
