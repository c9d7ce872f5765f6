package io.albtarget.servlet.tomcat;

import io.albtarget.internal.http.DesyncPolicy;
import io.albtarget.internal.http.GuardedPorts;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.NioEndpoint;
import org.apache.tomcat.util.net.SocketBufferHandler;

/**
 * Tomcat's NIO endpoint, handing out channels that guard what they read, and registering its port with
 * {@link GuardedPorts} while bound.
 */
final class GuardedNioEndpoint extends NioEndpoint {

    private volatile DesyncPolicy policy = DesyncPolicy.of(io.albtarget.AlbSettings.defaults());
    private int registered;

    void policy(DesyncPolicy policy) {
        this.policy = policy;
    }

    DesyncPolicy policy() {
        return policy;
    }

    @Override
    protected NioChannel createChannel(SocketBufferHandler buffer) {
        return isSSLEnabled() ? new GuardedSecureNioChannel(buffer, this, policy)
                : new GuardedNioChannel(buffer, policy);
    }

    @Override
    public void bind() throws Exception {
        super.bind();
        int port = getLocalPort();
        if (port > 0) {
            GuardedPorts.register(port);
            registered = port;
        }
    }

    @Override
    public void unbind() throws Exception {
        if (registered > 0) {
            GuardedPorts.unregister(registered);
            registered = 0;
        }
        super.unbind();
    }
}
