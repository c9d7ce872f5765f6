package io.albtarget;

import java.util.ArrayList;
import java.util.List;

/** A request head as a server's parser would hand it over, for rules tested without a server. */
public final class TestRequest implements RequestView {

    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();
    private String method = "GET";
    private String target = "/";
    private String protocol = "HTTP/1.1";
    private String localAddress = "127.0.0.1";
    private int localPort = 8080;

    private TestRequest() {
    }

    /** A GET on HTTP/1.1 accepted on 127.0.0.1:8080 with {@code Host: 127.0.0.1:8080}. */
    public static TestRequest get() {
        return new TestRequest().header("Host", "127.0.0.1:8080");
    }

    /** A request with no header line yet. */
    public static TestRequest bare() {
        return new TestRequest();
    }

    public TestRequest header(String name, String value) {
        names.add(name);
        values.add(value);
        return this;
    }

    public TestRequest method(String value) {
        method = value;
        return this;
    }

    public TestRequest target(String value) {
        target = value;
        return this;
    }

    public TestRequest protocol(String value) {
        protocol = value;
        return this;
    }

    public TestRequest local(String address, int port) {
        localAddress = address;
        localPort = port;
        return this;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public String protocol() {
        return protocol;
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
        return localAddress;
    }

    @Override
    public int localPort() {
        return localPort;
    }
}
