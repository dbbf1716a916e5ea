package dev.spotifylake.simulator.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/** The simulator's mutable state: current settings, outage, each service's rate window, tokens and traffic seen. */
final class SimulatorState {
    final InstantSource clock;
    final RateWindow rateWindow = new RateWindow();
    final RateWindow reccoBeatsRateWindow = new RateWindow();
    final Tokens tokens = new Tokens();
    final Traffic traffic;

    private final SimulatorSettings initial;
    private final AtomicReference<SimulatorSettings> settings;
    private final AtomicReference<Outage> outage = new AtomicReference<>();

    SimulatorState(SimulatorSettings initial, InstantSource clock) {
        this.clock = clock;
        this.initial = initial;
        this.settings = new AtomicReference<>(initial);
        this.traffic = new Traffic(clock.millis());
    }

    SimulatorSettings settings() {
        return settings.get();
    }

    Outage outage() {
        return outage.get();
    }

    /** Applies a POST /_admin/config body; all of it or, on a bad field, none of it. */
    synchronized void change(JsonNode changes) {
        Outage newOutage = outage.get();
        JsonNode settingsChanges = changes;
        if (changes.has("outage")) {
            JsonNode outageJson = changes.get("outage");
            newOutage = outageJson.isNull() ? null : Outage.fromJson(outageJson, clock.millis());
            settingsChanges = ((ObjectNode) changes.deepCopy()).without("outage");
        }
        settings.set(settings.get().merge(settingsChanges));
        outage.set(newOutage);
    }

    /** Back to the start: settings as started, no outage, empty window and traffic. Tokens stay valid. */
    synchronized void reset() {
        settings.set(initial);
        outage.set(null);
        rateWindow.clear();
        reccoBeatsRateWindow.clear();
        traffic.clear(clock.millis());
    }

    void writeConfigTo(ObjectNode json) {
        settings().writeTo(json);
        Outage current = outage();
        if (current == null) {
            json.putNull("outage");
        } else {
            current.writeTo(json.putObject("outage"));
        }
    }
}
