package dev.spotifylake;

import picocli.CommandLine.IVersionProvider;

/** The jar's version, from its manifest (set by Maven), so {@code --version} never goes stale. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"spotify-lake " + version()};
    }

    /** {@code 0.1.0}, or "(development build)" when the classes do not come from the jar. */
    public static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }
}
