package dev.spotifylake.simulator;

/** The simulator's switchable state: the settings in force, planned outages and the rate limit's window. */
final class Behaviour {
    private final Settings initial;
    private volatile Settings settings;
    final Outages outages = new Outages();
    final RateWindow rateWindow = new RateWindow();

    Behaviour(Settings initial) {
        this.initial = initial;
        this.settings = initial;
    }

    Settings settings() {
        return settings;
    }

    void change(Settings changed) {
        settings = changed;
    }

    /** Back to the settings the simulator started with, no outage planned and an empty rate window. */
    void reset() {
        settings = initial;
        outages.clear();
        rateWindow.clear();
    }
}
