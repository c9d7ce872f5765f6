package io.albtarget.compat.emulator;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** The short HTML answers the ALB makes up itself, e.g. {@code 502 Bad Gateway}. */
final class AlbErrors {

    private AlbErrors() {
    }

    static FullHttpResponse of(int status) {
        HttpResponseStatus line = HttpResponseStatus.valueOf(status);
        String title = line.code() + " " + line.reasonPhrase();
        byte[] body = ("<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                + "</h1></center>\r\n</body>\r\n</html>\r\n").getBytes(StandardCharsets.US_ASCII);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, line,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.SERVER, "awselb/2.0");
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/html");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return response;
    }
}
