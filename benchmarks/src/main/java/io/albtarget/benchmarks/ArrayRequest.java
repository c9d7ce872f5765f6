package io.albtarget.benchmarks;

import io.albtarget.RequestView;

/** A parsed request head held in arrays, the way a server adapter hands one to albtarget. */
final class ArrayRequest implements RequestView {

    private final String[] names;
    private final String[] values;
    private final String localAddress;
    private final int localPort;

    ArrayRequest(String[] names, String[] values, String localAddress, int localPort) {
        this.names = names.clone();
        this.values = values.clone();
        this.localAddress = localAddress;
        this.localPort = localPort;
    }

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public String target() {
        return "/orders/7?expand=items";
    }

    @Override
    public String protocol() {
        return "HTTP/1.1";
    }

    @Override
    public int headerCount() {
        return names.length;
    }

    @Override
    public String headerName(int index) {
        return names[index];
    }

    @Override
    public String headerValue(int index) {
        return values[index];
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
