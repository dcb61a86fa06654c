package dev.hindsight.collector.docker;

/** Recognises Docker container ids in cgroup paths ({@code /docker/<id>}, {@code docker-<id>.scope}). */
public final class DockerIds {
    private DockerIds() {
    }

    /** The 64-hex container id in the last element of a cgroup path, or null. */
    public static String fromCgroupPath(String path) {
        int slash = path.lastIndexOf('/');
        String last = path.substring(slash + 1);
        if (last.startsWith("docker-") && last.endsWith(".scope")) {
            last = last.substring("docker-".length(), last.length() - ".scope".length());
        }
        if (last.length() != 64) {
            return null;
        }
        for (int i = 0; i < 64; i++) {
            char c = last.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return null;
            }
        }
        return last;
    }
}
