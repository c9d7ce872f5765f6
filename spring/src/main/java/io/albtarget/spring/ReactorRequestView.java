package io.albtarget.spring;

import io.albtarget.RequestView;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerRequest;

/** A request Reactor Netty parsed, as albtarget's rules read it: its header lines in the order they came. */
final class ReactorRequestView implements RequestView {

    private final HttpServerRequest request;
    private final List<Map.Entry<String, String>> lines;

    ReactorRequestView(HttpServerRequest request) {
        this.request = request;
        this.lines = request.requestHeaders().entries();
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
        return request.version().text();
    }

    @Override
    public int headerCount() {
        return lines.size();
    }

    @Override
    public String headerName(int index) {
        return lines.get(index).getKey();
    }

    @Override
    public String headerValue(int index) {
        return lines.get(index).getValue();
    }

    @Override
    public String localAddress() {
        InetSocketAddress local = local();
        return local.getAddress() == null ? local.getHostString() : local.getAddress().getHostAddress();
    }

    @Override
    public int localPort() {
        return local().getPort();
    }

    /** The address the connection was accepted on; an HTTP/2 stream reports its connection's. */
    private InetSocketAddress local() {
        SocketAddress address = ((Connection) request).channel().localAddress();
        return (InetSocketAddress) address;
    }
}
