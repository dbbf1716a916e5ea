package dev.spotifylake.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A Spotify API simulator of a test's own (java-tasks/spotify-simulator), on a free port: the faults, limits
 * and counters a test switches on touch no other test, nor the stack's simulator. The one place that knows the
 * simulator's command line and admin endpoints.
 */
public record Simulator(Process process, Path log, String url) implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /**
     * One request as the simulator's log has it: when it arrived, its endpoint ({@code token}, {@code top-tracks},
     * {@code audio-features}, ...), the status answered (0: connection dropped) and the Retry-After of a 429.
     */
    public record LoggedRequest(long receivedAtMillis, String endpoint, int status, int retryAfterSeconds) {
        public boolean isApi() {
            return !endpoint.equals("token");
        }
    }

    public static Path jar() {
        Path jar = LocalStack.repositoryRoot().resolve("java-tasks/spotify-simulator/target/spotify-simulator.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run make jar");
        }
        return jar;
    }

    /** Starts {@code serve} with the stack's client credentials and the given options, and waits for /health. */
    public static Simulator start(Map<String, String> stack, String... serveOptions) {
        try {
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(java(), "-jar", jar().toString(), "serve",
                    "--port", Integer.toString(port),
                    "--client-id", stack.get("SPOTIFY_CLIENT_ID"), "--client-secret", stack.get("SPOTIFY_CLIENT_SECRET")));
            command.addAll(List.of(serveOptions));
            Path log = Files.createTempFile("simulator-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Simulator simulator = new Simulator(process, log, "http://127.0.0.1:" + port);
            simulator.awaitHealthy();
            return simulator;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stack's environment pointed at this simulator. */
    public Map<String, String> environment(Map<String, String> base) {
        Map<String, String> environment = new HashMap<>(base);
        environment.put("SPOTIFY_API_URL", url + "/v1");
        environment.put("SPOTIFY_ACCOUNTS_URL", url);
        environment.put("RECCOBEATS_API_URL", url + "/reccobeats/v1");
        return environment;
    }

    /** The SQL that seeds MySQL with the simulator's catalog of {@code artists} artists. */
    public static String mysqlSeed(int artists) {
        try {
            Process process = new ProcessBuilder(java(), "-jar", jar().toString(), "mysql-seed", "--artists",
                    Integer.toString(artists)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String sql = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("mysql-seed failed");
            }
            return sql;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every request the simulator saw, in arrival order. */
    public List<LoggedRequest> requestLog() {
        List<LoggedRequest> requests = new ArrayList<>();
        for (JsonNode entry : admin("/requests").path("requests")) {
            requests.add(new LoggedRequest(entry.path("time_ms").asLong(), entry.path("endpoint").asText(),
                    entry.path("status").asInt(), entry.path("retry_after_s").asInt()));
        }
        return requests;
    }

    private JsonNode admin(String path) {
        return answer(HttpRequest.newBuilder(URI.create(url + "/_admin" + path)).GET().build());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            Files.deleteIfExists(log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode answer(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
                        + new String(response.body()));
            }
            return response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitHealthy() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the simulator exited: " + readLog());
            }
            try {
                HttpResponse<Void> health = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep();
        }
        close();
        throw new IllegalStateException("the simulator did not become healthy within 60 s: " + readLog());
    }

    private String readLog() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
