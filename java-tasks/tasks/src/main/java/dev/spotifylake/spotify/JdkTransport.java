package dev.spotifylake.spotify;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@link Transport} on the JDK's HttpClient, with a connect timeout and a timeout on each whole response. One
 * {@link #send} is one request on the wire: the client's own silent re-sends are switched off, so that the
 * task's retry policy is the only one, every attempt passes the rate limiter and {@code http_requests} counts
 * what the server saw.
 */
public final class JdkTransport implements Transport {
    static {
        // The JDK 17 client sends a GET once more on a fresh connection when a pooled one turns out closed
        // (ConnectionExpiredException), whatever jdk.httpclient.enableAllMethodRetry says; only its limit of
        // attempts per request stops that. A refused connect is retried once unless disableRetryConnect. Both are
        // read once, when the client's classes load: before the first client is built, which is here.
        System.setProperty("jdk.httpclient.redirects.retrylimit", "1");
        System.setProperty("jdk.httpclient.disableRetryConnect", "true");
    }

    private final HttpClient http;
    private final Duration readTimeout;

    public JdkTransport(Duration connectTimeout, Duration readTimeout) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.readTimeout = readTimeout;
    }

    @Override
    public Response send(Request request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(readTimeout);
        request.headers().forEach(builder::header);
        if (request.formBody() != null) {
            builder.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(request.formBody()));
        }
        HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, String> headers = new HashMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        return new Response(response.statusCode(), headers, response.body());
    }
}
