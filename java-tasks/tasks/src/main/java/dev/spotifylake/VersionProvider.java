package dev.spotifylake;

import picocli.CommandLine.IVersionProvider;

/** The jar's version, from its manifest (set by Maven), so {@code --version} never goes stale. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"spotify-lake " + (version == null ? "(development build)" : version)};
    }
}
