package io.albtarget.servlet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * One client connection to 127.0.0.1, plain or TLS, that writes exactly the bytes a test gives it and reads back
 * HTTP/1.1 responses, HTTP/2 frames, raw bytes or the server's close. Every read waits at most 5 s.
 *
 * <p>Public because the examples' tests use it too.
 */
public final class RawHttp implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 5000;

    private final Socket socket;
    private final int readTimeoutMillis;
    private final InputStream in;
    private final OutputStream out;

    private RawHttp(Socket socket, int port, int readTimeoutMillis) throws IOException {
        this.socket = socket;
        this.readTimeoutMillis = readTimeoutMillis;
        socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
        socket.setSoTimeout(readTimeoutMillis);
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** A plain connection to this port. */
    public static RawHttp connect(int port) {
        return connect(port, Duration.ofMillis(TIMEOUT_MILLIS));
    }

    /** A plain connection to this port whose reads give up after this time. */
    public static RawHttp connect(int port, Duration readTimeout) {
        try {
            return new RawHttp(new Socket(), port, (int) readTimeout.toMillis());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A TLS connection to this port that trusts any certificate (a test server's is a throwaway one) and offers
     * these protocols by ALPN, e.g. {@code "h2"}; with none, ALPN is not used. See {@link #applicationProtocol()}.
     */
    public static RawHttp connectTls(int port, String... applicationProtocols) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustAll()}, null);
            SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setApplicationProtocols(applicationProtocols);
            socket.setSSLParameters(parameters);
            RawHttp http = new RawHttp(socket, port, TIMEOUT_MILLIS);
            socket.startHandshake();
            return http;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The protocol the server chose by ALPN, e.g. {@code "h2"}; empty when it chose none or on a plain connection. */
    public String applicationProtocol() {
        String protocol = socket instanceof SSLSocket tls ? tls.getApplicationProtocol() : null;
        return protocol == null ? "" : protocol;
    }

    /** The ALB health checker's exact request for {@code /health}, with this Host value. */
    public static String albHealthCheck(String host) {
        return "GET /health HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n"
                + "User-Agent: ELB-HealthChecker/2.0\r\nAccept-Encoding: gzip, compressed\r\n\r\n";
    }

    /** Sends one request on a new plain connection and reads its response. */
    public static Response exchange(int port, String request) {
        try (RawHttp http = connect(port)) {
            return http.send(request).read();
        }
    }

    /** Writes these characters as ISO-8859-1 bytes, in one write. */
    public RawHttp send(String bytes) {
        return send(bytes.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Writes these bytes in one write. */
    public RawHttp send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tells the server no more bytes will come (a half close), as a client does that sent an incomplete head. */
    public RawHttp finishSending() {
        try {
            socket.shutdownOutput();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes these characters one byte per write, pausing between writes so that the server reads them apart. */
    public RawHttp sendOneBytePerWrite(String bytes) {
        for (int i = 0; i < bytes.length(); i++) {
            send(bytes.substring(i, i + 1));
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while sending", e);
            }
        }
        return this;
    }

    /**
     * Reads one response: its head, then its body by Content-Length, chunked, or up to the close; a 1xx, 204 or
     * 304 has no body, so the bytes after it stay unread.
     */
    public Response read() {
        try {
            String head = readHead();
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ", 3)[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.merge(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip(), (a, b) -> a + ", " + b);
            }
            String body;
            if (status < 200 || status == 204 || status == 304) {
                body = "";
            } else if (headers.containsKey("content-length")) {
                body = new String(in.readNBytes(Integer.parseInt(headers.get("content-length"))),
                        StandardCharsets.ISO_8859_1);
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = readChunked();
            } else {
                body = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            }
            return new Response(status, headers, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one HTTP/2 frame. */
    public Frame readFrame() {
        byte[] header = readBytes(9);
        int length = (header[0] & 0xff) << 16 | (header[1] & 0xff) << 8 | header[2] & 0xff;
        int stream = ByteBuffer.wrap(header, 5, 4).getInt() & 0x7fff_ffff;
        return new Frame(header[3] & 0xff, header[4] & 0xff, stream, readBytes(length));
    }

    /** Reads exactly this many bytes; fails if the server closes the connection first. */
    public byte[] readBytes(int count) {
        try {
            byte[] bytes = in.readNBytes(count);
            if (bytes.length < count) {
                throw new IOException("connection closed after " + bytes.length + " of " + count + " bytes: "
                        + new String(bytes, StandardCharsets.ISO_8859_1));
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the server closes the connection (EOF or reset) within the read timeout; fails if it sends bytes. */
    public boolean closedByServer() {
        return closedWithin(Duration.ofMillis(readTimeoutMillis));
    }

    /** Whether the server closes the connection (EOF or reset) within this time; fails if it sends bytes. */
    public boolean closedWithin(Duration time) {
        try {
            socket.setSoTimeout((int) time.toMillis());
            int read = in.read();
            if (read >= 0) {
                throw new IllegalStateException("the server sent bytes on an idle connection");
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        } finally {
            restoreTimeout();
        }
    }

    private void restoreTimeout() {
        try {
            socket.setSoTimeout(readTimeoutMillis);
        } catch (IOException e) {
            // the socket is closed: no later read needs the timeout
        }
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + head.size() + " bytes of a response head: "
                        + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private String readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // trailer fields are not needed
                }
                return body.toString(StandardCharsets.ISO_8859_1);
            }
            body.write(in.readNBytes(size));
            readLine();
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("connection closed inside a chunked body");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One response as read off the wire; header names in lower case, repeated fields joined with ", ". */
    public record Response(int status, Map<String, String> headers, String body) {
        /** The value of this header, by any case of its name, or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** One HTTP/2 frame, as read by {@link #readFrame()} or to be sent as {@link #bytes()}. */
    public record Frame(int type, int flags, int stream, byte[] payload) {
        public static final int DATA = 0x0;
        public static final int HEADERS = 0x1;
        public static final int SETTINGS = 0x4;
        public static final int END_STREAM = 0x1;
        public static final int ACK = 0x1;
        public static final int END_HEADERS = 0x4;

        /** The frame on the wire: 9 bytes of header, then the payload. */
        public byte[] bytes() {
            return ByteBuffer.allocate(9 + payload.length)
                    .put((byte) (payload.length >>> 16)).put((byte) (payload.length >>> 8)).put((byte) payload.length)
                    .put((byte) type).put((byte) flags).putInt(stream).put(payload)
                    .array();
        }
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // a test client: any certificate will do
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // a test client: any certificate will do
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
