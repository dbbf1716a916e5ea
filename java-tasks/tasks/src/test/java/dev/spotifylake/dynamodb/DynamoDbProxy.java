package dev.spotifylake.dynamodb;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A DynamoDB endpoint in front of the real one that lets a test decide the fate of each request: a {@link Rule}
 * sees its operation (PutItem, Scan...) and may answer in DynamoDB's place, hold it, or let it pass unchanged.
 */
final class DynamoDbProxy implements AutoCloseable {
    private static final Set<String> UNFORWARDED = Set.of("host", "connection", "content-length", "expect", "upgrade");

    /** What the proxy does with a request. */
    @FunctionalInterface
    interface Rule {
        /** Answers an error body to send with status 400 in DynamoDB's place, or null to forward the request. */
        String answer(String operation) throws InterruptedException;
    }

    private final URI target;
    private final Rule rule;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    DynamoDbProxy(String target, Rule rule) throws IOException {
        this.target = URI.create(target);
        this.rule = rule;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The body of DynamoDB's answer to a throttled request. */
    static String throttling() {
        return "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ThrottlingException\","
                + "\"message\":\"Rate of requests exceeds the allowed throughput.\"}";
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        String answer;
        try {
            answer = rule.answer(target.substring(target.indexOf('.') + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (answer != null) {
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
            send(exchange, 400, answer.getBytes(StandardCharsets.UTF_8));
            return;
        }
        forward(exchange, body);
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!UNFORWARDED.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!UNFORWARDED.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            send(exchange, response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }
}
