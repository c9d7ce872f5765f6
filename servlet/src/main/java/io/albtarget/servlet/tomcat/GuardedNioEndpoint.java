package io.albtarget.servlet.tomcat;

import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.NioEndpoint;
import org.apache.tomcat.util.net.SocketBufferHandler;

/** Tomcat's NIO endpoint, handing out channels that guard what they read. */
final class GuardedNioEndpoint extends NioEndpoint {

    @Override
    protected NioChannel createChannel(SocketBufferHandler buffer) {
        return isSSLEnabled() ? new GuardedSecureNioChannel(buffer, this) : new GuardedNioChannel(buffer);
    }
}
