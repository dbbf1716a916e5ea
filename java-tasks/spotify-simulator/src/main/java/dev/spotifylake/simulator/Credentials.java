package dev.spotifylake.simulator;

/** The one app the simulator knows: its client id and secret. */
public record Credentials(String clientId, String clientSecret) {
    public Credentials {
        if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
            throw new IllegalArgumentException("client id and client secret are required");
        }
    }

    boolean matches(String id, String secret) {
        return clientId.equals(id) && clientSecret.equals(secret);
    }
}
