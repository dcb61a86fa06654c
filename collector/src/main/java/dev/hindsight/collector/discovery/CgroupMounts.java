package dev.hindsight.collector.discovery;

import dev.hindsight.collector.cgroup.CgroupController;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Where the cgroup hierarchies are mounted, read from {@code /proc/self/mountinfo}: one
 * directory per v1 controller (two controllers may share one mount, e.g. {@code cpu,cpuacct})
 * and the v2 unified mount. Never hard-coded.
 *
 * @param v1      v1 controller to mount point; empty on a pure v2 host
 * @param unified the cgroup2 mount point, or null
 */
public record CgroupMounts(Map<CgroupController, Path> v1, Path unified) {

    public CgroupMounts {
        v1 = Collections.unmodifiableMap(new EnumMap<>(v1.isEmpty() ? new EnumMap<>(CgroupController.class) : v1));
    }

    /** Which hierarchy the collector reads: v1 when v1 has cpu or memory, else v2 when mounted. */
    public enum Mode { V1, V2, NONE }

    public Mode mode() {
        if (v1.containsKey(CgroupController.MEMORY) || v1.containsKey(CgroupController.CPU)
                || v1.containsKey(CgroupController.CPUACCT)) {
            return Mode.V1;
        }
        return unified != null ? Mode.V2 : Mode.NONE;
    }

    /** Whether both v1 controllers and a v2 mount exist (a "hybrid" host). */
    public boolean hybrid() {
        return !v1.isEmpty() && unified != null;
    }

    /**
     * The hierarchy whose directory tree defines which containers exist: memory (as
     * cAdvisor), else cpu, else cpuacct, else pids in v1; the unified mount in v2.
     */
    public Path primary() {
        if (mode() == Mode.V2) {
            return unified;
        }
        for (CgroupController c : new CgroupController[] {CgroupController.MEMORY, CgroupController.CPU,
                CgroupController.CPUACCT, CgroupController.PIDS}) {
            Path p = v1.get(c);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    /**
     * Hierarchies under an explicit root (e.g. {@code /host/sys/fs/cgroup} in a container):
     * the root itself when it is a v2 hierarchy, else each child directory named after its
     * controllers ({@code memory}, {@code cpu,cpuacct}, ...) and an optional {@code unified}.
     */
    public static CgroupMounts fromRoot(Path root) throws IOException {
        if (Files.exists(root.resolve("cgroup.controllers"))) {
            return new CgroupMounts(Map.of(), root);
        }
        EnumMap<CgroupController, Path> v1 = new EnumMap<>(CgroupController.class);
        Path unified = null;
        try (var children = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (name.equals("unified") && Files.exists(child.resolve("cgroup.controllers"))) {
                    unified = child;
                    continue;
                }
                for (String part : name.split(",")) {
                    for (CgroupController c : CgroupController.values()) {
                        if (c != CgroupController.UNIFIED && c.controllerName.equals(part)) {
                            v1.putIfAbsent(c, child);
                        }
                    }
                }
            }
        }
        return new CgroupMounts(v1, unified);
    }

    public static CgroupMounts read(Path mountinfo) throws IOException {
        return parse(Files.readString(mountinfo, StandardCharsets.UTF_8));
    }

    /**
     * Parses mountinfo text. Each line: {@code id parent maj:min root mountpoint options
     * [optional fields...] - fstype source superoptions}; v1 controllers are named in the
     * super options.
     */
    public static CgroupMounts parse(String mountinfo) {
        EnumMap<CgroupController, Path> v1 = new EnumMap<>(CgroupController.class);
        Path unified = null;
        for (String line : mountinfo.split("\n")) {
            String[] f = line.trim().split(" ");
            int dash = indexOf(f, "-");
            if (dash < 6 || dash + 3 >= f.length) {
                continue;
            }
            String fsType = f[dash + 1];
            Path mountPoint = Path.of(unescape(f[4]));
            if (fsType.equals("cgroup2")) {
                if (unified == null) {
                    unified = mountPoint;
                }
            } else if (fsType.equals("cgroup")) {
                for (String opt : f[dash + 3].split(",")) {
                    for (CgroupController c : CgroupController.values()) {
                        if (c != CgroupController.UNIFIED && c.controllerName.equals(opt)) {
                            v1.putIfAbsent(c, mountPoint);
                        }
                    }
                }
            }
        }
        return new CgroupMounts(v1, unified);
    }

    private static int indexOf(String[] fields, String s) {
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].equals(s)) {
                return i;
            }
        }
        return -1;
    }

    /** mountinfo escapes space, tab, newline and backslash as octal {@code \040} etc. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()) {
                sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
