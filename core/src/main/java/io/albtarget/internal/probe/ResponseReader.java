package io.albtarget.internal.probe;

import io.albtarget.internal.Printable;
import io.albtarget.internal.TimedRead;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads one HTTP/1.x response from a socket within a deadline. */
final class ResponseReader {

    /** A head larger than this is not worth reading on: the ALB gives up at 32 KiB already. */
    private static final int MAX_HEAD = 1 << 20;
    /** A TLS record's type and protocol version: enough to tell it from {@code HTTP/}. */
    private static final int TLS_RECORD_START = 3;
    private static final int TLS_ALERT = 0x15;
    private static final int TLS_HANDSHAKE = 0x16;

    private final Socket socket;
    private final InputStream in;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private final long start;
    private final long deadline;
    private final String timeout;
    private int headerBytes;
    /** Bytes of a head read so far and not yet complete. */
    private int headRead;
    private long bodyBytes;
    private String statusLine = "";
    private int status = -1;
    private List<Map.Entry<String, String>> headers = List.of();

    ResponseReader(Socket socket, long start, long deadline, String timeout) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.start = start;
        this.deadline = deadline;
        this.timeout = timeout;
    }

    Exchange read() {
        try {
            do {
                String problem = readHead();
                if (!problem.isEmpty()) {
                    return end(Exchange.Outcome.MALFORMED, problem);
                }
            } while (status >= 100 && status < 200 && status != 101);
            return readBody();
        } catch (MalformedBody e) {
            return end(Exchange.Outcome.MALFORMED, e.getMessage());
        } catch (OtherProtocolException e) {
            return end(Exchange.Outcome.OTHER_PROTOCOL, e.getMessage());
        } catch (SocketTimeoutException e) {
            return end(Exchange.Outcome.TIMED_OUT, "no whole response within " + timeout + progress());
        } catch (EOFException e) {
            return end(Exchange.Outcome.CLOSED_EARLY, "the server closed the connection" + progress());
        } catch (IOException e) {
            return end(Exchange.Outcome.CLOSED_EARLY, HttpProbe.describe(e) + progress());
        }
    }

    private String progress() {
        if (status < 0 || headRead > 0) {
            return headRead == 0 ? " before any response byte" : " within the response head";
        }
        long announced = Exchange.contentLength(headers).orElse(-1);
        return announced < 0 ? " after " + bodyBytes + " body bytes"
                : String.format(Locale.ROOT, " after %d of Content-Length %d body bytes", bodyBytes, announced);
    }

    private Exchange end(Exchange.Outcome outcome, String detail) {
        return new Exchange(outcome, detail, statusLine, status, headers, headerBytes, bodyBytes,
                HttpProbe.since(start));
    }

    /** Reads a status line and headers; returns what is malformed about them, or an empty string. */
    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int previous = -1;
        int lineStart = 0;
        List<String> lines = new ArrayList<>();
        while (true) {
            int b = next();
            head.write(b);
            headRead = head.size();
            if (headerBytes == 0 && headRead == TLS_RECORD_START) {
                refuseTlsRecord(head.toByteArray());
            }
            if (head.size() > MAX_HEAD) {
                headerBytes += head.size();
                return "response head over " + MAX_HEAD + " bytes";
            }
            if (b == '\n') {
                byte[] bytes = head.toByteArray();
                int end = bytes.length - (previous == '\r' ? 2 : 1);
                String line = new String(bytes, lineStart, end - lineStart, StandardCharsets.ISO_8859_1);
                lineStart = bytes.length;
                // a status line that is not HTTP's needs no more bytes to be judged
                String problem = lines.isEmpty() ? notHttp(line) : "";
                if (!problem.isEmpty()) {
                    headerBytes += head.size();
                    headRead = 0;
                    statusLine = line;
                    status = -1;
                    return problem;
                }
                if (line.isEmpty()) {
                    break;
                }
                lines.add(line);
            }
            previous = b;
        }
        headerBytes += head.size();
        headRead = 0;
        statusLine = lines.get(0);
        status = Integer.parseInt(statusLine.substring(9, 12));
        return parseHeaders(lines.subList(1, lines.size()));
    }

    /**
     * An HTTP response starts with {@code HTTP/}; a TLS server's answer to bytes that are not a ClientHello starts
     * with the header of an alert (or handshake) record: its type, then protocol version 3.x.
     */
    private static void refuseTlsRecord(byte[] start) throws OtherProtocolException {
        int type = start[0] & 0xff;
        if ((type == TLS_ALERT || type == TLS_HANDSHAKE) && start[1] == 3 && start[2] <= 4) {
            throw new OtherProtocolException("the port speaks TLS, not plain HTTP: it answered the plain-HTTP request"
                    + " with a TLS " + (type == TLS_ALERT ? "alert" : "handshake") + " record");
        }
    }

    /** What is wrong with a status line, or an empty string. */
    private static String notHttp(String line) {
        if (line.length() < 12 || !line.startsWith("HTTP/1.") || !Character.isDigit(line.charAt(7))
                || line.charAt(8) != ' ' || !line.substring(9, 12).chars().allMatch(Character::isDigit)
                || (line.length() > 12 && line.charAt(12) != ' ')) {
            return "the status line is not HTTP/1.x: '" + Printable.of(line) + "'";
        }
        return "";
    }

    /** Parses the header lines after the status line; returns what is malformed about them, or an empty string. */
    private String parseHeaders(List<String> lines) {
        List<Map.Entry<String, String>> parsed = new ArrayList<>();
        for (String header : lines) {
            if (header.startsWith(" ") || header.startsWith("\t")) {
                return "a response header is folded over lines (obs-fold)";
            }
            int colon = header.indexOf(':');
            if (colon <= 0 || header.substring(0, colon).chars().anyMatch(c -> c <= ' ' || c >= 127)) {
                return "a response header line is not 'name: value': '"
                        + Printable.of(header) + "'";
            }
            parsed.add(new AbstractMap.SimpleImmutableEntry<>(header.substring(0, colon),
                    header.substring(colon + 1).strip()));
        }
        headers = List.copyOf(parsed);
        return "";
    }

    private Exchange readBody() throws IOException {
        if (status == 204 || status == 304 || status == 101) {
            return end(Exchange.Outcome.COMPLETE, "");
        }
        boolean chunked = Exchange.header(headers, "Transfer-Encoding")
                .filter(te -> te.toLowerCase(Locale.ROOT).strip().endsWith("chunked")).isPresent();
        Optional<String> announced = Exchange.header(headers, "Content-Length");
        if (chunked) {
            readChunks();
        } else if (announced.isPresent()) {
            long length = Exchange.contentLength(headers).orElse(-1);
            if (length < 0) {
                return end(Exchange.Outcome.MALFORMED, "Content-Length is not a number: '"
                        + Printable.of(announced.get()) + "'");
            }
            while (bodyBytes < length) {
                next();
                bodyBytes++;
            }
        } else {
            readToEnd();
        }
        return end(Exchange.Outcome.COMPLETE, "");
    }

    private void readChunks() throws IOException {
        while (true) {
            String sizeLine = line();
            int semicolon = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip(), 16);
            } catch (NumberFormatException e) {
                throw new MalformedBody("chunk size is not hexadecimal: '" + Printable.of(sizeLine) + "'");
            }
            if (size == 0) {
                while (!line().isEmpty()) {
                    // trailer fields are not judged
                }
                return;
            }
            for (long i = 0; i < size; i++) {
                next();
                bodyBytes++;
            }
            line();
        }
    }

    private void readToEnd() throws IOException {
        while (true) {
            try {
                next();
                bodyBytes++;
            } catch (EOFException e) {
                return;
            }
        }
    }

    /**
     * Counts what arrives after the response, until the server closes the connection or {@code wait} has passed:
     * bytes a reused connection would hand to the next request's response.
     */
    long excess(Duration wait) {
        long count = limit - position;
        position = limit;
        long end = Math.min(deadline, System.nanoTime() + wait.toNanos());
        try {
            for (int read = TimedRead.read(socket, in, buffer, end); read >= 0;
                    read = TimedRead.read(socket, in, buffer, end)) {
                count += read;
            }
        } catch (IOException e) {
            // the end of the wait, or a reset, ends the watch; what came before it is counted
        }
        return count;
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = next()) != '\n') {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private int next() throws IOException {
        if (position < limit) {
            return buffer[position++] & 0xff;
        }
        int read = TimedRead.read(socket, in, buffer, deadline);
        if (read < 0) {
            throw new EOFException();
        }
        position = 0;
        limit = read;
        return buffer[position++] & 0xff;
    }

    /** Body framing that is not HTTP/1.1's, found while reading the body. */
    private static final class MalformedBody extends IOException {
        MalformedBody(String message) {
            super(message);
        }
    }
}
