package io.albtarget.servlet.tomcat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * One client connection, plain or TLS, that writes exact bytes and reads responses, HTTP/2 frames or the close,
 * with a read timeout the test chooses. Unlike {@code RawHttp} it can speak TLS and read past a 101.
 */
final class Wire implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 5000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private Wire(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static Wire plain(int port) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            return new Wire(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A TLS connection that trusts any certificate: the server's is a throwaway one. */
    static Wire tls(int port) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
            SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.startHandshake();
            return new Wire(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    Wire send(String bytes) {
        return send(bytes.getBytes(StandardCharsets.ISO_8859_1));
    }

    Wire send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one byte per write, pausing between them so that the server reads them apart. */
    Wire trickle(String bytes) throws InterruptedException {
        for (int i = 0; i < bytes.length(); i++) {
            send(bytes.substring(i, i + 1));
            Thread.sleep(2);
        }
        return this;
    }

    /** A response: status, the head as text, and the body (Content-Length, chunked, or none for a 1xx). */
    record Response(int status, String head, String body) {
        boolean closes() {
            return head.toLowerCase(Locale.ROOT).contains("\r\nconnection: close");
        }
    }

    Response read() {
        try {
            String head = readHead();
            int status = Integer.parseInt(head.split(" ", 3)[1]);
            String lower = head.toLowerCase(Locale.ROOT);
            String body = "";
            int length = lower.indexOf("\r\ncontent-length:");
            if (length >= 0) {
                int end = lower.indexOf("\r\n", length + 2);
                int count = Integer.parseInt(lower.substring(length + 17, end).strip());
                body = new String(in.readNBytes(count), StandardCharsets.ISO_8859_1);
            } else if (lower.contains("\r\ntransfer-encoding: chunked")) {
                body = readChunked();
            }
            return new Response(status, head, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTP/2 frame. */
    record Frame(int type, int flags, int stream, byte[] payload) {
        static final int DATA = 0;
        static final int HEADERS = 1;
        static final int SETTINGS = 4;
    }

    Frame readFrame() {
        try {
            byte[] header = in.readNBytes(9);
            if (header.length < 9) {
                throw new IOException("connection closed inside an HTTP/2 frame header: "
                        + new String(header, StandardCharsets.ISO_8859_1));
            }
            int length = (header[0] & 0xff) << 16 | (header[1] & 0xff) << 8 | header[2] & 0xff;
            int stream = ((header[5] & 0x7f) << 24 | (header[6] & 0xff) << 16 | (header[7] & 0xff) << 8
                    | header[8] & 0xff);
            return new Frame(header[3] & 0xff, header[4] & 0xff, stream, in.readNBytes(length));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the server closed the connection (EOF or reset) within {@code millis}; false if it stayed open. */
    boolean closedWithin(int millis) {
        try {
            socket.setSoTimeout(millis);
            int b = in.read();
            if (b >= 0) {
                throw new IllegalStateException("unexpected byte from the server: " + b);
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        } finally {
            try {
                socket.setSoTimeout(TIMEOUT_MILLIS);
            } catch (IOException e) {
                // the socket is closed; the answer stands
            }
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
            int size = Integer.parseInt(readLine().split(";")[0].strip(), 16);
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
    public void close() throws IOException {
        socket.close();
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
