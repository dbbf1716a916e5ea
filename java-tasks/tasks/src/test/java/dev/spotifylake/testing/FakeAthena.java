package dev.spotifylake.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server that speaks the part of Athena's JSON protocol (awsJson1_1, X-Amz-Target
 * AmazonAthena.StartQueryExecution / GetQueryExecution) the engine uses. Like Athena, it answers a known request
 * token with the query it started for it. Each new query walks through a script of states, one per
 * GetQueryExecution, and stays in the last one. What the statements make of the catalog is kept in a
 * {@link CatalogModel}, which answers GetTableMetadata and GetQueryResults. It records every request for the test to
 * check.
 */
public final class FakeAthena implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One answer of GetQueryExecution: a state, and for FAILED Athena's error description. */
    public record State(String state, Integer errorCategory, Boolean retryable, String reason) {
        public static State of(String state) {
            return new State(state, null, null, null);
        }

        public static State failed(int errorCategory, boolean retryable, String reason) {
            return new State("FAILED", errorCategory, retryable, reason);
        }
    }

    /** A request as the server saw it: its X-Amz-Target and JSON body. */
    public record Request(String target, String contentType, JsonNode body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final Map<String, String> queryByToken = new HashMap<>();
    private final Map<String, Deque<State>> statesById = new HashMap<>();
    private final Map<String, String> statementById = new HashMap<>();
    private final Deque<List<State>> scripts = new ArrayDeque<>();
    private final Deque<Integer> startFailures = new ArrayDeque<>();
    private final CatalogModel catalog = new CatalogModel();
    private List<State> defaultScript = List.of(State.of("SUCCEEDED"));

    public FakeAthena() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The states of the next new queries, one script each, in order; later queries use the default. */
    public synchronized FakeAthena script(State... states) {
        scripts.add(List.of(states));
        return this;
    }

    /** The states of every query that has no script of its own. */
    public synchronized FakeAthena defaultScript(State... states) {
        defaultScript = List.of(states);
        return this;
    }

    /** The next StartQueryExecution calls fail with these HTTP statuses (400: InvalidRequestException, 500, ...). */
    public synchronized FakeAthena failStarts(Integer... statuses) {
        startFailures.addAll(List.of(statuses));
        return this;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<JsonNode> starts() {
        return requests.stream().filter(request -> request.target().endsWith("StartQueryExecution")).map(Request::body).toList();
    }

    /** The statements of the queries started, in order, each once however often its token came back. */
    public synchronized List<String> statementsRun() {
        return queryByToken.values().stream().sorted().map(statementById::get).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            JsonNode body = JSON.readTree(in.readAllBytes());
            synchronized (this) {
                requests.add(new Request(target, exchange.getRequestHeaders().getFirst("Content-Type"), body));
                switch (target == null ? "" : target) {
                    case "AmazonAthena.StartQueryExecution" -> start(exchange, body);
                    case "AmazonAthena.GetQueryExecution" -> get(exchange, body);
                    case "AmazonAthena.GetQueryResults" -> results(exchange, body);
                    case "AmazonAthena.GetTableMetadata" -> tableMetadata(exchange, body);
                    default -> error(exchange, 400, "UnknownOperationException", "not faked: " + target);
                }
            }
        }
    }

    private void start(HttpExchange exchange, JsonNode body) throws IOException {
        if (!startFailures.isEmpty()) {
            int status = startFailures.poll();
            error(exchange, status, status == 400 ? "InvalidRequestException" : status == 429 ? "TooManyRequestsException"
                    : "InternalServerException", "scripted failure " + status);
            return;
        }
        String token = body.path("ClientRequestToken").asText();
        String id = queryByToken.computeIfAbsent(token, known -> {
            String newId = String.format("query-%04d", queryByToken.size() + 1);
            statesById.put(newId, new ArrayDeque<>(scripts.isEmpty() ? defaultScript : scripts.poll()));
            statementById.put(newId, body.path("QueryString").asText());
            catalog.apply(body.path("QueryString").asText());
            return newId;
        });
        respond(exchange, 200, JSON.createObjectNode().put("QueryExecutionId", id));
    }

    private void get(HttpExchange exchange, JsonNode body) throws IOException {
        String id = body.path("QueryExecutionId").asText();
        Deque<State> states = statesById.get(id);
        if (states == null) {
            error(exchange, 400, "InvalidRequestException", "QueryExecution " + id + " was not found");
            return;
        }
        State state = states.size() > 1 ? states.poll() : states.peek();
        ObjectNode status = JSON.createObjectNode().put("State", state.state());
        if (state.reason() != null) {
            status.put("StateChangeReason", state.reason());
        }
        if (state.errorCategory() != null) {
            status.putObject("AthenaError").put("ErrorCategory", state.errorCategory()).put("ErrorType", 1000)
                    .put("Retryable", state.retryable()).put("ErrorMessage", state.reason());
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.putObject("QueryExecution").put("QueryExecutionId", id).put("Query", statementById.get(id)).set("Status", status);
        respond(exchange, 200, answer);
    }

    /** The rows the catalog model answers for the query, after the header row Athena puts first. */
    private void results(HttpExchange exchange, JsonNode body) throws IOException {
        ObjectNode answer = JSON.createObjectNode();
        var rows = answer.putObject("ResultSet").putArray("Rows");
        rows.addObject().putArray("Data").addObject().put("VarCharValue", "$path");
        for (List<String> row : catalog.query(statementById.get(body.path("QueryExecutionId").asText()))) {
            var data = rows.addObject().putArray("Data");
            row.forEach(value -> data.addObject().put("VarCharValue", value));
        }
        respond(exchange, 200, answer);
    }

    /** A table the CREATE statements made, as Glue describes it; MetadataException for one they did not. */
    private void tableMetadata(HttpExchange exchange, JsonNode body) throws IOException {
        var table = catalog.table(body.path("TableName").asText());
        if (table.isEmpty()) {
            error(exchange, 400, "MetadataException", "Table " + body.path("TableName").asText() + " not found");
            return;
        }
        ObjectNode answer = JSON.createObjectNode();
        ObjectNode metadata = answer.putObject("TableMetadata").put("Name", body.path("TableName").asText());
        var columns = metadata.putArray("Columns");
        table.get().columns().forEach(column -> columns.addObject().put("Name", column.name()).put("Type", column.type()));
        metadata.putObject("Parameters").put("location", table.get().location());
        respond(exchange, 200, answer);
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().add("x-amzn-ErrorType", type);
        respond(exchange, status, JSON.createObjectNode().put("__type", type).put("Message", message));
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
