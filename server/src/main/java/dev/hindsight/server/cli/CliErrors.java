package dev.hindsight.server.cli;

import dev.hindsight.storage.config.ConfigException;
import picocli.CommandLine;

/** Prints expected failures (bad config, unusable data directory) as one clear message, not a stack trace. */
final class CliErrors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        if (e instanceof ConfigException ce) {
            System.err.println("hindsight: invalid configuration:");
            ce.problems().forEach(p -> System.err.println("  " + p));
            return 2;
        }
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof java.io.UncheckedIOException) {
            System.err.println("hindsight: " + e.getMessage());
            return 2;
        }
        e.printStackTrace();
        return 1;
    }
}
