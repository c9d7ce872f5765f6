package io.albtarget.servlet;

import io.albtarget.RequestView;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Enumeration;

/** A servlet request as albtarget's rules see it: one entry per header value the container reports. */
final class ServletRequestView implements RequestView {

    private final HttpServletRequest request;
    private String[] names = new String[16];
    private String[] values = new String[16];
    private int count;

    ServletRequestView(HttpServletRequest request) {
        this.request = request;
        Enumeration<String> headerNames = request.getHeaderNames();
        while (headerNames.hasMoreElements()) {
            String name = headerNames.nextElement();
            Enumeration<String> headerValues = request.getHeaders(name);
            while (headerValues.hasMoreElements()) {
                add(name, headerValues.nextElement());
            }
        }
    }

    private void add(String name, String value) {
        if (count == names.length) {
            names = Arrays.copyOf(names, count * 2);
            values = Arrays.copyOf(values, count * 2);
        }
        names[count] = name;
        values[count] = value;
        count++;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String target() {
        String query = request.getQueryString();
        return query == null ? request.getRequestURI() : request.getRequestURI() + "?" + query;
    }

    @Override
    public String protocol() {
        return request.getProtocol();
    }

    @Override
    public int headerCount() {
        return count;
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
        return request.getLocalAddr();
    }

    @Override
    public int localPort() {
        return request.getLocalPort();
    }
}
