package dev.spotifylake.spotify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.spotifylake.testing.FakeTime;

/**
 * A hand-written stand-in for the network: answers the token endpoint with tokens of a given lifetime, and every
 * API request with the next answer of a script. Records what was sent and when, on the fake clock.
 */
final class ScriptedTransport implements Transport {
    /** One answer of the script: a response, or an I/O error when {@code response} is null. */
    record Answer(Response response) {
        static Answer status(int status) {
            return status(status, "{\"error\":{\"status\":" + status + "}}");
        }

        static Answer status(int status, String body) {
            return new Answer(new Response(status, Map.of(), body.getBytes(StandardCharsets.UTF_8)));
        }

        static Answer ok(String body) {
            return status(200, body);
        }

        static Answer tooManyRequests(long retryAfterSeconds) {
            return new Answer(new Response(429, Map.of("retry-after", Long.toString(retryAfterSeconds)), new byte[0]));
        }

        static Answer ioError() {
            return new Answer(null);
        }
    }

    record Sent(Request request, double atSeconds) {
        String authorization() {
            return request.headers().get("Authorization");
        }
    }

    private final FakeTime time;
    private final List<Answer> script;
    private final long tokenLifetimeSeconds;
    private final List<Sent> apiRequests = new ArrayList<>();
    private Function<Request, Response> tokenEndpoint;
    private int tokensIssued;

    ScriptedTransport(FakeTime time, long tokenLifetimeSeconds, Answer... script) {
        this.time = time;
        this.tokenLifetimeSeconds = tokenLifetimeSeconds;
        this.script = new ArrayList<>(List.of(script));
        this.tokenEndpoint = request -> {
            tokensIssued++;
            String body = "{\"access_token\":\"token-" + tokensIssued + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                    + this.tokenLifetimeSeconds + "}";
            return new Response(200, Map.of(), body.getBytes(StandardCharsets.UTF_8));
        };
    }

    ScriptedTransport answeringTokenRequestsWith(Function<Request, Response> endpoint) {
        this.tokenEndpoint = endpoint;
        return this;
    }

    @Override
    public synchronized Response send(Request request) throws IOException {
        if (request.uri().getPath().equals("/api/token")) {
            return tokenEndpoint.apply(request);
        }
        apiRequests.add(new Sent(request, time.seconds()));
        Answer answer = script.isEmpty() ? Answer.ok("{\"tracks\":[]}") : script.remove(0);
        if (answer.response() == null) {
            throw new IOException("connection reset");
        }
        return answer.response();
    }

    synchronized List<Sent> apiRequests() {
        return List.copyOf(apiRequests);
    }

    synchronized int tokensIssued() {
        return tokensIssued;
    }
}
