package dev.spotifylake.simulator.server;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Reading requests from and writing answers to the JDK server's exchanges. */
final class Exchanges {
    /** Forms and admin JSON are small; anything larger is a mistake, not a request. */
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private Exchanges() {
    }

    static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new IOException("request body over " + MAX_BODY_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    static void send(HttpExchange exchange, Response response) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        response.headers().forEach(headers::set);
        if (response.retryAfterSeconds() > 0) {
            headers.set("Retry-After", Integer.toString(response.retryAfterSeconds()));
        }
        if (response.body() == null) {
            exchange.sendResponseHeaders(response.status(), -1);
        } else {
            headers.set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(response.status(), response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
        exchange.close();
    }

    /** Waits the configured latency; an interrupt (the server stopping) just ends the wait. */
    static void delay(int latencyMs) {
        if (latencyMs <= 0) {
            return;
        }
        try {
            Thread.sleep(latencyMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
