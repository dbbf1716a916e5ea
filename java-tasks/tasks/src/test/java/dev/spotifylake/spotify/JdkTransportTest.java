package dev.spotifylake.spotify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** The transport against a real HTTP server on the loopback: the JDK's own, serving a few fixed answers. */
class JdkTransportTest {
    private HttpServer server;
    private URI base;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/token", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            byte[] body = ("{\"form\":\"" + form + "\",\"type\":\"" + exchange.getRequestHeaders().getFirst("Content-Type")
                    + "\",\"method\":\"" + exchange.getRequestMethod() + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/v1/throttled", exchange -> {
            exchange.getResponseHeaders().add("Retry-After", "4");
            exchange.sendResponseHeaders(429, -1);
            exchange.close();
        });
        server.createContext("/v1/slow", exchange -> {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void aFormIsPostedWithItsContentType() throws Exception {
        Transport.Response response = transport().send(Transport.Request.postForm(base.resolve("/api/token"), Map.of(),
                "grant_type=client_credentials"));

        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"form\":\"grant_type=client_credentials\","
                + "\"type\":\"application/x-www-form-urlencoded\",\"method\":\"POST\"}");
    }

    @Test
    void headersAreReadWhateverTheirCase() throws Exception {
        Transport.Response response = transport().send(Transport.Request.get(base.resolve("/v1/throttled"), Map.of()));

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.header("retry-after")).contains("4");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void anAnswerSlowerThanTheReadTimeoutIsAnIoError() {
        JdkTransport impatient = new JdkTransport(Duration.ofSeconds(1), Duration.ofMillis(200));

        assertThatThrownBy(() -> impatient.send(Transport.Request.get(base.resolve("/v1/slow"), Map.of())))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void aRefusedConnectionIsAnIoError() {
        server.stop(0);

        assertThatThrownBy(() -> transport().send(Transport.Request.get(base.resolve("/v1/slow"), Map.of())))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aKeptAliveConnectionClosedWithoutAnAnswerIsAnIoErrorAndNotSentAgain() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger requests = new AtomicInteger();
            Thread peer = new Thread(() -> answerOnceThenDrop(listener, requests));
            peer.setDaemon(true);
            peer.start();
            URI dropping = URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/v1/drop");
            JdkTransport transport = transport();

            assertThat(transport.send(Transport.Request.get(dropping, Map.of())).status()).isEqualTo(200);
            assertThatThrownBy(() -> transport.send(Transport.Request.get(dropping, Map.of()))).isInstanceOf(IOException.class);
            Thread.sleep(300);

            assertThat(requests).as("requests the server read").hasValue(2);
        }
    }

    /**
     * Every connection: the first request is answered (keep-alive), the next one is read and the connection closed
     * without an answer, as a server or proxy dropping an idle connection does.
     */
    private static void answerOnceThenDrop(ServerSocket listener, AtomicInteger requests) {
        while (!listener.isClosed()) {
            try (Socket connection = listener.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
                for (int answered = 0; readRequestHead(in); answered++) {
                    requests.incrementAndGet();
                    if (answered > 0) {
                        break;
                    }
                    connection.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"
                            .getBytes(StandardCharsets.US_ASCII));
                    connection.getOutputStream().flush();
                }
            } catch (IOException e) {
                // the listener was closed: the test is over
            }
        }
    }

    /** Reads a request's head (a GET has no body); answers false at the end of the stream. */
    private static boolean readRequestHead(BufferedReader in) throws IOException {
        String line = in.readLine();
        if (line == null) {
            return false;
        }
        while (line != null && !line.isEmpty()) {
            line = in.readLine();
        }
        return true;
    }

    private JdkTransport transport() {
        return new JdkTransport(Duration.ofSeconds(1), Duration.ofSeconds(5));
    }
}
