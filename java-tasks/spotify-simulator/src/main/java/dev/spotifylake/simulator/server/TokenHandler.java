package dev.spotifylake.simulator.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.spotifylake.simulator.server.Traffic.Seen;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;

/**
 * POST /api/token of the accounts service, client-credentials flow: the client authenticates with HTTP Basic (or
 * client_id and client_secret in the form, which Spotify also accepts) and gets a bearer token.
 */
final class TokenHandler implements HttpHandler {
    private final SimulatorState state;
    private final String clientId;
    private final byte[] clientSecret;

    TokenHandler(SimulatorState state, String clientId, String clientSecret) {
        this.state = state;
        this.clientId = clientId;
        this.clientSecret = clientSecret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long arrival = state.clock.millis();
        SimulatorSettings settings = state.settings();
        Response response = exchange.getRequestMethod().equals("POST")
                ? token(exchange, arrival, settings)
                : Response.error(405, "Method not allowed");
        state.traffic.record(new Seen(arrival, Endpoint.TOKEN, response.status(), 0));
        Exchanges.delay(settings.latencyMs());
        Exchanges.send(exchange, response);
    }

    private Response token(HttpExchange exchange, long now, SimulatorSettings settings) throws IOException {
        Map<String, String> form = Query.parse(Exchanges.body(exchange));
        String[] credentials = basicCredentials(exchange.getRequestHeaders().getFirst("Authorization"));
        String id = credentials != null ? credentials[0] : form.get("client_id");
        String secret = credentials != null ? credentials[1] : form.get("client_secret");
        if (id == null || !id.equals(clientId)) {
            return Response.oauthError("invalid_client", "Invalid client");
        }
        if (secret == null || !MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), clientSecret)) {
            return Response.oauthError("invalid_client", "Invalid client secret");
        }
        String grantType = form.get("grant_type");
        if (grantType == null || grantType.isEmpty()) {
            return Response.oauthError("unsupported_grant_type", "grant_type parameter is missing");
        }
        if (!grantType.equals("client_credentials")) {
            return Response.oauthError("unsupported_grant_type",
                    "grant_type must be client_credentials, authorization_code or refresh_token");
        }
        ObjectNode body = Response.JSON.createObjectNode();
        body.put("access_token", state.tokens.issue(now, settings.tokenLifetimeSeconds()));
        body.put("token_type", "Bearer");
        body.put("expires_in", settings.tokenLifetimeSeconds());
        return Response.json(200, body);
    }

    /** {id, secret} from "Basic base64(id:secret)", or null when the header is absent or not Basic. */
    private static String[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new String[] {"", ""};
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? new String[] {decoded, ""} : new String[] {decoded.substring(0, colon),
                decoded.substring(colon + 1)};
    }
}
