package dev.spotifylake.simulator.server;

import static java.util.Objects.requireNonNull;

/**
 * What a simulator is started with.
 *
 * @param port 0 picks a free port (tests)
 * @param threads the pool answering requests; added latency holds a thread for its duration, so it bounds the
 *     requests served at once
 */
public record SimulatorConfig(String host, int port, String clientId, String clientSecret, long seed, int artists,
        int threads, SimulatorSettings settings) {

    public SimulatorConfig {
        requireNonNull(host, "host is null");
        requireNonNull(clientId, "clientId is null");
        requireNonNull(clientSecret, "clientSecret is null");
        requireNonNull(settings, "settings is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, not " + port);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
    }

    @Override
    public String toString() {
        return "SimulatorConfig[host=" + host + ", port=" + port + ", clientId=" + clientId
                + ", clientSecret=***, seed=" + seed + ", artists=" + artists + ", threads=" + threads
                + ", settings=" + settings + "]";
    }
}
