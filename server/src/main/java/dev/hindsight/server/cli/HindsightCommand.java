package dev.hindsight.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code hindsight}: the agent, its tools and its REPL, as subcommands. */
@Command(name = "hindsight", mixinStandardHelpOptions = true, version = "hindsight " + Version.VERSION,
        description = "Container resource monitor with a memory.",
        subcommands = {RunCommand.class, DumpCommand.class, QueryCommand.class, ConfigCommand.class, CommandLine.HelpCommand.class})
public final class HindsightCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.setProperty("chronicle.analytics.disable", "true");
        System.setProperty("chronicle.announcer.disable", "true");
        int code = new CommandLine(new HindsightCommand())
                .setExecutionExceptionHandler(new CliErrors())
                .execute(args);
        if (code != 0 || !isLongRunning(args)) {
            System.exit(code);
        }
    }

    private static boolean isLongRunning(String[] args) {
        return args.length > 0 && args[0].equals("run");
    }
}
