package dev.hindsight.server.cli;

/** The build's version, as reported by --version and /api/v1/status/buildinfo. */
public final class Version {
    public static final String VERSION = "0.1.0";

    private Version() {
    }
}
