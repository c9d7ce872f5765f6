package io.albtarget.netty;

import io.albtarget.RequestView;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpRequest;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A parsed Netty request as the rules read it; the header lines are listed on first use. */
final class NettyRequestView implements RequestView {

    private final HttpRequest request;
    private final Channel channel;
    private @Nullable List<Map.Entry<String, String>> lines;

    NettyRequestView(HttpRequest request, Channel channel) {
        this.request = request;
        this.channel = channel;
    }

    @Override
    public String method() {
        return request.method().name();
    }

    @Override
    public String target() {
        return request.uri();
    }

    @Override
    public String protocol() {
        return request.protocolVersion().text();
    }

    private List<Map.Entry<String, String>> lines() {
        List<Map.Entry<String, String>> listed = lines;
        if (listed == null) {
            listed = request.headers().entries();
            lines = listed;
        }
        return listed;
    }

    @Override
    public int headerCount() {
        return lines().size();
    }

    @Override
    public String headerName(int index) {
        return lines().get(index).getKey();
    }

    @Override
    public String headerValue(int index) {
        return lines().get(index).getValue();
    }

    @Override
    public String localAddress() {
        SocketAddress local = channel.localAddress();
        return local instanceof InetSocketAddress address ? address.getAddress().getHostAddress() : "";
    }

    @Override
    public int localPort() {
        SocketAddress local = channel.localAddress();
        return local instanceof InetSocketAddress address ? address.getPort() : 0;
    }
}
