package io.albtarget.micronaut;

import io.albtarget.RequestView;
import io.micronaut.http.HttpRequest;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** A Micronaut request as albtarget's rules see it: one entry per header value Netty's decoder produced. */
final class MicronautRequestView implements RequestView {

    private final HttpRequest<?> request;
    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    MicronautRequestView(HttpRequest<?> request) {
        this.request = request;
        request.getHeaders().forEach((name, all) -> all.forEach(value -> {
            names.add(name);
            values.add(value);
        }));
    }

    @Override
    public String method() {
        return request.getMethodName();
    }

    @Override
    public String target() {
        URI uri = request.getUri();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    @Override
    public String protocol() {
        return switch (request.getHttpVersion()) {
            case HTTP_1_0 -> "HTTP/1.0";
            case HTTP_1_1 -> "HTTP/1.1";
            case HTTP_2_0 -> "HTTP/2.0";
        };
    }

    @Override
    public int headerCount() {
        return names.size();
    }

    @Override
    public String headerName(int index) {
        return names.get(index);
    }

    @Override
    public String headerValue(int index) {
        return values.get(index);
    }

    @Override
    public String localAddress() {
        InetSocketAddress local = request.getServerAddress();
        return local.getAddress() == null ? local.getHostString() : local.getAddress().getHostAddress();
    }

    @Override
    public int localPort() {
        return request.getServerAddress().getPort();
    }
}
