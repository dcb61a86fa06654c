package dev.hindsight.storage.files;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems a file reader or writer ran into (damaged files, failed writes), each reported
 * once, in order; safe for concurrent use. A problem names its path.
 */
public final class ProblemList {
    private final List<String> problems = new ArrayList<>();

    /** Records a problem unless the same one is already recorded. */
    public synchronized void add(String problem) {
        if (!problems.contains(problem)) {
            problems.add(problem);
        }
    }

    /** A copy of the problems so far. */
    public synchronized List<String> list() {
        return List.copyOf(problems);
    }
}
