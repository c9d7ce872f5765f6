package io.albtarget.compat.health;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A target on a raw server socket at 127.0.0.1 that runs a script per accepted connection, one thread each, and
 * records every request head it reads. Requests for {@link #HEALTH_PATH} are health checks; the others are traffic.
 * Public because the emulator's tests use it too.
 */
public final class RawTarget implements AutoCloseable {

    /** The health-check path the scripts answer. */
    public static final String HEALTH_PATH = "/health";
    /** A health check's passing answer. */
    public static final String HEALTHY = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";

    /** What the target does with one connection. */
    @FunctionalInterface
    public interface Script {
        void serve(Connection connection) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final Script script;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger trafficConnections = new AtomicInteger();
    private final AtomicInteger closedTrafficConnections = new AtomicInteger();

    private RawTarget(ServerSocket server, Script script) {
        this.server = server;
        this.script = script;
        Thread accept = new Thread(this::accept, "raw-target-accept");
        accept.setDaemon(true);
        accept.start();
    }

    public static RawTarget start(Script script) throws IOException {
        return new RawTarget(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), script);
    }

    /** A target that speaks TLS with this context. */
    public static RawTarget startTls(SSLContext tls, Script script) throws IOException {
        return new RawTarget(tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress()),
                script);
    }

    /** A target that passes health checks and answers traffic with {@code response}, keeping the connection. */
    public static RawTarget answering(String response) throws IOException {
        return start(connection -> {
            for (String request = connection.readRequest(); request != null; request = connection.readRequest()) {
                if (connection.answeredHealthCheck(request)) {
                    return;
                }
                connection.write(response);
            }
        });
    }

    /** A target that passes health checks and, on a connection whose first request is traffic, runs {@code then}. */
    public static RawTarget afterFirstRequest(Script then) throws IOException {
        return start(connection -> {
            String request = connection.readRequest();
            if (request != null && !connection.answeredHealthCheck(request)) {
                then.serve(connection);
            }
        });
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    /** Every request head read, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** The request heads that were not health checks. */
    public List<String> trafficRequests() {
        return requests.stream().filter(r -> !r.startsWith("GET " + HEALTH_PATH + " ")).toList();
    }

    /** Connections that carried traffic. */
    public int trafficConnections() {
        return trafficConnections.get();
    }

    /** Traffic connections the other side closed. */
    public int closedTrafficConnections() {
        return closedTrafficConnections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                Thread serve = new Thread(() -> serve(socket), "raw-target-connection");
                serve.setDaemon(true);
                serve.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            script.serve(new Connection(socket));
        } catch (IOException | InterruptedException e) {
            // the test's side went away; the connection ends with the script
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    /** One accepted connection. */
    public final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private boolean traffic;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        /** The next request's head and body as text, or null when the other side closed the connection. */
        public String readRequest() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = read();
                if (b < 0) {
                    if (traffic) {
                        closedTrafficConnections.incrementAndGet();
                    }
                    return null;
                }
                head.write(b);
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            int length = contentLength(text);
            for (int i = 0; i < length; i++) {
                head.write(read());
            }
            String request = head.toString(StandardCharsets.ISO_8859_1);
            requests.add(request);
            if (!traffic && !request.startsWith("GET " + HEALTH_PATH + " ")) {
                traffic = true;
                trafficConnections.incrementAndGet();
            }
            return request;
        }

        private int read() throws IOException {
            try {
                return in.read();
            } catch (SocketException e) {
                return -1;
            }
        }

        /** Answers a health check with 200 and returns true, or returns false for traffic. */
        public boolean answeredHealthCheck(String request) throws IOException {
            if (!request.startsWith("GET " + HEALTH_PATH + " ")) {
                return false;
            }
            write(HEALTHY);
            return true;
        }

        public void write(String bytes) throws IOException {
            out.write(bytes.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        /**
         * Waits this long for the next request's first byte: true if one came, false if none came or the other side
         * closed the connection.
         */
        public boolean requestWithin(int millis) throws IOException {
            socket.setSoTimeout(millis);
            try {
                in.mark(1);
                int first = in.read();
                in.reset();
                return first >= 0;
            } catch (SocketTimeoutException e) {
                return false;
            } finally {
                socket.setSoTimeout(0);
            }
        }
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).strip());
            }
        }
        return 0;
    }
}
