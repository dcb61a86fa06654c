package dev.hindsight.query.repl;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.function.LongSupplier;
import org.jline.reader.EndOfFileException;
import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * The interactive prompt: reads queries and {@code :commands} with JLine (history in a file,
 * completion from the backend, multi-line input), runs them and prints the answer. Runs on the
 * calling thread until {@code :quit} or end of input; Ctrl-C abandons the line being typed.
 */
public final class Repl {
    /** Terminal width assumed when the terminal does not report one (dumb terminals, pipes). */
    static final int DEFAULT_WIDTH = 100;
    /** Data older than this at "now" means instant queries will find nothing: say so at start. */
    private static final long STALE_MS = 5 * 60_000L;

    private final Terminal terminal;
    private final ReplBackend backend;
    private final Path historyFile;
    private final LongSupplier clockMs;
    private final ZoneId zone;
    /** Written by the REPL thread only. */
    private ReplSettings settings;

    /**
     * @param historyFile where history is kept across sessions ({@code ~/.hindsight_history}), or null for none
     * @param clockMs     wall clock ("now" of queries)
     * @param zone        zone times are shown in
     */
    public Repl(Terminal terminal, ReplBackend backend, Path historyFile, LongSupplier clockMs, ZoneId zone,
                ReplSettings initial) {
        this.terminal = terminal;
        this.backend = backend;
        this.historyFile = historyFile;
        this.clockMs = clockMs;
        this.zone = zone;
        this.settings = initial;
    }

    /** Reads and answers until {@code :quit} or end of input. */
    public void run() {
        LineReader reader = reader();
        PrintWriter out = terminal.writer();
        banner(out);
        while (true) {
            String line;
            try {
                line = reader.readLine(prompt());
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                break;
            }
            String input = InputScan.normalize(line);
            if (input.isEmpty()) {
                continue;
            }
            if (input.startsWith(":")) {
                if (!command(input, out)) {
                    break;
                }
                continue;
            }
            print(out, query(input), false);
        }
        saveHistory(reader.getHistory());
    }

    private LineReader reader() {
        LineReaderBuilder b = LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("hindsight")
            .parser(new QueryLineParser())
            .completer(new QueryCompleter(new CompletionData(backend, clockMs)))
            .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P   …> ")
            .variable(LineReader.HISTORY_SIZE, 5000)
            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
            .option(LineReader.Option.INSERT_TAB, false)
            .option(LineReader.Option.AUTO_FRESH_LINE, true);
        if (historyFile != null) {
            b.variable(LineReader.HISTORY_FILE, historyFile);
        }
        return b.build();
    }

    /**
     * Runs one query. Ctrl-C meanwhile interrupts this thread (abandoning an HTTP request)
     * instead of ending the JVM.
     */
    private List<String> query(String input) {
        Thread me = Thread.currentThread();
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, sig -> me.interrupt());
        try {
            QueryRunner.Outcome o = QueryRunner.run(backend, QueryRunner.request(input, settings, clockMs.getAsLong()),
                settings.format(), width(), zone);
            return o.lines();
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
            Thread.interrupted();
        }
    }

    /** Runs a {@code :command}; false when the REPL should end. */
    private boolean command(String input, PrintWriter out) {
        Commands.Result r = Commands.run(input, settings, clockMs.getAsLong());
        if (r instanceof Commands.Quit) {
            return false;
        }
        if (r instanceof Commands.Changed c) {
            settings = c.settings();
            print(out, List.of(c.message()), false);
        } else if (r instanceof Commands.Help h) {
            print(out, h.lines(), false);
        } else if (r instanceof Commands.Failed f) {
            print(out, List.of(f.message()), true);
        }
        return true;
    }

    private void banner(PrintWriter out) {
        print(out, List.of("Hindsight PromQL on " + backend.describe()
            + ". Tab completes, :help lists commands, Ctrl-D quits."), false);
        long newest = backend.newestSampleMs();
        long now = clockMs.getAsLong();
        if (newest != Long.MIN_VALUE && now - newest > STALE_MS) {
            print(out, List.of("The newest sample is from " + TimeArgs.show(newest, zone) + " " + ChartRenderer.zoneName(zone) + " ("
                + TimeArgs.showDuration((now - newest) / 1000 * 1000) + " ago): try :at "
                + java.time.Instant.ofEpochMilli(newest) + " or :range."), false);
        }
    }

    private String prompt() {
        StringBuilder p = new StringBuilder("promql");
        if (settings.range()) {
            p.append('[').append(TimeArgs.showDuration(settings.rangeMs())).append(':')
                .append(TimeArgs.showDuration(settings.stepMs())).append(']');
        }
        if (settings.at().isPresent()) {
            p.append('@').append(TimeArgs.show(settings.at().getAsLong(), zone));
        }
        return p.append("> ").toString();
    }

    private int width() {
        int w = terminal.getWidth();
        return w <= 0 ? DEFAULT_WIDTH : w;
    }

    private void print(PrintWriter out, List<String> lines, boolean error) {
        for (String l : lines) {
            if (error || l.startsWith("error:")) {
                out.println(new AttributedString(l, AttributedStyle.DEFAULT.foreground(AttributedStyle.RED))
                    .toAnsi(terminal));
            } else {
                out.println(l);
            }
        }
        out.flush();
    }

    private static void saveHistory(History history) {
        try {
            history.save();
        } catch (IOException e) {
            // history is a convenience: losing it must not fail the session
        }
    }
}
