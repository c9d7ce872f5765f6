package io.albtarget.compat.matrix;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The {@link App} as a servlet, for Tomcat, Jetty and Undertow; it holds its thread through {@code /slow}. */
final class AppServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        if (path.equals(App.SLOW)) {
            String ms = request.getParameter("ms");
            if (ms == null || !ms.matches("\\d{1,9}")) {
                response.sendError(400, "ms must be a number of milliseconds, but was " + ms);
                return;
            }
            try {
                Thread.sleep(Long.parseLong(ms));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (!path.equals("/") && !path.equals("/echo")) {
            response.sendError(404);
            return;
        }
        response.setStatus(200);
        response.setContentType(App.CONTENT_TYPE);
        response.setContentLength(App.BODY_BYTES.length);
        response.getOutputStream().write(App.BODY_BYTES);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.getInputStream().readAllBytes();
        doGet(request, response);
    }
}
